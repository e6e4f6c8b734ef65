import type { Config } from './config';
import type { CertWorkspace } from './inventory/workspaceFacts';
import type { LiveObservations } from './live/observations';
import type { Steps } from './steps';
import type { LineIndex } from './text';
import type { DocumentKind, Severity, SourceDocument, Span } from './types';

/** Documentation carried by every rule: the README's rule reference is generated from it. */
export interface RuleDocs {
  /** One sentence: what the rule reports. */
  summary: string;
  /** Why it matters, and details of what counts. */
  details?: string;
  /** The options (settings / .incident-docs.yaml keys) that shape it. */
  options?: string;
  /** A document the rule reports on, and one it accepts. */
  bad: string;
  good: string;
  /** The quick fixes it offers; safe ones are applied by `lint --fix` and fix-all on save. */
  fixes?: FixDoc[];
}

export interface EditSpec {
  span: Span;
  newText: string;
}

export interface FixSpec {
  title: string;
  edits: EditSpec[];
  preferred?: boolean;
  /** Safe to apply unattended (see Fix.safe); the rule's `docs.fixes` says which of its fixes are. */
  safe?: boolean;
}

/** One kind of fix a rule offers, for the reference: what it does and whether `--fix` applies it. */
export interface FixDoc {
  /** What the fix does, as its title reads ("Delete the empty rows of the table"). */
  title: string;
  /** Applied by `lint --fix` and fix-all on save. */
  safe: boolean;
  /** Why it is not safe, or when it is not offered. */
  note?: string;
}

export interface ReportSpec {
  message: string;
  span: Span;
  fixes?: FixSpec[];
  /** In another file: its `uri` (and `path`, for the CLI) with a `range` there; `span` is then ignored. */
  related?: { span: Span; message: string; uri?: string; path?: string; range?: import('./types').Range }[];
  /** Overrides the rule's default severity for this finding only (e.g. missing `name` is an error). */
  severity?: Severity;
  data?: Record<string, unknown>;
}

export type Report = (spec: ReportSpec) => void;

export interface RuleContext {
  config: Config;
  /** "Now" as given by the caller (tests and --now set it; the editor passes the clock). */
  now: Date;
  document: SourceDocument;
  /** Live certificate probes the user asked for (`lint --live`, a "Check live" lens); absent otherwise. */
  live?: LiveObservations;
  /**
   * The other files of the folder (CLI) or workspace (server), for the cross-file cert/* rules.
   * Absent when one document is linted alone: those rules then read that document only.
   */
  workspace?: CertWorkspace;
}

export interface Rule<Model> {
  /** Stable id: `pm/...` or `cert/...`. Editors, CI and suppressions use it. */
  id: string;
  defaultSeverity: Severity;
  /** Off unless a config turns it on (`rules: {id: info}`): then at `defaultSeverity`. */
  offByDefault?: boolean;
  docs: RuleDocs;
  /**
   * 'entry': each finding about an entry (with its fixes and related places) lies within that
   * entry's lines and depends on nothing in other entries. After an edit inside some entries,
   * the server re-runs such a rule on those entries only and keeps its other findings.
   */
  scope?: 'entry';
  /**
   * Reads `context.now`: its findings can change with the time alone. After an edit checked at a
   * later "now" (the server's moves every minute), a `scope: 'entry'` rule with it re-runs on every
   * entry; one without it still keeps its findings of the entries the edit did not touch.
   */
  clock?: true;
  /**
   * A property, not a method, so that a rule of one model never type-checks as a rule of another.
   * A rule that walks every row, item, entry or node is a generator (`*check`) that yields every
   * few hundred of them (steps.ts, `pacer`): the server answers requests between its steps.
   */
  check: (model: Model, report: Report, context: RuleContext) => void | Steps<void>;
}

/** An inline suppression comment, already parsed from the document's own comment syntax. */
export interface SuppressionDirective {
  /** Zero-based line the comment is on. */
  line: number;
  action: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Rule ids; empty means every rule. */
  rules: string[];
}

/** Anything a document type hands its rules has its text and line index at hand. */
export interface BaseModel {
  kind: DocumentKind;
  text: string;
  lines: LineIndex;
  /** False when the document is of this format but not this kind (Markdown that is no post-mortem). */
  applies: boolean;
  directives: SuppressionDirective[];
}
