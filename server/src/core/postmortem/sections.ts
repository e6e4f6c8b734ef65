import type { Heading as MdastHeading, Root, RootContent } from 'mdast';
import type { Span } from '../types';
import { runsText, spanOf, textRuns, type TextRun } from './runs';

export interface Heading {
  depth: number;
  /** Visible text ("How’d We Do?"). */
  text: string;
  /** For matching: lower case, straight apostrophes, no punctuation (see normalizeHeading). */
  normalized: string;
  span: Span;
  /** The heading's text without the `#` markers. */
  textSpan: Span;
  runs: TextRun[];
  node: MdastHeading;
}

export interface Section {
  heading: Heading;
  /** From the heading to the next heading of the same or a higher level. */
  span: Span;
  /** Top-level nodes after the heading, subsections included. */
  nodes: RootContent[];
  /** Nodes before the first subsection. */
  ownNodes: RootContent[];
  children: Section[];
  parent?: Section;
}

/** "How’d We Do?" → "howd we do"; "1. Root Cause(s)" → "root causes". */
export function normalizeHeading(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/^\s*(?:\d+[.)]?|[ivx]+\.)\s+/, '')
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function readHeading(node: MdastHeading, source: string): Heading {
  const runs = textRuns(node, source);
  const span = spanOf(node);
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  const textSpan = first && last ? { start: spanOf(first).start, end: spanOf(last).end } : span;
  const text = runsText(runs) || source.slice(textSpan.start, textSpan.end).trim();
  return { depth: node.depth, text, normalized: normalizeHeading(text), span, textSpan, runs, node };
}

/** Sections from the top-level headings, nested by level, in document order (flat list and tree). */
export function buildSections(root: Root, source: string): { all: Section[]; top: Section[] } {
  const all: Section[] = [];
  const top: Section[] = [];
  const open: Section[] = [];
  const children = root.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node.type === 'heading') {
      const heading = readHeading(node, source);
      while (open.length && open[open.length - 1].heading.depth >= heading.depth) close(open.pop()!, node);
      const section: Section = { heading, span: { ...heading.span }, nodes: [], ownNodes: [], children: [], parent: open[open.length - 1] };
      if (section.parent) section.parent.children.push(section);
      else top.push(section);
      for (const o of open) o.nodes.push(node);
      open.push(section);
      all.push(section);
      continue;
    }
    for (const o of open) o.nodes.push(node);
    const innermost = open[open.length - 1];
    if (innermost) innermost.ownNodes.push(node);
  }
  while (open.length) close(open.pop()!, undefined, source.length);
  return { all, top };
}

function close(section: Section, next: RootContent | undefined, end?: number): void {
  section.span.end = next ? spanOf(next).start : (end ?? section.span.end);
}
