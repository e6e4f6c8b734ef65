/** What a document type's editor services return, in spans of the document's text. */
import type { Span } from './types';

/** A symbol for the editor's outline: sections, timeline entries, inventory entries. */
export interface OutlineItem {
  name: string;
  detail?: string;
  kind: 'section' | 'entry' | 'resource' | 'key';
  span: Span;
  selectionSpan: Span;
  children: OutlineItem[];
}

export interface HoverInfo {
  /** Markdown shown to the user. */
  markdown: string;
  span: Span;
}

/** A code lens: text above a line, optionally running a command when clicked. */
export interface LensInfo {
  span: Span;
  title: string;
  /** Command id and arguments; absent for an informational lens. */
  command?: { id: string; arguments?: unknown[] };
}

export interface LinkInfo {
  span: Span;
  target: string;
  tooltip?: string;
}

/** A completion: `newText` replaces `span` (the word typed so far). */
export interface CompletionInfo {
  label: string;
  kind: 'key' | 'value';
  span: Span;
  newText: string;
  detail?: string;
  /** Markdown. */
  documentation?: string;
}
