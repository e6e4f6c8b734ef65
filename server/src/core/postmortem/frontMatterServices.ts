/**
 * Hover and completion in a post-mortem's front matter: the fields of the built-in schema and the
 * team's (frontMatterSchema.ts), their descriptions, and the values a field lists.
 */
import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Config } from '../config';
import type { CompletionInfo, HoverInfo } from '../editorServices';
import { quoteText } from '../quote';
import type { SourceDocument } from '../types';
import { keySpan, keyText, nodeSpan, yamlScalar, type FrontMatter } from './frontMatter';
import { ZONE_KEYS } from './frontMatterFields';
import { fieldAt, fieldsAt, frontMatterSchemaFor, type FieldInfo } from './frontMatterSchema';
import type { PostmortemModel } from './model';

/** Spellings of `timezone` the timeline also reads: known, but not offered. */
const ZONE_ALIASES = new Set<string>(ZONE_KEYS.slice(1));

type Context = { config: Config; document: Pick<SourceDocument, 'path' | 'root'> };

/** On a front-matter key the schema knows: its description and the values it takes. */
export function frontMatterHover(model: PostmortemModel, offset: number, { config, document }: Context): HoverInfo | undefined {
  const fm = model.frontMatter;
  if (!fm || !inContent(fm, offset)) return undefined;
  const found = keyAt(fm, offset);
  if (!found) return undefined;
  const field = fieldAt(frontMatterSchemaFor(config, document), found.path);
  if (!field) return undefined;
  return { markdown: describe(field, found.path), span: found.span };
}

/** Keys not yet given where a key is being typed; a field's listed values after its `key:`. */
export function frontMatterCompletion(model: PostmortemModel, offset: number, { config, document }: Context): CompletionInfo[] {
  const fm = model.frontMatter;
  if (!fm || !inContent(fm, offset)) return [];
  const lineStart = model.text.lastIndexOf('\n', offset - 1) + 1;
  const typed = model.text.slice(lineStart, offset);
  const schema = frontMatterSchemaFor(config, document);
  const asKey = /^( *)([\w-]*)$/.exec(typed);
  if (asKey) {
    const indent = asKey[1].length;
    const { path, map } = parentAt(fm, model.text, lineStart, indent);
    const present = new Set((map?.items ?? []).filter((p) => keySpan(fm, p)?.start !== lineStart + indent).map(keyText));
    const span = { start: offset - asKey[2].length, end: offset };
    return fieldsAt(schema, path)
      .filter((f) => !present.has(f.name) && !(f.source === 'built-in' && ZONE_ALIASES.has(f.name)))
      .map((f) => ({
        label: f.name,
        kind: 'key',
        span,
        newText: f.object ? `${f.name}:\n${' '.repeat(indent + 2)}` : `${f.name}: `,
        detail: detail(f),
        documentation: f.description && escapeMarkdown(f.description),
      }));
  }
  const asValue = /^( *)([\w-]+)[ \t]*:[ \t]*([^\s#'"]*)$/.exec(typed);
  if (!asValue) return [];
  const { path } = parentAt(fm, model.text, lineStart, asValue[1].length);
  const field = fieldAt(schema, [...path, asValue[2]]);
  const span = { start: offset - asValue[3].length, end: offset };
  return (field?.values ?? [])
    .filter((v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map((v) => ({ label: String(v), kind: 'value', span, newText: yamlScalar(v), detail: `${asValue[2]} (${field!.source === 'team' ? 'team schema' : 'built-in'})` }));
}

/** Between the fences (the line right after the opening one included, for an empty block). */
function inContent(fm: FrontMatter, offset: number): boolean {
  return offset >= fm.offset && offset <= fm.offset + fm.text.length;
}

/** The key under the cursor, with the path of keys to it. */
function keyAt(fm: FrontMatter, offset: number): { path: string[]; span: { start: number; end: number } } | undefined {
  const stack: { map: YAMLMap; path: string[] }[] = isMap(fm.yaml.contents) ? [{ map: fm.yaml.contents, path: [] }] : [];
  while (stack.length) {
    const { map, path } = stack.pop()!;
    for (const pair of map.items as Pair<Node, Node | null>[]) {
      const key = keyText(pair);
      if (key === undefined) continue;
      const span = keySpan(fm, pair);
      if (span && offset >= span.start && offset <= span.end) return { path: [...path, key], span };
      const value = nodeSpan(fm, pair.value);
      if (isMap(pair.value) && value && offset >= value.start && offset <= value.end) stack.push({ map: pair.value, path: [...path, key] });
    }
  }
  return undefined;
}

/**
 * The mapping a line indented by `indent` belongs to: down from the top, through the last key
 * before the line that is indented less. Its path, and the mapping when it has keys already.
 */
function parentAt(fm: FrontMatter, text: string, lineStart: number, indent: number): { path: string[]; map?: YAMLMap } {
  let map: YAMLMap | undefined = isMap(fm.yaml.contents) ? fm.yaml.contents : undefined;
  const path: string[] = [];
  while (map) {
    const before = (map.items as Pair<Node, Node | null>[]).filter((p) => (keySpan(fm, p)?.start ?? Infinity) < lineStart);
    const pair = before[before.length - 1];
    const start = pair && keySpan(fm, pair)?.start;
    const key = pair && keyText(pair);
    if (start === undefined || key === undefined || start - (text.lastIndexOf('\n', start - 1) + 1) >= indent) break;
    path.push(key);
    if (!isMap(pair.value)) return { path };
    map = pair.value;
  }
  return { path, map };
}

function describe(field: FieldInfo, path: readonly string[]): string {
  const lines = [`**${escapeMarkdown(path.join('.'))}** (front matter${field.source === 'team' ? ', team schema' : ''})`];
  if (field.description) lines.push('', escapeMarkdown(field.description));
  const values = (field.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)));
  if (values.length) lines.push('', `One of: ${values.map((v) => escapeMarkdown(v)).join(', ')}`);
  return lines.join('\n');
}

function detail(field: FieldInfo): string {
  return field.source === 'team' ? 'team schema' : 'built-in';
}

/**
 * Text from a schema shown as Markdown: one line, shortened, and nothing a renderer acts on (a
 * link, an image that would be fetched, emphasis, HTML).
 */
function escapeMarkdown(text: string): string {
  // Brackets make links and images (an image is fetched when shown); the rest, emphasis, code and HTML.
  const escaped = quoteText(text, 300).replace(/[\\`*_{}[\]!|<>~]/g, (c) => `\\${c}`);
  // At the start of a line these make a heading or a list.
  return escaped.replace(/^([#+=-]|\d+(?=[.)]))/, '\\$1');
}
