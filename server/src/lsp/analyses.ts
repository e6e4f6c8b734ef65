import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config } from '../core/config';
import { analyzeSteps, lintSteps, overBudgetFinding, type Analysis, type LintOptions, type LintProgress, type RuleFindings } from '../core/lint';
import { previewFindings } from '../core/preview';
import type { RuleContext } from '../core/rule';
import type { Steps } from '../core/steps';
import type { Finding, SourceDocument } from '../core/types';
import type { LiveObservations } from '../core/live/observations';
import type { CertWorkspace } from '../core/inventory/workspaceFacts';
import type { LiveStore } from './liveStore';
import { ReadsInFlight, type ReadInFlight } from './readsInFlight';
import type { DocumentSettings } from './settings';
import { runSteps, type StepControl, type StepOutcome } from './stepRunner';
import { uriToPath } from './uri';

/**
 * The CPU time one version of one document may spend being parsed and linted (not counting what
 * the server does in between). Past it the lint stops, and says so in one finding.
 */
export const LINT_BUDGET_MS = 10_000;
/** Edits closer together than this are a stream (typing is ~100 ms apart; a replayed history is not): analyses wait for a pause. */
const QUIET_MS = 4;

const STOPPED = Symbol('stopped');
/**
 * How long a workspace read's analysis of a file that is not open waits for the file's open (see
 * offerUnopened): the editor opens what the Certificates view has just read (the status bar's
 * certificate, a Look Up, the file itself at start-up), or the memory goes back.
 */
const ADOPT_WINDOW_MS = 60_000;

/** An analysis that was stopped because the document changed or closed: nobody wants its result. */
export class AnalysisCancelled extends Error {
  constructor(uri: string) {
    super(`analysis of ${uri} cancelled`);
  }
}

/** One version of one document, parsed once and shared by diagnostics, code actions, hovers, symbols and lenses. */
export class DocumentAnalysis {
  private lintResult: { findings: Finding[]; ruleFindings?: RuleFindings } | undefined;
  private usedUp = false;

  constructor(
    readonly version: number,
    readonly analysis: Analysis,
    readonly now: Date,
    readonly live?: LiveObservations,
  ) {}

  /**
   * Hands this analysis to the next version's incremental parse, which may update its model in
   * place: from then on it serves nothing. Its per-rule findings, when the lint ran whole, go along.
   */
  takeForNextVersion(): { analysis: Analysis; ruleFindings?: RuleFindings } | undefined {
    if (this.usedUp) return undefined;
    this.usedUp = true;
    return { analysis: this.analysis, ruleFindings: this.lintResult?.ruleFindings };
  }

  /** Handed to a later version, whose parse may have changed the model in place. */
  get taken(): boolean {
    return this.usedUp;
  }

  linted(result: { findings: Finding[]; ruleFindings?: RuleFindings }): void {
    this.lintResult = result;
  }

  get config(): Config {
    return this.analysis.config;
  }

  get context(): RuleContext {
    return { config: this.analysis.config, now: this.now, document: this.analysis.document, live: this.live };
  }

  /** Empty until the lint has run (a job hands out the analysis only then). */
  get findings(): Finding[] {
    return this.lintResult?.findings ?? [];
  }
}

/** What the cross-file cert/* rules need from the server's index of the workspace (certIndex.ts). */
export interface CrossFileHooks {
  workspace(): CertWorkspace;
  /** An open document's new parse: its Certificates and entries go into the index. */
  parsed(uri: string, analysis: Analysis): void;
}

/** The analysis of one version under one generation of settings, computed a slice at a time. */
class AnalysisJob {
  stopped = false;
  /** Other files changed what its cross-file findings say (see relint): lint again, from this parse. */
  stale = false;
  /** No earlier analysis of the document to build on (an open, a new generation of settings): nothing of it shows yet. */
  readonly first: boolean;
  /** Set once the parse is complete: what the next version builds on. */
  parsed: DocumentAnalysis | undefined;
  promise!: Promise<DocumentAnalysis>;
  /** Settles once the parse is complete or will not be: the next version waits for it before taking its base. */
  readonly parseSettled: Promise<void>;
  settleParse!: () => void;
  /** Set once parseSettled has settled. */
  parseOver = false;
  /** The preview of a first analysis (AnalysisCache.preview), settled before its parse starts; let go once the parse is complete. */
  preview: Promise<DocumentPreview | undefined>;
  settlePreview!: (preview: DocumentPreview | undefined) => void;

  constructor(
    readonly version: number,
    readonly generation: number,
    /** The job of an earlier version, whose analysis this one may re-parse from (dropped once taken). */
    public previous: AnalysisJob | undefined,
  ) {
    this.parseSettled = new Promise((resolve) => {
      this.settleParse = () => {
        this.parseOver = true;
        resolve();
      };
    });
    this.first = previous === undefined;
    this.preview = new Promise((resolve) => (this.settlePreview = resolve));
  }

  /** The newest complete parse this job has, or was given, that no later version has taken yet. */
  base(): DocumentAnalysis | undefined {
    return this.parsed ?? this.previous?.base();
  }
}

/**
 * Analyses keyed by URI, valid for one document version under one generation of settings.
 * Settings or config-file changes start a new generation, so nothing stale is served. The work
 * runs in slices (stepRunner.ts): requests about other documents are answered in between, a new
 * version stops the analysis of the one before (whoever waits for it gets the newest), and a
 * version that takes longer than LINT_BUDGET_MS gets what was found by then and one finding.
 */
export class AnalysisCache {
  private readonly jobs = new Map<string, AnalysisJob>();
  private generation = 0;
  private lastChange = -Infinity;
  /** One file's analysis from disk that a workspace read is done with, until the file opens (offerUnopened). */
  private unopened: { uri: string; generation: number; analysis: Analysis; expiry: NodeJS.Timeout } | undefined;
  /** Workspace reads whose parse is under way: an open of the same text goes on from it (readsInFlight.ts). */
  private readonly reads = new ReadsInFlight();

  constructor(
    private readonly settings: DocumentSettings,
    private readonly clock: () => Date,
    private readonly live: LiveStore,
    /**
     * The document open under a URI now, if any: a stopped analysis is redone for it. Not the
     * object the analysis started from: closed and opened again (an untitled name reused), the
     * URI holds another document whose versions start again at 1.
     */
    private readonly openDocument: (uri: string) => TextDocument | undefined,
    private readonly budgetMs = LINT_BUDGET_MS,
    private readonly crossFile?: CrossFileHooks,
    /** Told when an open's parse was re-used from a workspace read's (offerUnopened, readsInFlight.ts): the log says so. */
    private readonly adopted?: (uri: string) => void,
  ) {}

  get(document: TextDocument): Promise<DocumentAnalysis> {
    const cached = this.jobs.get(document.uri);
    if (cached && !cached.stopped && !cached.stale && cached.version === document.version && cached.generation === this.generation) return cached.promise;
    // An earlier version of the same settings generation (or this one, gone stale): the new one re-parses only what changed.
    const previous = cached && cached.generation === this.generation && (cached.version < document.version || cached.stale) ? cached : undefined;
    if (cached) cached.stopped = true;
    const job = new AnalysisJob(document.version, this.generation, previous);
    job.promise = this.run(document, job);
    this.jobs.set(document.uri, job);
    // A failed analysis must not stay cached: the next request tries again.
    job.promise.catch(() => {
      if (this.jobs.get(document.uri) === job) this.jobs.delete(document.uri);
    });
    return job.promise;
  }

  /**
   * The current version's analysis as soon as its parse is complete, for an answer that needs no
   * findings (code lenses) when nothing of the document shows yet: a 5,000-entry inventory's lint
   * takes about as long as its parse, and the lenses waited it out after a cold open. The lint
   * goes on; `findings` stays empty until it is done, so this is never for diagnostics or code
   * actions. Nor for the outline and links: answered before the first squiggle, VS Code laid out
   * 1,000 symbols and the links first, and the squiggle came about 1 s later in the editor bench.
   */
  async parsed(document: TextDocument): Promise<DocumentAnalysis> {
    const whole = this.get(document);
    const job = this.jobs.get(document.uri);
    // After an edit the editor still shows the version before's lenses and outline; answered
    // between the lint's slices they would only put off the diagnostics the user waits for.
    if (!job || job.version !== document.version || !job.first) return whole;
    await job.parseSettled;
    const parsed = job.parsed;
    // Stopped or handed on meanwhile (a newer version came): the newest whole analysis answers.
    return parsed && !parsed.taken && !job.stopped ? parsed : whole;
  }

  /**
   * What the first lines of a large document just opened hold, found in a fraction of the whole
   * analysis's time (core/preview.ts), while its first parse is under way: the diagnostics and the
   * code lenses of the top of the file, which the editor shows first. Computed once for the
   * document's first analysis (the diagnostics and the lenses ask for it in either order); undefined
   * when the document has none or the parse is done.
   */
  async preview(document: TextDocument): Promise<DocumentPreview | undefined> {
    // The job whose parse the preview goes before: the one diagnostics and requests wait for.
    this.get(document).catch(() => undefined);
    const job = this.jobs.get(document.uri);
    if (!job?.first) return undefined;
    const preview = await job.preview;
    return preview && this.jobs.get(document.uri) === job && job.version === document.version && !job.stopped && !job.parseOver ? preview : undefined;
  }

  private sourceOf(document: TextDocument): SourceDocument {
    return {
      uri: document.uri,
      path: uriToPath(document.uri),
      text: document.getText(),
      languageId: document.languageId,
      root: this.settings.rootFor(document.uri),
    };
  }

  /** The document changed: the analysis of an older version stops at its next step. */
  changed(document: TextDocument): void {
    this.lastChange = performance.now();
    const job = this.jobs.get(document.uri);
    if (job && job.version < document.version) job.stopped = true;
  }

  /** Another file changed what this document's cross-file findings say: the next get() lints again, re-using the parse. */
  relint(uri: string): void {
    const job = this.jobs.get(uri);
    if (job) job.stale = true;
  }

  /**
   * A workspace read (the Certificates view's) is done with its analysis of a file that is not
   * open: the file's open may start from it instead of parsing the same text again. At start-up the
   * view reads every inventory before the user opens one, and a 5,000-entry inventory's parse is
   * seconds of CPU that the open's parse repeated while VS Code itself was starting. One file at a
   * time, for ADOPT_WINDOW_MS, in its settings generation; the open takes it only when its text is
   * the same (the re-parse of identical text builds the model on the same YAML Document), and from
   * then on nothing else holds it: its reader is done, and the open's edits may update it in place.
   */
  offerUnopened(uri: string, analysis: Analysis): void {
    this.dropUnopened();
    // Opened while it was read: the open parsed it itself.
    if (this.openDocument(uri)) return;
    const expiry = setTimeout(() => this.dropUnopened(), ADOPT_WINDOW_MS);
    expiry.unref();
    this.unopened = { uri, generation: this.generation, analysis, expiry };
  }

  /** The offered analysis of `uri` when it was made from `text` under this generation of settings; given once. */
  private adoptUnopened(uri: string, text: string): Analysis | undefined {
    const offered = this.unopened;
    if (offered?.uri !== uri) return undefined;
    this.dropUnopened();
    return offered.generation === this.generation && offered.analysis.document.text === text ? offered.analysis : undefined;
  }

  private dropUnopened(): void {
    clearTimeout(this.unopened?.expiry);
    this.unopened = undefined;
  }

  invalidateAll(): void {
    this.dropUnopened();
    this.reads.clear();
    this.generation++;
    for (const job of this.jobs.values()) job.stopped = true;
    this.jobs.clear();
  }

  delete(uri: string): void {
    const job = this.jobs.get(uri);
    if (job) job.stopped = true;
    this.jobs.delete(uri);
  }

  private async run(document: TextDocument, job: AnalysisJob): Promise<DocumentAnalysis> {
    let outcome: DocumentAnalysis | typeof STOPPED;
    try {
      outcome = await this.analyse(document, job);
    } finally {
      // Before a stopped job answers with a newer job's result: that job may be waiting for this one.
      job.settleParse();
      job.settlePreview(undefined);
    }
    return outcome === STOPPED ? this.afterStop(document) : outcome;
  }

  private async analyse(document: TextDocument, job: AnalysisJob): Promise<DocumentAnalysis | typeof STOPPED> {
    // Snapshot the text before awaiting: the document object changes in place on edits.
    const source = this.sourceOf(document);
    const { config } = await this.settings.resolve(document.uri);
    // The version before may be re-parsing from its own base: wait for it, and build on it.
    await job.previous?.parseSettled;
    if (job.stopped) return STOPPED;
    // Once the previous analysis is taken (a re-parse updates it in place), the parse goes on to
    // its end even when a newer version comes: that version then re-parses from this one.
    let holdsBase = false;
    const control: StepControl = {
      cancelled: () => job.stopped && !holdsBase,
      holdBackMs: () => Math.max(0, this.lastChange + QUIET_MS - performance.now()),
      budgetMs: this.budgetMs,
      spent: { ms: 0 },
    };
    const now = currentMinute(this.clock());
    const live = this.live.get(document.uri);
    let adopted = job.first ? this.adoptUnopened(document.uri, source.text) : undefined;
    // Before the first parse of a large document, a look at its first lines: synchronously, so whoever
    // awaits it is answered before the parse's first slice (or the wait for a read's). An adopted
    // parse still has its lint to run (seconds in the editor for 5,000 entries).
    job.settlePreview(job.first ? previewOf(job.version, source, config, now, live) : undefined);
    if (job.first && !adopted) {
      adopted = await this.reads.continueFrom(document.uri, source.text, job.generation, () => (job.stopped ? undefined : job.version));
      if (job.stopped) return STOPPED;
    }
    const previous = job.previous?.base()?.takeForNextVersion() ?? (adopted ? { analysis: adopted } : undefined);
    // Taken (or nothing to take): holding on to the earlier job would keep every version alive.
    job.previous = undefined;
    holdsBase = previous !== undefined;

    const parsed = await runSteps(analyzeSteps(source, config, {}, previous?.analysis), control);
    holdsBase = false;
    if (parsed.kind === 'cancelled') return STOPPED;
    // Said only when the parse was re-used (a re-parse from it sets `edit`): a whole parse may still be needed.
    if (adopted && parsed.kind === 'done' && parsed.value.edit) this.adopted?.(document.uri);
    if (parsed.kind === 'over-budget') {
      const result = new DocumentAnalysis(job.version, overBudgetAnalysis(source, config, this.budgetMs), now, live);
      result.linted({ findings: result.analysis.documentFindings });
      return result;
    }
    const result = new DocumentAnalysis(job.version, parsed.value, now, live);
    job.parsed = result;
    job.settleParse();
    // The whole document's parse answers from now on: the preview's model need not stay.
    job.preview = Promise.resolve(undefined);
    this.crossFile?.parsed(document.uri, parsed.value);
    if (job.stopped) return STOPPED;

    const linted = await lintInSlices(parsed.value, { now, live, workspace: this.crossFile?.workspace() }, control, previous?.ruleFindings);
    if (linted === STOPPED) return STOPPED;
    result.linted(linted);
    return result;
  }

  /**
   * Other work on a document (fix-all's lint passes, the Certificates view's rows) in slices under
   * the same budget, holding back while `holdBackMs` says so; undefined when no longer wanted or over it.
   */
  async runInSlices<T>(steps: Steps<T>, wanted: () => boolean, holdBackMs?: () => number): Promise<T | undefined> {
    const outcome = await runSteps(steps, { cancelled: () => !wanted(), holdBackMs, budgetMs: this.budgetMs, spent: { ms: 0 } });
    return outcome.kind === 'done' ? outcome.value : undefined;
  }

  /**
   * A file that is not open (Scan Workspace, the Certificates view): parsed now and linted when
   * asked, in slices under the same budget as an open document (holding back while `holdBackMs`
   * says so); nothing is cached.
   */
  async analyzeUnopened(
    source: SourceDocument,
    config: Config,
    cancelled: () => boolean,
    holdBackMs?: () => number,
    /** For a reader that calls `release` or `finished` when done (and never `findings`): the file's open may go on from its parse. */
    adoptable = false,
  ): Promise<UnopenedAnalysis> {
    const uri = source.uri;
    const read = adoptable && uri ? this.reads.start(uri, source.text, this.generation) : undefined;
    const control: StepControl = {
      cancelled,
      // An open waiting for this parse is an open document waiting for its diagnostics.
      holdBackMs: () => (read?.wanted ? 0 : (holdBackMs?.() ?? 0)),
      budgetMs: this.budgetMs,
      spent: { ms: 0 },
    };
    let parsed: StepOutcome<Analysis> | undefined;
    try {
      parsed = await runSteps(analyzeSteps(source, config), control);
    } finally {
      read?.settle(parsed?.kind === 'done' ? parsed.value : undefined);
      if (read && parsed?.kind !== 'done') this.reads.end(read);
    }
    if (parsed.kind === 'cancelled') throw new AnalysisCancelled(uri ?? '');
    const now = this.clock();
    if (parsed.kind === 'over-budget') {
      const analysis = overBudgetAnalysis(source, config, this.budgetMs);
      return { analysis, findings: async () => analysis.documentFindings, now, ...this.readEnds(uri, undefined, analysis) };
    }
    return {
      ...this.readEnds(uri, read, parsed.value),
      analysis: parsed.value,
      now,
      findings: async () => {
        const linted = await lintInSlices(parsed.value, { now, workspace: this.crossFile?.workspace() }, control);
        if (linted === STOPPED) throw new AnalysisCancelled(source.uri ?? '');
        return linted.findings;
      },
    };
  }

  /** How the reader of a file that is not open learns that an open took its parse, and says it is done. */
  private readEnds(uri: string | undefined, read: ReadInFlight | undefined, analysis: Analysis): Pick<UnopenedAnalysis, 'current' | 'release' | 'finished'> {
    return {
      // Taken by the open: good while the open is at that version (the next may change it in place).
      current: () => read?.takenAt === undefined || this.openDocument(read.uri)?.version === read.takenAt,
      release: () => {
        if (read) this.reads.end(read);
        // Taken, or about to be: the open has it.
        if (uri && !read?.wanted) this.offerUnopened(uri, analysis);
      },
      finished: () => {
        if (read) this.reads.end(read);
      },
    };
  }

  /** A stopped analysis answers with the document's current one, or not at all once it is closed. */
  private afterStop(document: TextDocument): Promise<DocumentAnalysis> {
    const current = this.openDocument(document.uri);
    if (!current) return Promise.reject(new AnalysisCancelled(document.uri));
    return this.get(current);
  }
}

/** A large document's first lines, checked before the whole (AnalysisCache.preview). */
export interface DocumentPreview {
  /** The findings there of the rules whose findings lie in one entry. */
  findings: Finding[];
  /** The first line after them. */
  throughLine: number;
  /** Their analysis, findings aside: what the code lenses there are computed from. */
  analysis: DocumentAnalysis;
}

/** A large document's first lines checked (core/preview.ts); undefined when it has none or the look fails. */
function previewOf(version: number, source: SourceDocument, config: Config, now: Date, live: LiveObservations | undefined): DocumentPreview | undefined {
  let preview: ReturnType<typeof previewFindings>;
  try {
    preview = previewFindings(source, config, { now, live });
  } catch {
    // An early look only: whatever is wrong, the whole analysis reports.
    return undefined;
  }
  if (!preview) return undefined;
  const analysis = new DocumentAnalysis(version, { document: source, config, parsed: [preview.parsed], documentFindings: [] }, now, live);
  return { findings: preview.findings, throughLine: preview.throughLine, analysis };
}

/** What a file that is not open gets: its analysis, and its findings when asked. */
export interface UnopenedAnalysis {
  analysis: Analysis;
  findings(): Promise<Finding[]>;
  /** The "now" its findings count days from. */
  now: Date;
  /** False once the file's open took this parse and moved past that version: its next parse may have changed the model in place. */
  current(): boolean;
  /** The reader is done and the analysis may serve the file's open (offerUnopened); nothing may use it afterwards. */
  release(): void;
  /** The reader is done without offering the analysis on (an adoptable read that found no rows, say). */
  finished(): void;
}

/** The analysis of a version whose parse ran over the budget: no model, one finding. */
function overBudgetAnalysis(document: SourceDocument, config: Config, budgetMs: number): Analysis {
  return { document, config, parsed: [], documentFindings: [overBudgetFinding(budgetMs / 1000)] };
}

/** The rules, in slices; over the budget, what they found by then and one finding. */
async function lintInSlices(
  analysis: Analysis,
  options: LintOptions,
  control: StepControl,
  previous?: RuleFindings,
): Promise<{ findings: Finding[]; ruleFindings?: RuleFindings } | typeof STOPPED> {
  const progress: { current?: LintProgress } = {};
  const linted = await runSteps(lintSteps(analysis, options, previous, progress), control);
  if (linted.kind === 'cancelled') return STOPPED;
  if (linted.kind === 'done') return linted.value;
  const soFar = progress.current?.findingsSoFar() ?? analysis.documentFindings;
  return { findings: [...soFar, overBudgetFinding(control.budgetMs / 1000)] };
}

/**
 * Expiry is checked against the current minute, not millisecond, so consecutive versions share
 * their "now" and an edit reuses the findings of the entries it did not touch.
 */
function currentMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}
