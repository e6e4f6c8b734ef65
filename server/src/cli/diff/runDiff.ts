/**
 * `incident-docs diff --base REF [PATH...]`: every inventory the change touches, compared in
 * certificate terms (core/inventory/diff.ts). The base version of each file comes from git, the
 * new one from the working tree; both are read, configured and linted as `lint` does, so the
 * findings introduced and resolved are the ones `lint` reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '../../core/config';
import { diffInventories, type InventoryDiff } from '../../core/inventory/diff';
import type { CertModel } from '../../core/inventory/model';
import { analyze, lintAnalysis, typesForKind } from '../../core/lint';
import { TOO_LARGE_RULE } from '../../core/ruleReference';
import type { Finding } from '../../core/types';
import { WorkspaceError } from '../../core/workspace/errors';
import { decodeText, readDocumentFile } from '../../core/workspace/readFile';
import { ConfigResolver } from '../configs';
import { CliError, EXIT_OK, EXIT_USAGE } from '../errors';
import { displayPath } from '../paths';
import type { CliIO } from '../runLint';
import { pathspecs, readBlob, resolveBase, touchedFiles, type TouchedFile } from './git';
import { diffJson } from './json';
import { diffMarkdown } from './markdown';
import type { DiffFormat, DiffReport, FileDiff } from './types';

export { DIFF_FORMATS } from './types';
export type { DiffFormat, DiffReport, FileDiff } from './types';

export interface DiffCommandOptions {
  base: string;
  format?: DiffFormat;
  now?: Date;
  config?: string;
}

interface Version {
  model?: CertModel | undefined;
  findings: Finding[];
  /** Not read or not parsed, and why. */
  problem?: string;
  inventory: boolean;
}

const INVENTORY_TYPES = typesForKind('inventory');
/** The least text an inventory holds: a path that does not match with it matches with no text. */
const LEAST_INVENTORY = 'certificates: []\n';

/** Prints the diff; 0 when it was printed, 2 when a file could not be read. */
export async function runDiff(paths: string[], options: DiffCommandOptions, io: CliIO): Promise<number> {
  const report = await inventoryDiffs(paths, options, io);
  io.stdout(options.format === 'json' ? diffJson(report) : diffMarkdown(report));
  return report.failed > 0 ? EXIT_USAGE : EXIT_OK;
}

export async function inventoryDiffs(paths: string[], options: DiffCommandOptions, io: CliIO): Promise<DiffReport> {
  const base = await resolveBase(options.base, io.cwd);
  const specs = pathspecs(paths, io.cwd, base.root);
  const touched = await touchedFiles(base.root, base.mergeBase, specs);
  const configs = new ConfigResolver({
    explicitFile: options.config,
    ruleOverrides: {},
    cwd: io.cwd,
    warn: (message) => io.stderr(`incident-docs: warning: ${message}`),
  });
  const now = options.now ?? new Date();
  const report: DiffReport = { base: { ref: options.base, commit: base.commit, mergeBase: base.mergeBase }, files: [], failed: 0 };
  for (const file of touched) {
    const absolute = path.join(base.root, ...file.path.split('/'));
    const shown = displayPath(absolute, io.cwd);
    let config: Config;
    try {
      config = configs.configFor(absolute);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      report.failed++;
      io.stderr(`incident-docs: ${shown}: not compared: ${e.message}`);
      continue;
    }
    const document = { path: absolute, root: configs.rootFor(absolute) };
    // The same detection as lint: a path that could not hold an inventory (a post-mortem, any other
    // extension) is not read; each version read is then detected by its own text.
    if (!INVENTORY_TYPES.some((t) => t.matches({ ...document, text: LEAST_INVENTORY }, config))) continue;
    const fail = (message: string) => {
      report.failed++;
      io.stderr(`incident-docs: ${message}`);
    };
    const before = file.status === 'added' ? absent() : await oldVersion(base.root, file, { ...document, config, now, shown, fail });
    const after = file.status === 'deleted' ? absent() : await newVersion({ ...document, config, now, shown, fail });
    if (!before.inventory && !after.inventory && !before.problem && !after.problem) continue;
    const entry: FileDiff = { file: shown, status: file.status, inventory: { before: before.inventory, after: after.inventory } };
    const problem = before.problem ?? after.problem;
    if (problem) entry.notCompared = problem;
    else entry.diff = diffInventories({ model: before.model, findings: before.findings }, { model: after.model, findings: after.findings }, { config, now });
    report.files.push(entry);
  }
  return report;
}

interface ReadContext {
  path: string;
  root: string;
  config: Config;
  now: Date;
  shown: string;
  fail(message: string): void;
}

function absent(): Version {
  return { findings: [], inventory: false };
}

async function oldVersion(root: string, file: TouchedFile, context: ReadContext): Promise<Version> {
  if (!file.oldBlob) return { findings: [], inventory: false, problem: `the base version is ${file.oldNotAFile ?? 'not a regular file'}` };
  try {
    const { bytes, truncated } = await readBlob(root, file.oldBlob, context.config.maxFileSizeBytes);
    return versionOf(decodeText(bytes), truncated, context);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    context.fail(`${context.shown}: base version not read: ${e.message}`);
    return { findings: [], inventory: false, problem: 'the base version could not be read' };
  }
}

async function newVersion(context: ReadContext): Promise<Version> {
  // A link is not followed: it could lead out of the repository.
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(context.path);
  } catch {
    context.fail(`${context.shown}: not compared: it vanished while being read`);
    return { findings: [], inventory: false, problem: 'the file could not be read' };
  }
  if (stat.isSymbolicLink()) return { findings: [], inventory: false, problem: 'the file is a symbolic link' };
  try {
    const { text, truncated } = await readDocumentFile(context.path, context.config.maxFileSizeBytes, context.shown);
    return versionOf(text, truncated, context);
  } catch (e) {
    if (!(e instanceof WorkspaceError)) throw e;
    context.fail(e.message);
    return { findings: [], inventory: false, problem: 'the file could not be read' };
  }
}

/** Parses and lints one version as lint would; `problem` when it is too large to compare. */
function versionOf(text: string, truncated: boolean, context: ReadContext): Version {
  const document = { path: context.path, root: context.root, text, truncated };
  const analysis = analyze(document, context.config, { now: context.now });
  const findings = lintAnalysis(analysis, { now: context.now });
  const model = analysis.parsed.find((p) => p.model.kind === 'inventory')?.model as CertModel | undefined;
  if (analysis.documentFindings.some((f) => f.rule === TOO_LARGE_RULE)) {
    return { findings, inventory: false, problem: `a version is larger than maxFileSizeBytes (${context.config.maxFileSizeBytes} bytes) or nests too deeply` };
  }
  return { model, findings, inventory: model !== undefined };
}
