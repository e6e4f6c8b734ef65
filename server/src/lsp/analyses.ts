import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config } from '../core/config';
import { analyze, lintAnalysis, type Analysis } from '../core/lint';
import type { RuleContext } from '../core/rule';
import type { Finding, SourceDocument } from '../core/types';
import type { LiveObservations } from '../core/live/observations';
import type { LiveStore } from './liveStore';
import type { DocumentSettings } from './settings';
import { uriToPath } from './uri';

/** One version of one document, parsed once and shared by diagnostics, code actions, hovers, symbols and lenses. */
export class DocumentAnalysis {
  private findingsCache: Finding[] | undefined;

  constructor(
    readonly version: number,
    readonly analysis: Analysis,
    readonly now: Date,
    readonly live?: LiveObservations,
  ) {}

  get config(): Config {
    return this.analysis.config;
  }

  get context(): RuleContext {
    return { config: this.analysis.config, now: this.now, document: this.analysis.document, live: this.live };
  }

  get findings(): Finding[] {
    this.findingsCache ??= lintAnalysis(this.analysis, { now: this.now, live: this.live });
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
    const entry: Entry = { version: document.version, generation: this.generation, analysis: this.compute(document) };
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

  private async compute(document: TextDocument): Promise<DocumentAnalysis> {
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
    return new DocumentAnalysis(version, analyze(source, config), this.clock(), this.live.get(document.uri));
  }
}
