import { availableParallelism } from 'node:os';
import type { CertFileFacts } from '../core/inventory/crossFile';
import { typesForKind, type Analysis } from '../core/lint';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS } from '../core/live/defaults';
import { allRules, ruleDocsUrl } from '../core/ruleReference';
import type { DocumentKind } from '../core/types';
import { changedFilesSince, keepChanged } from './changedSince';
import { FileChecker, reportOf, type CheckEvent } from './checkFile';
import { crossFileIndex, factsOfAnalysis, readsOtherFiles } from './crossFileIndex';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './errors';
import { asCliErrorAsync } from './usageErrors';
import { formatterNamed, type FileReport, type FormatContext, type RuleDescription } from './format';
import { countFindings, type SeverityCounts } from './format/summary';
import { checkRuleIds } from './checkRuleIds';
import { LintWorkers } from './lintWorkers';
import { ruleOverridesToRules, type RuleOverride } from './options';
import { displayPath } from './paths';
import type { ProgressUnit } from './progressUnits';
import type { LiveProbeOptions } from './liveProbes';
import { fixingOf, fixSummary, remainingSummary } from './fixing';
import type { LintJob } from './workers/lintWorker';
import { workersAvailable } from './workers/pool';
import { expandPaths } from '../core/workspace/expandPaths';

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
  /** Worker threads checking the files (default: one per core, for runs long enough to gain from them). */
  jobs?: number;
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
  /** A progress line for files checked or hosts probed, when stderr is a terminal. */
  progress?(unit: ProgressUnit): (done: number, total: number) => void;
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
  const now = options.now ?? new Date();
  const ruleOverrides = ruleOverridesToRules(options.rule ?? []);
  const settings = { cwd: io.cwd, now, kind: options.kind, fixing, allowPathsOutsideWorkspace: options.allowPathsOutsideWorkspace };
  const checker = new FileChecker({ explicitFile: options.config, ruleOverrides }, settings);
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
  // Settings problems are said once per run, whichever thread met them.
  const configProblems = new Set<string>();
  const say = (events: CheckEvent[]) => {
    for (const { type, message } of events) {
      if (type === 'fail') fail(message);
      else if (type === 'internal') {
        failed++;
        io.stderr(`incident-docs: ${message}`);
      } else if (type === 'warn' || !configProblems.has(message)) {
        if (type === 'config') configProblems.add(message);
        io.stderr(`incident-docs: warning: ${message}`);
      }
    }
  };
  say(checker.takeEvents());
  const expanded = await asCliErrorAsync(() => expandPaths(inputs, io.cwd, { warn: fail, show: (f) => displayPath(f, io.cwd) }));
  const files = options.changedSince ? keepChanged(expanded, changedFilesSince(options.changedSince, io.cwd)) : expanded;

  const fixed = { dryRun: !!fixing?.dryRun, files: 0, fixes: 0, diffs: [] as string[] };
  const countFixes = (check: { changed: boolean; fixes: number; diff?: string }) => {
    if (!check.changed) return;
    fixed.files++;
    fixed.fixes += check.fixes;
    if (check.diff !== undefined) fixed.diffs.push(check.diff);
  };
  const progress = io.progress?.('files');
  // Every file given (and, with --changed-since, the ones left unchecked) for the cross-file rules.
  const checked = new Set(files);
  const unchecked = expanded.filter((f) => !checked.has(f));
  const run: Run = { files, unchecked, checker, options, now, io, progress, say, countFixes };
  const workers = workerCount(options, files.length);
  const reports = workers > 1 ? await checkInWorkers(run, workers, { ...settings, now: now.toISOString(), config: options.config, ruleOverrides }) : await checkHere(run);

  // --max-warnings counts every warning, also under --quiet, so quiet output cannot hide a failing budget.
  const counts = countFindings(reports);
  const shown = options.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : reports;
  const tooManyWarnings = options.maxWarnings !== undefined && counts.warning > options.maxWarnings;
  const exitCode = failed > 0 ? EXIT_USAGE : counts.error > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
  return { reports, shown, counts, tooManyWarnings, fixed, exitCode };
}

/** What checking the files needs to know and where it reports (see lintFiles). */
interface Run {
  files: string[];
  /** Read for the cross-file rules only (--changed-since). */
  unchecked: string[];
  checker: FileChecker;
  options: LintCommandOptions;
  now: Date;
  io: CliIO;
  progress?: (done: number, total: number) => void;
  say(events: CheckEvent[]): void;
  countFixes(check: { changed: boolean; fixes: number; diff?: string }): void;
}

/** The files checked in worker threads (lintWorkers.ts); what they say is said in the files' order. */
async function checkInWorkers(run: Run, workers: number, job: LintJob): Promise<FileReport[]> {
  const { files, progress } = run;
  const pool = new LintWorkers(files, job, workers);
  try {
    const results = await pool.check(progress && ((done) => progress(done, files.length)));
    for (const result of results) {
      run.say(result.events);
      run.countFixes(result);
    }
    const workspace = await crossFileIndex(results.map((r) => r.facts), run.unchecked, run.checker.configs);
    run.say(run.checker.takeEvents());
    for (const [index, report] of await pool.finish(results, [...workspace.all()])) results[index].report = report;
    return results.flatMap((r) => (r.report ? [r.report] : []));
  } finally {
    await pool.close();
  }
}

/** The files checked in this thread, as a worker checks them; --live probes the inventories between. */
async function checkHere(run: Run): Promise<FileReport[]> {
  const { files, options, now } = run;
  // A file no other file has a say in is linted at once, and its parse let go: held to the end,
  // the parses of a large repository took gigabytes and a sixth of the time in garbage collection.
  const slots: (FileReport | { shown: string; analysis: Analysis })[] = [];
  const facts: (CertFileFacts | undefined)[] = [];
  files.forEach((file, i) => {
    const { analysis, events, ...check } = run.checker.check(file);
    run.say(events);
    run.countFixes(check);
    if (analysis) {
      facts.push(factsOfAnalysis(analysis));
      slots.push(readsOtherFiles(analysis) ? { shown: check.shown, analysis } : reportOf(check.shown, analysis, { now, kind: options.kind }));
    }
    run.progress?.(i + 1, files.length);
  });
  const waiting = slots.flatMap((s) => ('analysis' in s ? [s.analysis] : []));
  // The TLS probing and certificate parsing only with --live: a plain lint never evaluates them.
  const live = options.live ? await liveProbes().probeInventories(waiting, liveOptions(options, now, run.io)) : undefined;
  const workspace = await crossFileIndex(facts, run.unchecked, run.checker.configs);
  run.say(run.checker.takeEvents());
  return slots.map((s) => ('analysis' in s ? reportOf(s.shown, s.analysis, { now, kind: options.kind, live, workspace }) : s));
}

/** Below this many files per worker, a default run stays in one thread: starting a worker costs more than it saves. */
const FILES_PER_WORKER = 100;

/**
 * How many threads check the files. --jobs is taken as given (up to one per file); the default,
 * one per core, only for runs long enough to gain from it. --live keeps to one thread: the probes'
 * results and the inventories they concern meet in it.
 */
function workerCount(options: LintCommandOptions, files: number): number {
  if (options.live || !workersAvailable()) return 1;
  if (options.jobs !== undefined) return Math.min(options.jobs, files);
  return Math.min(availableParallelism(), Math.floor(files / FILES_PER_WORKER));
}

const liveProbes = () => require('./liveProbes') as typeof import('./liveProbes');

function liveOptions(options: LintCommandOptions, now: Date, io: CliIO): LiveProbeOptions {
  return {
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
    now,
    progress: io.progress?.('hosts'),
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
