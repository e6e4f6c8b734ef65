import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types';
import { AnalysisCancelled, type AnalysisCache, type DocumentAnalysis } from './analyses';
import type { ClientFeatures } from './clientFeatures';
import { toDiagnostics } from './diagnostics';
import { QuietSpells } from './quietSpell';
import type { Logger } from './logger';

/** The log line of a preview's publish (showPreview): its words after the URI. */
export const PREVIEW_LOG = 'showing the first problems of its first';

/** A validation slower than this is logged once per document, so a slow rule or a huge file is noticed. */
const SLOW_VALIDATION_MS = 1_000;

/**
 * Pushes diagnostics: debounced per URI (the resource's `debounceMs`), results for a version the
 * document has already moved past are dropped, and a closed document's diagnostics are cleared.
 */
export class Validator {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The debounce each document's settings asked for last time; the default until known. */
  private readonly debounceMs = new Map<string, number>();
  private readonly quiet = new QuietSpells();
  /** Documents whose diagnostics have been sent since they were opened. */
  private readonly shown = new Set<string>();
  /** Validations under way (awaiting their analysis). */
  private running = 0;
  private sentFirst: () => void = () => undefined;
  /** Resolves once diagnostics have been sent for the first time. */
  readonly firstSent = new Promise<void>((resolve) => (this.sentFirst = resolve));

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisCache,
    private readonly features: ClientFeatures,
    private readonly logger: Logger,
  ) {}

  /** Validates after the document's debounce; at once when just opened or after a quiet spell (quietSpell.ts). */
  schedule(uri: string): void {
    this.cancel(uri);
    // The analysis of the version before stops now, not when the debounce ends.
    const document = this.documents.get(uri);
    if (document) this.analyses.changed(document);
    const delay = this.quiet.delayForEdit(uri, this.debounceMs.get(uri) ?? 0);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, delay),
    );
  }

  /**
   * Whether an open document waits for its diagnostics (debouncing or being analysed): work in the
   * background (the workspace read for the cross-file rules, files read for a view) holds back.
   */
  busy(): boolean {
    return this.timers.size > 0 || this.running > 0;
  }

  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.debounceMs.delete(uri);
    this.shown.delete(uri);
    this.quiet.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async validate(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const started = performance.now();
    this.running++;
    try {
      const whole = this.analyses.get(document);
      if (!this.shown.has(uri)) void this.showPreview(document, whole);
      const result = await whole;
      // Edited or closed while settings were fetched: the newer run (or the close) wins.
      if (this.documents.get(uri)?.version !== version || result.version !== version) return;
      this.debounceMs.set(uri, result.config.debounceMs);
      const diagnostics = toDiagnostics(result.findings, uri, version, this.features.diagnostics, result.config.groupFindingsAbove);
      const elapsed = performance.now() - started;
      if (elapsed > SLOW_VALIDATION_MS) {
        this.logger.warnOnce(`validating ${uri} took ${Math.round(elapsed)} ms (more than ${SLOW_VALIDATION_MS} ms)`);
      }
      this.shown.add(uri);
      await this.connection.sendDiagnostics({
        uri,
        version: this.features.diagnostics.version ? version : undefined,
        diagnostics,
      });
      this.sentFirst();
    } catch (e) {
      if (!(e instanceof AnalysisCancelled)) this.logger.error(`validating ${uri} failed`, e);
    } finally {
      this.running--;
      this.quiet.validated(uri);
    }
  }

  /**
   * A large document just opened shows what its first lines hold while its whole analysis runs
   * (core/preview.ts): the first finding of each rule there, which the whole document's
   * diagnostics show at the same place (as itself or, past groupFindingsAbove, as the group of
   * that rule), so nothing shown here goes away when they replace it. Sent only while the whole
   * analysis is not done and nothing else has been shown for the document.
   */
  private async showPreview(document: TextDocument, whole: Promise<DocumentAnalysis>): Promise<void> {
    const { uri, version } = document;
    let done = false;
    whole.then(
      () => (done = true),
      () => (done = true),
    );
    const preview = await this.analyses.preview(document);
    if (!preview || done || this.shown.has(uri) || this.documents.get(uri)?.version !== version) return;
    const diagnostics = toDiagnostics(firstOfEachRule(preview.findings), uri, version, this.features.diagnostics, 0);
    if (diagnostics.length === 0) return;
    // Before the publish: a client that reads the log knows more diagnostics of this version follow.
    this.logger.info(`${uri}: ${PREVIEW_LOG} ${preview.throughLine} lines (${diagnostics.length} problems) before the whole document's`);
    await this.connection.sendDiagnostics({ uri, version: this.features.diagnostics.version ? version : undefined, diagnostics });
  }
}

/** Findings in document order: the first of each rule. */
function firstOfEachRule(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.rule) && seen.add(f.rule));
}
