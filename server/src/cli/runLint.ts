import { analyze, lintAnalysis, typesForKind, type Analysis } from '../core/lint';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS } from '../core/live/defaults';
import { allRules, ruleDocsUrl } from '../core/ruleReference';
import type { DocumentKind } from '../core/types';
import { changedFilesSince, keepChanged } from './changedSince';
import { crossFileIndex } from './crossFileIndex';
import { ConfigResolver } from './configs';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './errors';
import { asCliErrorAsync } from './usageErrors';
import { formatterNamed, type FileReport, type FormatContext, type RuleDescription } from './format';
import { countFindings, type SeverityCounts } from './format/summary';
import { checkRuleIds } from './checkRuleIds';
import { ruleOverridesToRules, type RuleOverride } from './options';
import { displayPath } from './paths';
import type { LiveProbeOptions } from './liveProbes';
import { unifiedDiff } from './unifiedDiff';
import { writeFixed } from './writeFixed';
import { fixAll } from '../core/fix/fixAll';
import { fixingOf, fixSummary, remainingSummary, STOPPED } from './fixing';
import { expandPaths } from '../core/workspace/expandPaths';
import { readDocumentFile } from '../core/workspace/readFile';
import { WorkspaceError } from '../core/workspace/errors';

export interface LintCommandOptions {
  format: string;
  now?: Date;
  config?: string;
  kind?: DocumentKind;
  rule?: RuleOverride[];
  quiet?: boolean;
  maxWarnings?: number;
  /** Only the PATHs' files changed since this git ref (and untracked ones): the pull-request case. */
  changedSince?: string;
  /** Probe every inventory host (a real TLS handshake each) and add cert/live-* findings. */
  live?: boolean;
  concurrency?: number;
  timeout?: number;
  /** With --live: a client certificate and key (PEM files) for hosts whose entry names none. */
  cert?: string;
  key?: string;
  /** Lets pemFile and extraCaFiles leave the repository; only the command line may say so. */
  allowPathsOutsideWorkspace?: boolean;
  /** Apply every safe fix and write the files, then report what remains. */
  fix?: boolean;
  /** Print what --fix would change as a unified diff; write nothing. */
  fixDryRun?: boolean;
  /** Fix only these rules' findings. */
  fixRule?: string[];
}

export interface CliIO {
  cwd: string;
  color: boolean;
  version: string;
  stdout(text: string): void;
  /** One line to stderr, without the trailing newline. */
  stderr(line: string): void;
  /** Progress of live probes, when stderr is a terminal. */
  progress?(done: number, total: number): void;
}

/** `incident-docs lint`: files in, findings out. All checking happens in the core's lint(). */
export async function runLint(inputs: string[], options: LintCommandOptions, io: CliIO): Promise<number> {
  const formatter = formatterNamed(options.format);
  if (!formatter) throw new CliError(`unknown format "${options.format}"`);
  const result = await lintFiles(inputs, options, io);
  if (result.fixed.dryRun) {
    // The diff is the output; what would remain is counted on stderr, where it cannot break a patch.
    io.stdout(result.fixed.diffs.join(''));
    io.stderr(`incident-docs: --fix-dry-run: ${fixSummary(result.fixed, true)}; ${remainingSummary(result.counts)}`);
  } else {
    io.stdout(formatter.format(result.shown, formatContext(io)));
    if (result.fixed.fixes > 0) io.stderr(`incident-docs: ${fixSummary(result.fixed, false)}`);
  }
  reportWarningBudget(result, options, io);
  return result.exitCode;
}

/** What every format is given besides the reports. */
export function formatContext(io: Pick<CliIO, 'color' | 'version' | 'cwd'>): FormatContext {
  return { color: io.color, rules: describeRules(), toolVersion: io.version, showPath: (file) => displayPath(file, io.cwd) };
}

/** The --max-warnings message, on stderr after the findings. */
export function reportWarningBudget(result: LintResult, options: LintCommandOptions, io: CliIO): void {
  if (result.tooManyWarnings) io.stderr(`incident-docs: ${result.counts.warning} warnings, more than --max-warnings ${options.maxWarnings}`);
}

export interface LintResult {
  /** Every finding of every checked file. */
  reports: FileReport[];
  /** What is shown: under --quiet, errors only. */
  shown: FileReport[];
  counts: SeverityCounts;
  tooManyWarnings: boolean;
  fixed: { dryRun: boolean; files: number; fixes: number; diffs: string[] };
  exitCode: number;
}

/** Reads, fixes (with --fix) and checks the files; the caller decides what to print. */
export async function lintFiles(inputs: string[], options: LintCommandOptions, io: CliIO): Promise<LintResult> {
  checkKind(options.kind);
  checkRuleIds(options.rule ?? []);
  const fixing = fixingOf(options);
  const configs = new ConfigResolver({
    explicitFile: options.config,
    ruleOverrides: ruleOverridesToRules(options.rule ?? []),
    allowPathsOutsideWorkspace: options.allowPathsOutsideWorkspace,
    cwd: io.cwd,
    warn: (message) => io.stderr(`incident-docs: warning: ${message}`),
  });
  let failed = 0;
  const reportedErrors = new Set<string>();
  // Unreadable files and folders are skipped and reported; the rest is still linted, and the exit
  // code (2) says something was not checked.
  const fail = (message: string) => {
    failed++;
    if (reportedErrors.has(message)) return;
    reportedErrors.add(message);
    io.stderr(`incident-docs: ${message}`);
  };
  const expanded = await asCliErrorAsync(() => expandPaths(inputs, io.cwd, { warn: fail, show: (f) => displayPath(f, io.cwd) }));
  const files = options.changedSince ? keepChanged(expanded, changedFilesSince(options.changedSince, io.cwd)) : expanded;
  const now = options.now ?? new Date();

  const reports: FileReport[] = [];
  const analyses: { shown: string; analysis: Analysis }[] = [];
  const fixed = { dryRun: !!fixing?.dryRun, files: 0, fixes: 0, diffs: [] as string[] };
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    let source: { config: ReturnType<ConfigResolver['configFor']>; text: string; truncated: boolean; bytes: Buffer };
    try {
      const config = configs.configFor(file);
      source = { config, ...(await readDocumentFile(file, config.maxFileSizeBytes, shown)) };
    } catch (e) {
      if (!(e instanceof CliError || e instanceof WorkspaceError)) throw e;
      fail(e instanceof CliError ? `${shown}: not checked: ${e.message}` : e.message);
      continue;
    }
    try {
      const document = { path: file, text: source.text, truncated: source.truncated, root: configs.rootFor(file) };
      const lintOptions = { now, kind: options.kind };
      if (!fixing) {
        analyses.push({ shown, analysis: analyze(document, source.config, lintOptions) });
        continue;
      }
      const result = fixAll(document, source.config, lintOptions, { rules: fixing.rules });
      if (result.stopped) io.stderr(`incident-docs: warning: ${shown}: ${STOPPED[result.stopped]}`);
      let analysis = result.analysis;
      if (result.changes.length > 0) {
        try {
          if (fixing.dryRun) fixed.diffs.push(unifiedDiff(shown, result.original, result.changes));
          else writeFixed({ file, shown, bytes: source.bytes, text: result.text, root: document.root, allowOutside: !!options.allowPathsOutsideWorkspace });
          fixed.files++;
          fixed.fixes += result.applied.length;
        } catch (e) {
          if (!(e instanceof CliError)) throw e;
          fail(e.message);
          // Not written: what remains is what the file still holds.
          analysis = analyze(document, source.config, lintOptions);
        }
      }
      analyses.push({ shown, analysis });
    } catch (e) {
      // The core reports rule failures as findings; reaching here is a bug, but one file must not hide the others.
      failed++;
      io.stderr(`incident-docs: ${shown}: internal error while checking (${(e as Error)?.message ?? String(e)}); please report it`);
    }
  }

  // The TLS probing and certificate parsing only with --live: a plain lint never evaluates them.
  const live = options.live ? await liveProbes().probeInventories(analyses.map((a) => a.analysis), liveOptions(options, now, io)) : undefined;
  // Every file given (and, with --changed-since, the ones left unchecked) for the cross-file rules.
  const checked = new Set(files);
  const workspace = await crossFileIndex(analyses.map((a) => a.analysis), expanded.filter((f) => !checked.has(f)), configs);
  for (const { shown, analysis } of analyses) {
    reports.push({ file: shown, findings: lintAnalysis(analysis, { now, kind: options.kind, live, workspace }), text: analysis.document.text });
  }

  // --max-warnings counts every warning, also under --quiet, so quiet output cannot hide a failing budget.
  const counts = countFindings(reports);
  const shown = options.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : reports;
  const tooManyWarnings = options.maxWarnings !== undefined && counts.warning > options.maxWarnings;
  const exitCode = failed > 0 ? EXIT_USAGE : counts.error > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
  return { reports, shown, counts, tooManyWarnings, fixed, exitCode };
}

const liveProbes = () => require('./liveProbes') as typeof import('./liveProbes');

function liveOptions(options: LintCommandOptions, now: Date, io: CliIO): LiveProbeOptions {
  return {
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
    now,
    progress: io.progress,
    clientIdentity: (require('./clientIdentity') as typeof import('./clientIdentity')).readClientIdentity(options.cert, options.key, io.cwd),
    warn: (message) => io.stderr(`incident-docs: warning: ${message}`),
  };
}

function describeRules(): RuleDescription[] {
  return allRules().map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, summary: r.docs.summary, helpUri: ruleDocsUrl(r.id) }));
}

function checkKind(kind: DocumentKind | undefined): void {
  if (kind && typesForKind(kind).length === 0) {
    throw new CliError(`--kind ${kind}: this version cannot check ${kind} documents yet`);
  }
}
