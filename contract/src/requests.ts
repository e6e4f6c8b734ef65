/**
 * Custom requests between the VS Code client and the server, named and typed once here and
 * imported by both halves (like vscode-eslint's shared protocol) so the two cannot drift.
 * Plain data only: URIs are strings, positions and ranges are LSP's (0-based, UTF-16).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { CodeLens, Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import type { ExpiryState } from './expiry';
import type { TimelineEntryForm } from './timeline';

/** Which files to read. Without `uris` the server walks its workspace folders itself (other LSP clients). */
export interface FilesParams {
  /** `file:` URIs. An open document is read from the editor, others from disk. */
  uris?: string[];
}

/** One certificate entry of an inventory, as the Certificates view, look-up and status bar show it. */
export interface InventoryCertificate {
  /** The inventory file. */
  uri: string;
  /** Position of the entry in the file's `certificates:` list (what `incidentDocs.checkLiveEntry` takes). */
  index: number;
  /** The entry's `name`, else "entry #N". */
  name: string;
  /** `hosts` as written (`api.example.com`, `db.internal:8443`). */
  hosts: string[];
  /** The entry's `expires` as ISO 8601 UTC; absent when missing or not a date. */
  expires?: string;
  /** Whole calendar days (UTC) from the server's now to `expires`; negative once past. */
  daysLeft?: number;
  /**
   * Automated renewal (acme, cert-manager) with a known lifetime: when renewal is due (ISO 8601,
   * `renewAtShare` of the lifetime), computed by the core as cert/renewal-overdue computes it.
   * Lists order such an entry by it, since that is when a person must look (a third of the
   * lifetime before `expires`); null for every other entry, which lists order by `expires`.
   */
  renewalDue: string | null;
  /** Whole calendar days (UTC) from the server's now to `renewalDue`; negative once it has passed. */
  renewalDaysLeft?: number;
  /** The entry's warn window: its own `warnDays`, else `defaults.warnDays`, else the setting. */
  warnDays: number;
  /** Judged by the core with the same clock and window as the cert/expir* rules; `unknown` without a date. */
  state: ExpiryState | 'unknown';
  /** The whole entry. */
  range: Range;
  /** Where to put the cursor: the name's value, else the first key. */
  selectionRange: Range;
}

export interface InventoryEntriesParams extends FilesParams {
  /**
   * The rows the client holds of some inventories: URI → the `resultIds` entry they came with. An
   * inventory whose rows the server last answered under that id is answered as `changes` to them
   * (a keystroke in a 5,000-entry inventory changes one row of a 2 MB answer); any other in full.
   */
  held?: Record<string, string>;
}

/** The rows of one inventory as changes to those the client holds (`InventoryEntriesParams.held`). */
export interface InventoryRowChanges {
  uri: string;
  /** How many rows the inventory has now: held rows past it are gone. */
  count: number;
  /** The rows that differ from the held ones, or are new, with their position in the inventory's rows. */
  rows: { at: number; row: InventoryCertificate }[];
}

export interface InventoryEntriesResult {
  /** Every entry of every inventory read, in file order (but those answered in `changes`). */
  certificates: InventoryCertificate[];
  /** Inventory files that hold no entries are listed too, so a view can show them. */
  inventories: string[];
  /** The server's "now" (ISO 8601), that `daysLeft` counts from. */
  now: string;
  /** Per inventory: the id of the rows this answer gives, for a later request's `held`. */
  resultIds?: Record<string, string>;
  /** Inventories answered as changes to the rows the client holds; only when asked with `held`. */
  changes?: InventoryRowChanges[];
}

export const InventoryEntriesRequest = new RequestType<InventoryEntriesParams, InventoryEntriesResult, void>('incidentDocs/inventoryEntries');

/**
 * From the server when the UTC day has turned: every entry's day count changed though no file did.
 * The server has re-published diagnostics and asked for code lenses again; a client holding
 * inventory entries reads them again. `now` is the server's new "now" (ISO 8601).
 */
export const ExpiryDayChangedNotification = new NotificationType<{ now: string }>('incidentDocs/expiryDayChanged');

export interface LintedFile {
  uri: string;
  /** What the file was checked as (`postmortem`, `inventory`, `cert-manager`); empty when neither. */
  kinds: string[];
  diagnostics: Diagnostic[];
}

export interface LintFilesResult {
  /** One per file that is a post-mortem, inventory or cert-manager file; other files are left out. */
  files: LintedFile[];
  /** Files that could not be read, with the reason. */
  errors: { uri: string; message: string }[];
}

/** Lints files without opening them in the editor: what "Scan Workspace" puts in the Problems panel. */
export const LintFilesRequest = new RequestType<FilesParams, LintFilesResult, void>('incidentDocs/lintFiles');

export interface SettingsParams {
  /** A file (it need not exist) whose settings apply: editor settings, then the nearest .incident-docs.yaml. */
  uri?: string;
}

/**
 * The settings the client reads. The server answers with the whole resolved configuration (every
 * setting, the same object its rules get); these are the ones a client may rely on.
 */
export interface ResolvedSettings {
  /** Days before expiry at which a certificate counts as expiring. */
  warnDays: number;
  /** Where "New Post-Mortem" creates files, relative to the workspace folder. */
  postmortemFolder: string;
}

/** The resolved settings for a resource, so the client never re-implements the config layering. */
export const SettingsRequest = new RequestType<SettingsParams, ResolvedSettings, void>('incidentDocs/settings');

export interface PostmortemSkeletonParams {
  /** A file (it need not exist) whose settings apply: the new post-mortem's folder. */
  uri: string;
  /** The incident's title, for the front matter. */
  title: string;
}

export interface PostmortemSkeleton {
  /** The new post-mortem as a snippet (tab stops on the template's placeholders). */
  snippet: string;
  /** The `template` setting it came from: a preset name or the file. */
  template: string;
  /** Why the configured template cannot be used (the snippet is then the default template's). */
  problem?: string;
}

/** The configured template (preset or the team's file) as a new post-mortem: what New Post-Mortem inserts. */
export const PostmortemSkeletonRequest = new RequestType<PostmortemSkeletonParams, PostmortemSkeleton, void>('incidentDocs/postmortemSkeleton');

export interface TimelineAtParams {
  uri: string;
  position: Position;
}

/** Where and in what form a new timeline entry goes (the core's answer, its line as a position). */
export interface TimelineInsertion extends TimelineEntryForm {
  /** Start of the line the new entry is inserted before (after the entry at or before the cursor). */
  insertAt: Position;
}

/** null when the document is not a post-mortem or has no timeline entries to follow. */
export const TimelineAtRequest = new RequestType<TimelineAtParams, TimelineInsertion | null, void>('incidentDocs/timelineAt');


export interface IncidentReport {
  /**
   * The incident report page: the same self-contained HTML the CLI writes (`incident-docs report`),
   * with a strict Content-Security-Policy. Each post-mortem's link has `data-file`, its index in
   * `files`: the page posts `{type: 'open', file: index}` when one is clicked in a webview.
   */
  html: string;
  /** The URI of each post-mortem in the report, by its `data-file` index. */
  files: string[];
  /** Files that could not be read, with the reason. */
  errors: { uri: string; message: string }[];
}

/** The incident report of the named Markdown files, else of every post-mortem in the workspace folders. */
export const IncidentReportRequest = new RequestType<FilesParams, IncidentReport, void>('incidentDocs/incidentReport');

/** Lines, inclusive, 0-based. */
export interface LineSpan {
  start: number;
  end: number;
}

export interface CodeLensesNearParams {
  textDocument: { uri: string };
  /** The lines whose lenses are wanted: what the editors show, and a margin (at most 16 spans). */
  lines: LineSpan[];
  /**
   * A document with at most this many lenses gets them all, wherever they are: the client then
   * needs no second request to learn that a document is small (at a cold open it does not know).
   */
  allUpTo?: number;
  /**
   * The lines the editors show: their lenses come with their titles. VS Code resolves the lenses on
   * screen one request each after it has laid them out (about a second after a cold open); the
   * others stay without titles until shown.
   */
  visible?: LineSpan[];
}

export interface CodeLensesNearResult {
  /** The lenses starting on those lines, as `textDocument/codeLens` gives them (resolved the same way). */
  lenses: CodeLens[];
  /** How many lenses the whole document has (with `partial`, its first lines). */
  total: number;
  /**
   * Only the first lines of a large document just opened are parsed yet: `lenses` are those the
   * lines asked for hold there (all of them lie there). Ask again for other lines.
   */
  partial?: boolean;
}

/**
 * The code lenses of a document near what its editors show. VS Code asks for every lens after each
 * edit: for a 5,000-entry inventory that was 10,000 lenses (a megabyte) per keystroke, of which the
 * client keeps the few hundred on and near the screen (client/src/lenses/).
 */
export const CodeLensesNearRequest = new RequestType<CodeLensesNearParams, CodeLensesNearResult, void>('incidentDocs/codeLensesNear');
