/**
 * "Disable this rule for this line" in a post-mortem: an HTML comment where Markdown keeps its
 * structure. Placed from the parse tree, so a table stays a table and a list one list:
 * - a heading gets `<!-- incident-docs-disable-next-line … -->` on a line of its own above it;
 * - a pipe-table row gets `<!-- incident-docs-disable-line … -->` inside its last cell (a line
 *   between rows would end the table, a cell past the last is dropped);
 * - any other line (prose, list items, HTML table rows) gets it at its end.
 * A directive of the same kind already there gets the rule added instead.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import type { EditSpec } from '../rule';
import { directiveWords, existingDirective, DIRECTIVE_PREFIX } from '../suppress';
import type { PostmortemModel } from './model';
import { firstAtOrAfter } from '../text';
import { spanOf } from './runs';

type Node = Root | RootContent;

/** Nothing can be said there in an HTML comment: it would become text, code or YAML. */
const OPAQUE = new Set(['yaml', 'toml', 'code', 'math', 'inlineMath', 'definition', 'footnoteDefinition']);

export function postmortemSuppression(model: PostmortemModel, line: number, rule: string): EditSpec[] | undefined {
  const { text, lines } = model;
  if (line < 0 || line >= lines.lineCount) return undefined;
  const lineStart = lines.lineStartOffset(line);
  const lineEnd = lines.lineEndOffset(line);
  const content = text.slice(lineStart, lineEnd);
  const indent = /^[ \t]*/.exec(content)![0].length;
  if (indent === content.length) return undefined;
  const first = ancestry(model.root, lineStart + indent);
  if (first.some((n) => OPAQUE.has(n.type) || isComment(n))) return undefined;

  const heading = first.find((n) => n.type === 'heading');
  if (heading) {
    // Only a heading of the document itself: one in a list or a quote would need their markers too.
    if (first[1] !== heading || spanOf(heading).start < lineStart) return undefined;
    const above = existingDirective(model.directives, line - 1, 'disable-next-line');
    if (above) return extendComment(model, line - 1, 'disable-next-line', rule);
    return [{ span: { start: lineStart, end: lineStart }, newText: `<!-- ${directiveWords('disable-next-line', [rule])} -->${lines.eol}` }];
  }
  if (existingDirective(model.directives, line, 'disable-line')) return extendComment(model, line, 'disable-line', rule);
  const comment = ` <!-- ${directiveWords('disable-line', [rule])} -->`;

  const row = first.find((n) => n.type === 'tableRow');
  if (row) {
    const end = spanOf(row).end;
    if (end > lineEnd) return undefined;
    // Before the closing pipe, so the comment stays in the last cell.
    let at = end;
    while (at > lineStart && /[ \t]/.test(text[at - 1])) at--;
    if (text[at - 1] === '|' && text[at - 2] !== '\\') at--;
    while (at > lineStart && /[ \t]/.test(text[at - 1])) at--;
    return [{ span: { start: at, end: at }, newText: comment }];
  }

  // At the end of the line's text: after its last character, before a hard break's backslash.
  let at = lineEnd;
  while (at > lineStart && /[ \t]/.test(text[at - 1])) at--;
  if (text[at - 1] === '\\') at--;
  const last = ancestry(model.root, Math.max(lineStart, at - 1));
  // Inside code or a comment that runs on past this line, the comment would be code or end it.
  if (last.some((n) => (OPAQUE.has(n.type) || n.type === 'inlineCode' || isComment(n)) && spanOf(n).end > at)) return undefined;
  return [{ span: { start: at, end: at }, newText: comment }];
}

/** The nodes holding `offset`, outermost first (root included). */
export function ancestry(root: Root, offset: number): Node[] {
  const chain: Node[] = [root];
  for (;;) {
    const children = (chain[chain.length - 1] as { children?: Node[] }).children;
    const next = children && childAt(children, offset);
    if (!next) return chain;
    chain.push(next);
  }
}

/**
 * The child holding `offset`: siblings lie in the text's order, apart, so the last that starts at
 * or before it is the only candidate, found by a binary search (a post-mortem's root, its timeline
 * table and its action items have thousands of children, and this is asked per finding).
 */
function childAt(children: Node[], offset: number): Node | undefined {
  const found = children[firstAtOrAfter(children, offset + 1, (c) => spanOf(c).start) - 1];
  return found && offset < spanOf(found).end ? found : undefined;
}

function isComment(node: Node): boolean {
  return node.type === 'html' && /^\s*<!--/.test((node as Nodes & { value: string }).value);
}

/** ` pm/empty-row` added before the `-->` of the directive comment on `line`. */
function extendComment(model: PostmortemModel, line: number, action: 'disable-line' | 'disable-next-line', rule: string): EditSpec[] | undefined {
  const start = model.lines.lineStartOffset(line);
  const content = model.text.slice(start, model.lines.lineEndOffset(line));
  const words = content.indexOf(`${DIRECTIVE_PREFIX}${action}`);
  const close = words < 0 ? -1 : content.indexOf('-->', words);
  if (close < 0) return undefined;
  let at = close;
  while (at > words && /\s/.test(content[at - 1])) at--;
  return [{ span: { start: start + at, end: start + at }, newText: ` ${rule}` }];
}
