/**
 * What is wrong with a post-mortem's front matter, in words: the schema's errors (built-in and the
 * team's) said plainly, each at the key or value it is about, with "did you mean" for a key or a
 * value one slip away from a known one. Keys no schema knows are the team's own business, unless
 * the team's schema closes the mapping (`additionalProperties: false`) or they nearly match one.
 */
import { closest, distance } from 'fastest-levenshtein';
import { isScalar } from 'yaml';
import { describeValue, quoteList, quoteText } from '../quote';
import { locate, type FrontMatter } from './frontMatter';
import { DATE_FORMAT, DATE_TIME_FORMAT } from './frontMatterFields';
import { fieldsAt, type FrontMatterSchema } from './frontMatterSchema';
import type { ErrorObject } from './schemaValidator';

export interface FrontMatterProblem {
  /** Keys and indexes (as text) from the top of the front matter to what it is about. */
  path: string[];
  /** At the key of the path's last step, or at its value (a missing key: at the mapping's own key). */
  at: 'key' | 'value';
  message: string;
  /** The known key or value it nearly is: a fix renames to it. */
  suggestion?: string;
}

/** More would bury the one that matters; a front matter with this many problems is not one. */
export const MAX_PROBLEMS = 50;
/** Keys longer than this are nobody's typo of a known one (and are not compared). */
const MAX_SUGGESTED_LENGTH = 64;
/** Keys site generators use that are near a built-in one, but not a slip: Jekyll's and Hugo's `author`. */
const OWN_KEYS = new Set(['author']);

/** The problems of a front matter under a schema, at most MAX_PROBLEMS, in document order. */
export function frontMatterProblems(frontMatter: FrontMatter, schema: FrontMatterSchema): FrontMatterProblem[] {
  if (frontMatter.problem) return [];
  const data = jsonData(frontMatter.data);
  const problems: FrontMatterProblem[] = [];
  for (const compiled of [schema.builtIn, schema.team]) {
    if (!compiled) continue;
    compiled.validate(data);
    for (const error of relevant(compiled.validate.errors ?? [])) {
      const problem = describeError(error, frontMatter, schema);
      if (problem) problems.push(problem);
    }
  }
  problems.push(...nearMisses(frontMatter, schema, problems));
  return dedupe(problems).slice(0, MAX_PROBLEMS);
}

/** Dates from YAML 1.1 timestamps as the text they were; everything else as JSON has it. */
function jsonData(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(jsonData);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonData(v);
    return out;
  }
  return value;
}

/**
 * The errors worth saying: of `anyOf`/`oneOf`, the summary, not each branch's failures; of
 * `propertyNames`, the key, not the name's own failures; of `if`/`then`, only the `then`'s.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const summaries = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'propertyNames');
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    return !summaries.some((s) => s !== e && e.schemaPath.startsWith(`${s.schemaPath}/`) && e.instancePath.startsWith(s.instancePath));
  });
}

function describeError(error: ErrorObject, frontMatter: FrontMatter, schema: FrontMatterSchema): FrontMatterProblem | undefined {
  const path = pointerSteps(error.instancePath);
  const name = fieldName(path);
  const value = valueAt(frontMatter, path);
  const params = error.params as Record<string, unknown>;
  const shown = describe(value);
  const placeholder = placeholderAt(frontMatter, path);
  if (placeholder && ['type', 'format', 'enum', 'pattern', 'const'].includes(error.keyword)) {
    return { path, at: 'value', message: `${name} is still the template’s placeholder “${quoteText(placeholder)}”.` };
  }
  switch (error.keyword) {
    case 'type': {
      // A date given as a number (`20260302`): what it should be is the format, not merely text.
      const format = (error.parentSchema as { format?: unknown } | undefined)?.format;
      const wanted = typeof format === 'string' && params.type === 'string' ? formatWords(format) : typeWords(params.type);
      return { path, at: 'value', message: `${name} should be ${wanted}, not ${shown}.` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      const suggestion = suggest(value, allowed.filter((v): v is string => typeof v === 'string'));
      const options = quoteList(allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v))));
      return {
        path,
        at: 'value',
        message: `${name} should be one of ${options}, not ${shown}${suggestion ? `: did you mean “${quoteText(suggestion)}”?` : '.'}`,
        suggestion,
      };
    }
    case 'const':
      return { path, at: 'value', message: `${name} should be ${describe(params.allowedValue)}, not ${shown}.` };
    case 'format':
      return { path, at: 'value', message: `${name} should be ${formatWords(String(params.format))}, not ${shown}.` };
    case 'pattern':
      return { path, at: 'value', message: `${name} does not match the schema’s pattern “${quoteText(String(params.pattern), 40)}”: ${shown}.` };
    case 'required': {
      const missing = String(params.missingProperty);
      const where = path.length ? ` in ${name}` : '';
      return { path, at: 'key', message: `Missing required key \`${quoteText(missing)}\`${where}.` };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      const suggestion = suggestKey(key, fieldsAt(schema, path).map((f) => f.name));
      const where = path.length ? ` in ${name}` : '';
      return {
        path: [...path, key],
        at: 'key',
        message: `Unknown key \`${quoteText(key)}\`${where}: the schema allows no others${suggestion ? `; did you mean \`${quoteText(suggestion)}\`?` : '.'}`,
        suggestion,
      };
    }
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], at: 'key', message: `The key \`${quoteText(String(params.propertyName))}\` is not a name the schema allows.` };
    case 'dependencies':
    case 'dependentRequired':
      return { path: [...path, String(params.property)], at: 'key', message: `\`${quoteText(String(params.property))}\` needs \`${quoteText(String(params.missingProperty))}\` beside it.` };
    case 'minLength':
    case 'maxLength':
      return { path, at: 'value', message: `${name} should be ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${params.limit} characters long.` };
    case 'minItems':
    case 'maxItems':
      return { path, at: 'value', message: `${name} should have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${params.limit} items.` };
    case 'minProperties':
    case 'maxProperties':
      return { path, at: 'value', message: `${name} should have ${error.keyword === 'minProperties' ? 'at least' : 'at most'} ${params.limit} keys.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, at: 'value', message: `${name} should be ${params.comparison} ${params.limit}, not ${shown}.` };
    case 'multipleOf':
      return { path, at: 'value', message: `${name} should be a multiple of ${params.multipleOf}, not ${shown}.` };
    case 'uniqueItems':
      return { path: [...path, String(params.j)], at: 'value', message: `${name} lists the same item twice (items ${Number(params.i) + 1} and ${Number(params.j) + 1}).` };
    case 'anyOf':
      return { path, at: 'value', message: `${name} matches none of the forms the schema allows: ${shown}.` };
    case 'oneOf':
      return { path, at: 'value', message: `${name} should match exactly one of the forms the schema allows: ${shown}.` };
    case 'not':
      return { path, at: 'value', message: `${name} is a value the schema rules out: ${shown}.` };
    case 'contains':
      return { path, at: 'value', message: `${name} has no item of the kind the schema asks for.` };
    case 'false schema':
      return { path, at: path.length ? 'key' : 'value', message: `${name} is not allowed by the schema.` };
    default:
      // A keyword without words of its own here: ajv's, "must" read as "should".
      return { path, at: 'value', message: `${name} ${quoteText((error.message ?? 'is not valid').replace(/^must\b/, 'should'), 120)}.` };
  }
}

/** Keys no schema rejects but that nearly match a known one: at the top, and in `incident` (and the team's own mappings). */
function nearMisses(frontMatter: FrontMatter, schema: FrontMatterSchema, reported: FrontMatterProblem[]): FrontMatterProblem[] {
  const out: FrontMatterProblem[] = [];
  const already = new Set(reported.filter((p) => p.at === 'key').map((p) => p.path.join('\0')));
  const check = (parent: string[], data: unknown) => {
    if (!data || typeof data !== 'object' || Array.isArray(data)) return;
    const fields = fieldsAt(schema, parent);
    const known = fields.map((f) => f.name);
    for (const key of Object.keys(data)) {
      if (known.includes(key) || OWN_KEYS.has(key) || already.has([...parent, key].join('\0'))) continue;
      const suggestion = suggestKey(key, known);
      if (!suggestion) continue;
      const where = parent.length ? ` in ${fieldName(parent)}` : '';
      out.push({ path: [...parent, key], at: 'key', message: `Unknown key \`${quoteText(key)}\`${where}: did you mean \`${quoteText(suggestion)}\`?`, suggestion });
    }
    for (const field of fields) if (field.object && parent.length < 2) check([...parent, field.name], (data as Record<string, unknown>)[field.name]);
  };
  check([], frontMatter.data);
  return out;
}

/** A known key close enough to be what was meant: the same in another case, or a small typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0 || key.length > MAX_SUGGESTED_LENGTH) return undefined;
  const wanted = loose(key);
  const same = known.find((k) => loose(k) === wanted);
  if (same !== undefined) return same;
  const lower = known.map((k) => k.toLowerCase());
  const best = closest(key.toLowerCase(), lower);
  return distance(key.toLowerCase(), best) <= Math.max(1, Math.floor(best.length / 3)) ? known[lower.indexOf(best)] : undefined;
}

/** Case, spaces, hyphens and underscores aside: `In Review` is in-review, `SEV 2` is SEV2. */
function loose(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

/** A listed value close to the one given (`SEV 1` for SEV1, `in review` for in-review). */
function suggest(value: unknown, allowed: string[]): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return suggestKey(String(value).trim(), allowed);
}

/** A value in a message: text in the quotes messages use for the document's words. */
function describe(value: unknown): string {
  return typeof value === 'string' ? `“${quoteText(value)}”` : describeValue(value);
}

function dedupe(problems: FrontMatterProblem[]): FrontMatterProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path.join('\0')}\0${p.at}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `/incident/started` → ['incident', 'started'] (JSON pointer escapes undone). */
function pointerSteps(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `severity`, `incident.started`, `authors[2]`, or "The front matter" for the whole. */
export function fieldName(path: readonly string[]): string {
  if (path.length === 0) return 'The front matter';
  let out = '';
  for (const step of path) out += /^\d+$/.test(step) && out ? `[${step}]` : `${out ? '.' : ''}${step}`;
  return `\`${quoteText(out)}\``;
}

function valueAt(frontMatter: FrontMatter, path: readonly string[]): unknown {
  let value: unknown = frontMatter.data;
  for (const step of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** The `{{ … }}` a template left as the value (YAML reads it as a mapping). */
function placeholderAt(frontMatter: FrontMatter, path: readonly string[]): string | undefined {
  const node = locate(frontMatter, path)?.node;
  if (!node?.range || isScalar(node)) return undefined;
  const source = frontMatter.text.slice(node.range[0], node.range[1]).trim();
  return /^\{\{[^{}]*\}\}$/.test(source) ? source : undefined;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'empty',
};

function typeWords(type: unknown): string {
  const types = (Array.isArray(type) ? type : String(type).split(',')).map(String);
  // The built-in lists (`authors`) take one text too; the list is what they are.
  const ordered = types.includes('array') ? ['array', ...types.filter((t) => t !== 'array')] : types;
  return ordered.map((t) => TYPE_WORDS[t] ?? `of type ${quoteText(t, 20)}`).join(' or ');
}

const FORMAT_WORDS: Record<string, string> = {
  [DATE_FORMAT]: 'a date (2026-03-02)',
  [DATE_TIME_FORMAT]: 'a date and time (2026-03-02T14:05:00Z)',
  date: 'a date (2026-03-02)',
  'date-time': 'a date and time with its zone (2026-03-02T14:05:00Z)',
  time: 'a time with its zone (14:05:00Z)',
  email: 'an e-mail address',
  uri: 'a URI (https://…)',
  uuid: 'a UUID',
};

function formatWords(format: string): string {
  return FORMAT_WORDS[format] ?? `in the format “${quoteText(format, 30)}”`;
}
