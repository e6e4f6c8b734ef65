import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config } from '../core/config';
import { analyze, lintAnalysisReusing, type Analysis, type RuleFindings } from '../core/lint';
import type { RuleContext } from '../core/rule';
import type { Finding, SourceDocument } from '../core/types';
import type { LiveObservations } from '../core/live/observations';
import type { LiveStore } from './liveStore';
import type { DocumentSettings } from './settings';
import { uriToPath } from './uri';

/** One version of one document, parsed once and shared by diagnostics, code actions, hovers, symbols and lenses. */
export class DocumentAnalysis {
  private findingsCache: Finding[] | undefined;
  private ruleFindings: RuleFindings | undefined;
  private usedUp = false;

  constructor(
    readonly version: number,
    readonly analysis: Analysis,
    readonly now: Date,
    readonly live?: LiveObservations,
    /** The previous version's per-rule findings, which this version's lint may reuse. */
    private readonly previousFindings?: RuleFindings,
  ) {}

  /**
   * Hands this analysis to the next version's incremental parse, which may update its model in
   * place: from then on it serves nothing. Its per-rule findings, when computed, go along.
   */
  takeForNextVersion(): { analysis: Analysis; ruleFindings?: RuleFindings } | undefined {
    if (this.usedUp) return undefined;
    this.usedUp = true;
    return { analysis: this.analysis, ruleFindings: this.ruleFindings };
  }

  get config(): Config {
    return this.analysis.config;
  }

  get context(): RuleContext {
    return { config: this.analysis.config, now: this.now, document: this.analysis.document, live: this.live };
  }

  get findings(): Finding[] {
    if (!this.findingsCache) {
      // Used up, nobody should ask (requests are served from the newest version); the model may have moved on.
      if (this.usedUp) return [];
      const result = lintAnalysisReusing(this.analysis, { now: this.now, live: this.live }, this.previousFindings);
      this.findingsCache = result.findings;
      this.ruleFindings = result.ruleFindings;
    }
    return this.findingsCache;
  }
}

interface Entry {
  version: number;
  generation: number;
  analysis: Promise<DocumentAnalysis>;
}

/**
 * Analyses keyed by URI, valid for one document version under one generation of settings.
 * Settings or config-file changes start a new generation, so nothing stale is served.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly settings: DocumentSettings,
    private readonly clock: () => Date,
    private readonly live: LiveStore,
  ) {}

  get(document: TextDocument): Promise<DocumentAnalysis> {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.analysis;
    // The previous version of the same settings generation: the new one re-parses only what changed.
    const previous = cached && cached.generation === this.generation && cached.version < document.version ? cached.analysis : undefined;
    const entry: Entry = { version: document.version, generation: this.generation, analysis: this.compute(document, previous) };
    this.entries.set(document.uri, entry);
    // A failed analysis must not stay cached: the next request tries again.
    entry.analysis.catch(() => {
      if (this.entries.get(document.uri) === entry) this.entries.delete(document.uri);
    });
    return entry.analysis;
  }

  invalidateAll(): void {
    this.generation++;
    this.entries.clear();
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  private async compute(document: TextDocument, previousVersion?: Promise<DocumentAnalysis>): Promise<DocumentAnalysis> {
    // Snapshot the text before awaiting: the document object changes in place on edits.
    const version = document.version;
    const source: SourceDocument = {
      uri: document.uri,
      path: uriToPath(document.uri),
      text: document.getText(),
      languageId: document.languageId,
      root: this.settings.rootFor(document.uri),
    };
    const { config } = await this.settings.resolve(document.uri);
    const previous = (await previousVersion?.catch(() => undefined))?.takeForNextVersion();
    const analysis = analyze(source, config, {}, previous?.analysis);
    return new DocumentAnalysis(version, analysis, currentMinute(this.clock()), this.live.get(document.uri), previous?.ruleFindings);
  }
}

/**
 * Expiry is checked against the current minute, not millisecond, so consecutive versions share
 * their "now" and an edit reuses the findings of the entries it did not touch.
 */
function currentMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}
