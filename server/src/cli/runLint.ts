import { distance } from 'fastest-levenshtein';
import { analyze, lintAnalysis, typesForKind, type Analysis } from '../core/lint';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS } from '../core/live';
import { allRules, ruleDocsUrl, ruleIds } from '../core/ruleReference';
import type { DocumentKind } from '../core/types';
import { changedFilesSince, keepChanged } from './changedSince';
import { ConfigResolver } from './configs';
import { asCliErrorAsync, CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './errors';
import { formatterNamed, type FileReport, type RuleDescription } from './format';
import { countFindings } from './format/summary';
import { ruleOverridesToRules, type RuleOverride } from './options';
import { displayPath } from './paths';
import { probeInventories, type LiveProbeOptions } from './liveProbes';
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
  /** Lets pemFile and extraCaFiles leave the repository; only the command line may say so. */
  allowPathsOutsideWorkspace?: boolean;
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
  checkKind(options.kind);
  checkRuleIds(options.rule ?? []);
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
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    let source: { config: ReturnType<ConfigResolver['configFor']>; text: string; truncated: boolean };
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
      analyses.push({ shown, analysis: analyze(document, source.config, { now, kind: options.kind }) });
    } catch (e) {
      // The core reports rule failures as findings; reaching here is a bug, but one file must not hide the others.
      failed++;
      io.stderr(`incident-docs: ${shown}: internal error while checking (${(e as Error)?.message ?? String(e)}); please report it`);
    }
  }

  const live = options.live ? await probeInventories(analyses.map((a) => a.analysis), liveOptions(options, now, io)) : undefined;
  for (const { shown, analysis } of analyses) {
    reports.push({ file: shown, findings: lintAnalysis(analysis, { now, kind: options.kind, live }) });
  }

  // --max-warnings counts every warning, also under --quiet, so quiet output cannot hide a failing budget.
  const counts = countFindings(reports);
  const shownReports = options.quiet
    ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }))
    : reports;
  io.stdout(formatter.format(shownReports, { color: io.color, rules: describeRules(), toolVersion: io.version }));

  const tooManyWarnings = options.maxWarnings !== undefined && counts.warning > options.maxWarnings;
  if (tooManyWarnings) {
    io.stderr(`incident-docs: ${counts.warning} warnings, more than --max-warnings ${options.maxWarnings}`);
  }
  if (failed > 0) return EXIT_USAGE;
  return counts.error > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}

function liveOptions(options: LintCommandOptions, now: Date, io: CliIO): LiveProbeOptions {
  return {
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
    now,
    progress: io.progress,
    warn: (message) => io.stderr(`incident-docs: warning: ${message}`),
  };
}

function describeRules(): RuleDescription[] {
  return allRules().map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, summary: r.docs.summary, helpUri: ruleDocsUrl(r.id) }));
}

/** A misspelt --rule would silently do nothing; in CI that hides findings, so refuse it. */
function checkRuleIds(overrides: RuleOverride[]): void {
  const known = ruleIds();
  for (const { rule } of overrides) {
    if (known.includes(rule)) continue;
    const closest = known.reduce((best, id) => (distance(id, rule) < distance(best, rule) ? id : best), known[0] ?? '');
    const hint = closest && distance(closest, rule) <= 3 ? ` (did you mean ${closest}?)` : '';
    throw new CliError(`--rule: unknown rule "${rule}"${hint}; \`incident-docs rules\` lists them`);
  }
}

function checkKind(kind: DocumentKind | undefined): void {
  if (kind && typesForKind(kind).length === 0) {
    throw new CliError(`--kind ${kind}: this version cannot check ${kind} documents yet`);
  }
}
