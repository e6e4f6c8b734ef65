/**
 * "Disable this rule for this line" in YAML: `# incident-docs-disable-next-line …` on a line of its
 * own above, indented like the line. Inside a multi-line scalar (a `pem: |` block, a folded or
 * quoted string) a comment line would be part of the value, so the scalar is wrapped instead:
 * `# incident-docs-disable …` above the line it starts on, `# incident-docs-enable …` after it.
 * A directive of the same kind already above gets the rule added instead.
 */
import { isCollection, isPair, isScalar, type Node } from 'yaml';
import type { EditSpec } from '../rule';
import { directiveWords, existingDirective } from '../suppress';
import { firstAtOrAfter } from '../text';
import type { CertModel } from './model';

export function yamlSuppression(model: CertModel, line: number, rule: string): EditSpec[] | undefined {
  const { text, lines } = model;
  if (line < 0 || line >= lines.lineCount) return undefined;
  const lineStart = lines.lineStartOffset(line);
  const content = text.slice(lineStart, lines.lineEndOffset(line));
  const indent = /^[ \t]*/.exec(content)![0];
  if (indent.length === content.length || content.trimStart().startsWith('#')) return undefined;
  const eol = lines.eol;
  const scalar = multiLineScalarAround(model, lineStart + indent.length);
  if (!scalar) {
    if (existingDirective(model.directives, line - 1, 'disable-next-line')) return extendComment(model, line - 1, rule);
    return [{ span: { start: lineStart, end: lineStart }, newText: `${indent}# ${directiveWords('disable-next-line', [rule])}${eol}` }];
  }
  const first = lines.positionAt(scalar.start).line;
  const firstStart = lines.lineStartOffset(first);
  const firstIndent = /^[ \t]*/.exec(text.slice(firstStart, lines.lineEndOffset(first)))![0];
  // After the scalar's last line with text in it (a kept block scalar may end in blank lines).
  let last = scalar.end;
  while (last > scalar.start && /\s/.test(text[last - 1])) last--;
  const lastLine = lines.positionAt(last).line;
  const after = lastLine + 1 < lines.lineCount ? lines.lineStartOffset(lastLine + 1) : text.length;
  const enable = `${firstIndent}# ${directiveWords('enable', [rule])}`;
  // A file that does not end with a line break keeps not ending with one.
  const close = after === text.length && !text.endsWith('\n') ? `${eol}${enable}` : `${enable}${eol}`;
  return [
    { span: { start: firstStart, end: firstStart }, newText: `${firstIndent}# ${directiveWords('disable', [rule])}${eol}` },
    { span: { start: after, end: after }, newText: close },
  ];
}

/** The scalar that starts on an earlier line and runs past `offset`, if any. */
export function multiLineScalarAround(model: CertModel, offset: number): { start: number; end: number } | undefined {
  const pending: unknown[] = model.yaml.documents.map((d) => d.contents);
  while (pending.length > 0) {
    const node = pending.pop();
    if (isPair(node)) {
      pending.push(node.key, node.value);
      continue;
    }
    const range = (node as Node | null)?.range;
    if (!range || offset < range[0] || offset > range[1]) continue;
    if (isScalar(node) && range[0] < offset && offset < range[1]) return { start: range[0], end: range[1] };
    if (isCollection(node)) pending.push(...itemsAround(node.items, offset));
  }
  return undefined;
}

/**
 * The items of a collection that may hold `offset`: in a long one (an inventory's entries), the
 * last that starts at or before it, found by a binary search (the items are in the text's order),
 * not all of them: "Disable this rule for this line" is asked for every finding of a selection.
 */
function itemsAround(items: readonly unknown[], offset: number): readonly unknown[] {
  if (items.length < 16) return items;
  let placeless = false;
  const last = firstAtOrAfter(items, offset + 1, (item) => {
    const start = startOf(item);
    placeless ||= start === undefined;
    return start ?? -Infinity;
  }) - 1;
  // An item without a place (an empty value) leaves the order unknown: look at them all.
  if (placeless) return items;
  return last < 0 ? [] : [items[last]];
}

/** Where an item starts: a pair at its key, or at its value when the key is empty. */
function startOf(item: unknown): number | undefined {
  if (!isPair(item)) return (item as Node | null)?.range?.[0];
  return ((item.key as Node | null)?.range ?? (item.value as Node | null)?.range)?.[0];
}

/** ` cert/expired` added at the end of the directive comment on `line` (a YAML comment runs to the line's end). */
function extendComment(model: CertModel, line: number, rule: string): EditSpec[] {
  let at = model.lines.lineEndOffset(line);
  while (at > 0 && /[ \t]/.test(model.text[at - 1])) at--;
  return [{ span: { start: at, end: at }, newText: ` ${rule}` }];
}
