/** Shared vocabulary of the core: findings, fixes and ranges. No LSP, no vscode. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleLevel = Severity | 'off';

/** Zero-based position; `character` counts UTF-16 code units, as LSP does. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Half-open span of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix travels with its finding as data, so every front end can apply it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may offer as the preferred one (auto-fix). */
  preferred?: boolean;
  /**
   * May be applied unattended (`lint --fix`, fix-all on save): it needs no choice and never
   * removes or invents what a person wrote. Applied only when also preferred.
   */
  safe?: boolean;
}

export interface RelatedInformation {
  /** Absent when it points into the same document. */
  uri?: string;
  /** The other file's path, when known (the CLI shows it). */
  path?: string;
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedInformation[];
  /** Extra structured data adapters may use (e.g. hover texts); never required. */
  data?: Record<string, unknown>;
}

export type DocumentKind = 'postmortem' | 'inventory' | 'cert-manager';

/** What the linter is given: the text and where it came from. */
export interface SourceDocument {
  /** File system path when known (used for globs, relative pemFile paths). */
  path?: string;
  /**
   * The folder files named by the document (pemFile) must stay in: the workspace folder in the
   * editor; in the CLI the repository (nearest `.git`), else the config file's folder, else the
   * document's own folder. Never the working directory.
   */
  root?: string;
  /** URI as the editor knows it; informational. */
  uri?: string;
  text: string;
  /** Only the start of the file was read: it is larger than maxFileSizeBytes (see readDocumentFile). */
  truncated?: boolean;
  /** The editor's language id, if any. Detection never relies on it alone. */
  languageId?: string;
}
