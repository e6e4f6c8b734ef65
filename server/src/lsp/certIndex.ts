/**
 * The workspace's cert-manager Certificates and inventory entries, for the cross-file cert/* rules
 * (cert/not-in-inventory, cert/no-certificate-resource): read once from the workspace's YAML files
 * after `initialized` (the walk Scan Workspace does, same excludes, bounded reads), then kept up
 * to date by file events (`workspace/didChangeWatchedFiles`) and by open documents' parses. When a
 * file's Certificates or entries change, the open documents whose findings depend on them are
 * linted again (re-using their parse) and published.
 *
 * The read is background work: it holds back while an open document waits for its diagnostics.
 * Both rules compare Certificates with entries, so while the workspace holds no Certificate an
 * inventory's entries are not read (a 5,000-entry inventory is seconds of parsing, and its facts
 * were recomputed on every keystroke); they are put off, and read once a Certificate appears.
 */
import { DidChangeWatchedFilesNotification, FileChangeType, type Connection, type FileEvent, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config } from '../core/config';
import { matchesGlobs } from '../core/globs';
import { mayHoldCertificate } from '../core/inventory/certManager';
import { CertWorkspaceIndex, crossFileKey, factsOfParsed, holdsCertificate, type CertFileFacts, type CertWorkspace } from '../core/inventory/crossFile';
import { isYamlDocument } from '../core/inventory/detect';
import type { CertModel } from '../core/inventory/model';
import { analyzeSteps, type Analysis } from '../core/lint';
import { expandPaths, isCandidateFile } from '../core/workspace/expandPaths';
import { readDocumentFile } from '../core/workspace/readFile';
import { isWalkedFile } from '../core/workspace/walk';
import { LINT_BUDGET_MS, type AnalysisCache, type CrossFileHooks } from './analyses';
import type { ClientFeatures } from './clientFeatures';
import type { Logger } from './logger';
import type { DocumentSettings } from './settings';
import { runSteps } from './stepRunner';
import { pathToUri, uriToPath } from './uri';
import type { Validator } from './validation';
import type { WorkspaceFolders } from './workspaceFolders';

/** Files read at once while indexing: the editor's own requests come first. */
const READ_CONCURRENCY = 4;
/** The YAML files the server asks the client to watch. */
const WATCHED_YAML = '**/*.{yaml,yml}';
/** How often background work looks again whether the open documents' diagnostics are out. */
const HOLD_BACK_MS = 20;

/** What the index uses of the session (the session holds the index, so it is named by its parts). */
export interface IndexServices {
  features: Pick<ClientFeatures, 'workspaceFolders' | 'watchedFilesRegistration'>;
  folders: Pick<WorkspaceFolders, 'firstUri'>;
  settings: Pick<DocumentSettings, 'resolve' | 'rootFor' | 'forget'>;
  analyses: Pick<AnalysisCache, 'relint'>;
  validator: Pick<Validator, 'schedule' | 'busy'>;
  logger: Pick<Logger, 'error' | 'warnOnce' | 'info'>;
}

export class WorkspaceCertificates implements CrossFileHooks {
  private readonly index = new CertWorkspaceIndex(false);
  /** Paths the editor holds open: their facts come from its text, not from disk. */
  private readonly openPaths = new Set<string>();
  /** The latest read of each path (numbered across all paths); an older one that finishes later is dropped. */
  private readonly reads = new Map<string, number>();
  private readCount = 0;
  private session: IndexServices | undefined;
  private roots: string[] = [];
  private building: Promise<void> | undefined;
  private buildAgain = false;
  /** A walk is under way: the index becomes complete at its end, not before. */
  private walking = false;
  /**
   * Inventories whose entries are not in the index because no Certificate was known (path → the
   * URI an open one has in the editor): nothing compared with them. Read once a Certificate appears.
   */
  private readonly deferred = new Map<string, string>();
  /** Deferred files being read (or, open, analysed) again since a Certificate appeared: the index is incomplete until they are. */
  private readonly catchingUp = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  workspace(): CertWorkspace {
    return this.index;
  }

  parsed(uri: string, analysis: Analysis): void {
    const filePath = uriToPath(uri);
    if (!filePath || !this.documents.get(uri)) return;
    this.openPaths.add(filePath);
    this.reads.delete(filePath);
    try {
      const inventory = analysis.parsed.find((p) => p.model.kind === 'inventory')?.model as CertModel | undefined;
      if (inventory && !holdsCertificate(inventory) && !this.certificatesKnown(filePath)) {
        this.defer(filePath, uri);
        return;
      }
      this.settled(filePath);
      this.update(filePath, factsOfParsed(analysis.parsed, { path: filePath, uri }));
      this.settle();
    } catch (e) {
      // The document's own analysis goes on; only the comparison with other files is missing.
      this.session?.logger.error(`indexing ${uri} for the cross-file rules failed`, e);
    }
  }

  /** After `initialized`: reads the workspace, then lints the open documents with it. */
  start(session: IndexServices): void {
    this.session = session;
    // A registration of its own, beside the settings file's: YAML files anywhere in the workspace.
    if (session.features.watchedFilesRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_YAML }] });
    }
    this.runBuild(session);
  }

  /**
   * Settings or workspace folders changed (inventoryGlobs, maxFileSizeBytes, which folders): the
   * workspace is read again; until then the index answers as it was.
   */
  rebuild(): void {
    if (this.session) this.runBuild(this.session);
  }

  /** One walk at a time: a request for another while one runs starts it when that one ends. */
  private runBuild(session: IndexServices): void {
    if (this.building) {
      this.buildAgain = true;
      return;
    }
    this.building = this.build(session)
      .catch((e) => session.logger.error('indexing cert-manager Certificates failed', e))
      .finally(() => {
        this.building = undefined;
        if (!this.buildAgain) return;
        this.buildAgain = false;
        this.runBuild(session);
      });
  }

  /** Files changed on disk (YAML ones the client watches for us, and any others it reports). */
  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath || !isYamlDocument({ path: filePath, text: '' }) || this.openPaths.has(filePath)) continue;
      if (change.type === FileChangeType.Deleted) {
        this.reads.delete(filePath);
        this.settled(filePath);
        this.update(filePath, undefined);
        this.settle();
      } else if (this.roots.some((root) => isWalkedFile(root, filePath, isCandidateFile, () => undefined))) {
        void this.read(filePath);
      }
    }
  }

  /** The editor closed a document: the file on disk counts again (unsaved edits are gone). */
  closed(uri: string): void {
    const filePath = uriToPath(uri);
    if (!filePath || !this.openPaths.delete(filePath)) return;
    if (this.roots.some((root) => isWalkedFile(root, filePath, isCandidateFile, () => undefined))) void this.read(filePath);
    else {
      this.settled(filePath);
      this.update(filePath, undefined);
      this.settle();
    }
  }

  private async build(session: IndexServices): Promise<void> {
    this.walking = true;
    try {
      await this.walk(session);
    } finally {
      this.walking = false;
    }
    // Every open document with something to compare was linted against a workspace still being read.
    this.index.complete = false;
    this.catchUp();
    this.settle();
  }

  private async walk(session: IndexServices): Promise<void> {
    await this.openDocumentsServed();
    // The walk Scan Workspace does: the client's folders, .gitignore and skipped folders honoured.
    this.roots = await this.folderPaths(session);
    const warn = (message: string) => session.logger.warnOnce(`cert-manager index: ${message}`);
    const files = this.roots.length > 0 ? await expandPaths(this.roots, this.roots[0], { warn }) : [];
    const paths = files.filter((p) => isYamlDocument({ path: p, text: '' }));
    // Files the walk no longer finds (a folder removed, newly ignored) leave the index.
    const found = new Set(paths);
    for (const facts of [...this.index.all()]) {
      if (facts.path !== undefined && !found.has(facts.path) && !this.openPaths.has(facts.path)) this.index.delete(facts.path);
    }
    for (const filePath of [...this.deferred.keys()]) if (!found.has(filePath) && !this.openPaths.has(filePath)) this.settled(filePath);
    let next = 0;
    const worker = async () => {
      while (next < paths.length) await this.read(paths[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, worker));
    const putOff = this.deferred.size > 0 ? `, ${this.deferred.size} put off (no Certificate to compare their entries with)` : '';
    session.logger.info(`cert-manager index: ${paths.length} YAML files read${putOff}`);
  }

  /** Background work waits while an open document waits for its diagnostics. */
  private async openDocumentsServed(): Promise<void> {
    while (this.session?.validator.busy()) await new Promise((resolve) => setTimeout(resolve, HOLD_BACK_MS));
  }

  /** Whether a file other than `except` holds a Certificate (with names to compare). */
  private certificatesKnown(except?: string): boolean {
    for (const facts of this.index.all()) if (facts.certificates.length > 0 && facts.path !== except) return true;
    return false;
  }

  /** An inventory with no Certificate to compare with: out of the index until one appears. */
  private defer(filePath: string, uri: string): void {
    this.deferred.set(filePath, uri);
    this.catchingUp.delete(filePath);
    this.update(filePath, undefined);
    this.settle();
  }

  /** A file is indexed (or gone): no longer put off. */
  private settled(filePath: string): void {
    this.deferred.delete(filePath);
    this.catchingUp.delete(filePath);
  }

  /** A Certificate is known: the inventories put off are read (open ones analysed again), the index incomplete until then. */
  private catchUp(): void {
    const session = this.session;
    if (!session || this.deferred.size === 0 || !this.certificatesKnown()) return;
    for (const [filePath, uri] of this.deferred) {
      if (this.catchingUp.has(filePath)) continue;
      this.catchingUp.add(filePath);
      this.index.complete = false;
      if (this.openPaths.has(filePath)) {
        session.analyses.relint(uri);
        session.validator.schedule(uri);
      } else void this.read(filePath);
    }
  }

  /** Once nothing is being read, the index is complete: open documents are linted against it. */
  private settle(): void {
    if (this.walking || this.index.complete || this.catchingUp.size > 0 || !this.session) return;
    this.index.complete = true;
    this.relintOpen(() => true);
  }

  private async folderPaths(session: IndexServices): Promise<string[]> {
    const first = [session.folders.firstUri()].filter((u): u is string => u !== undefined);
    const folders = session.features.workspaceFolders
      ? await this.connection.workspace.getWorkspaceFolders().then((f) => (f ?? []).map((x) => x.uri), () => first)
      : first;
    return folders.map(uriToPath).filter((p): p is string => p !== undefined);
  }

  /** Reads one file from disk (bounded, as Scan Workspace does) and indexes what it holds. */
  private async read(filePath: string): Promise<void> {
    const session = this.session;
    if (!session) return;
    const ticket = ++this.readCount;
    this.reads.set(filePath, ticket);
    const current = () => this.reads.get(filePath) === ticket && !this.openPaths.has(filePath);
    const uri = pathToUri(filePath);
    let facts: CertFileFacts | undefined;
    let putOff = false;
    try {
      await this.openDocumentsServed();
      const { config } = await session.settings.resolve(uri);
      const { text, truncated } = await readDocumentFile(filePath, config.maxFileSizeBytes);
      const certificate = mayHoldCertificate(text);
      if (!truncated && current() && (certificate || mayHoldFacts(filePath, text, config))) {
        if (!certificate && !this.certificatesKnown(filePath)) putOff = true;
        else facts = await this.parse({ uri, path: filePath, text, root: session.settings.rootFor(uri) }, config, () => !current());
      }
    } catch {
      // Gone, unreadable, too slow to parse or read again meanwhile: it holds nothing to compare with.
      facts = undefined;
    } finally {
      if (!this.documents.get(uri)) session.settings.forget(uri);
    }
    if (!current()) return;
    if (putOff) this.defer(filePath, uri);
    else {
      this.settled(filePath);
      this.update(filePath, facts);
      this.settle();
    }
  }

  /** A file's facts from its parse (no lint), in slices that hold back for the open documents. */
  private async parse(source: { uri: string; path: string; text: string; root?: string }, config: Config, cancelled: () => boolean): Promise<CertFileFacts | undefined> {
    const holdBackMs = () => (this.session?.validator.busy() ? HOLD_BACK_MS : 0);
    const parsed = await runSteps(analyzeSteps(source, config), { cancelled, holdBackMs, budgetMs: LINT_BUDGET_MS, spent: { ms: 0 } });
    return parsed.kind === 'done' ? factsOfParsed(parsed.value.parsed, { path: source.path, uri: source.uri }) : undefined;
  }

  /** Stores a file's facts; when what other files' findings depend on changed, lints the open ones it concerns. */
  private update(filePath: string, facts: CertFileFacts | undefined): void {
    const before = this.index.get(filePath);
    const changed = this.index.set(filePath, facts);
    // A Certificate came: the inventories put off are needed now.
    if (facts && facts.certificates.length > 0) this.catchUp();
    if (!changed || !this.index.complete) return;
    const after = this.index.get(filePath);
    const [was, is] = [before && crossFileKey(before), after && crossFileKey(after)];
    const certificates = was?.certificates !== is?.certificates;
    const entries = was?.entries !== is?.entries;
    // Certificates concern entries renewed by cert-manager; entries (and inventories) concern Certificates.
    this.relintOpen((f) => (certificates && f.entries.some((e) => e.certManager)) || (entries && f.certificates.length > 0), filePath);
  }

  private relintOpen(concerned: (facts: CertFileFacts) => boolean, except?: string): void {
    const session = this.session;
    if (!session) return;
    for (const document of this.documents.all()) {
      const filePath = uriToPath(document.uri);
      const facts = filePath && filePath !== except ? this.index.get(filePath) : undefined;
      if (!facts || !concerned(facts)) continue;
      session.analyses.relint(document.uri);
      session.validator.schedule(document.uri);
    }
  }
}

/** A cheap look before parsing: only a file naming cert-manager, or that may be an inventory, can add anything. */
function mayHoldFacts(filePath: string, text: string, config: Config): boolean {
  return /cert-?manager/.test(text) || /^certificates\s*:/m.test(text) || matchesGlobs(filePath, config.inventoryGlobs);
}
