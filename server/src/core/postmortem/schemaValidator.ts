/**
 * JSON Schemas compiled by ajv, made safe for a schema from the repository: every `pattern` and
 * `patternProperties` runs on RE2 semantics (re2js, linear time; what RE2 cannot run refuses the
 * schema with the reason), formats are checked by linear patterns too, `uniqueItems` by hashing
 * (ajv compares every pair), and the schema's shape is bounded before compiling (schemaSafety.ts).
 * The draft is the one `$schema` names: 04, 06, 07 (the default), 2019-09 or 2020-12.
 */
import type Ajv from 'ajv';
import type { AnySchema, ErrorObject, Options, ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';
import { quoteText } from '../quote';
import { compileUserPattern } from '../userPatterns';
import { FRONT_MATTER_FORMATS } from './frontMatterFormats';
import { unsafeSchemaReason } from './schemaSafety';

export type { ErrorObject } from 'ajv';

/** What ajv calls to build a pattern: RE2 through re2js, or a throw with the reason. */
function linearRegExp(source: string): { test: (text: string) => boolean } {
  const compiled = compileUserPattern(source);
  if (!(compiled instanceof RE2JS)) throw new SchemaError(`pattern "${quoteText(source, 60)}": ${compiled.reason}`);
  return { test: (text) => compiled.test(text) };
}
// Only read when ajv writes standalone code, which this never asks for.
linearRegExp.code = 'linearRegExp';

/** A problem with the schema itself, in words. */
export class SchemaError extends Error {}

/** Standard formats a schema may name, each checked by its ajv-formats pattern run as RE2 (those RE2 can run). */
const STANDARD_FORMATS = ['date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'uri', 'uri-reference', 'email', 'ipv4', 'ipv6', 'uuid', 'json-pointer', 'relative-json-pointer'];

function formats(): NonNullable<Options['formats']> {
  const out: NonNullable<Options['formats']> = { ...FRONT_MATTER_FORMATS };
  const { fastFormats } = require('ajv-formats/dist/formats') as typeof import('ajv-formats/dist/formats');
  for (const name of STANDARD_FORMATS) {
    const format = (fastFormats as Record<string, unknown>)[name];
    const regex = format instanceof RegExp ? format : (format as { validate?: unknown } | undefined)?.validate;
    if (!(regex instanceof RegExp)) continue;
    // Compiled when a schema first uses the format: most never do, and some take milliseconds.
    // (ajv-formats' own patterns: RE2 runs them all, the 1,007-character IPv6 one too.)
    let compiled: RE2JS | undefined;
    out[name] = {
      type: 'string',
      validate: (text: string) => {
        compiled ??= RE2JS.compile(regex.source, regex.flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
        return compiled.test(text);
      },
    };
  }
  return out;
}

/** ajv's options for every schema; scripts/gen-front-matter-validator.ts compiles the built-in schema with them too. */
export const VALIDATOR_OPTIONS: Options = {
  allErrors: true,
  // Errors carry their subschema: a type error on a date says "a date", not "text".
  verbose: true,
  // Against the meta-schema only a team's schema is checked (compileSchema), and only once per version.
  validateSchema: false,
  // Unknown keywords and formats (x-order, a format we do not check) are ignored, not fatal;
  // strict mode would also run the schema's patterns on its own property names with RegExp.
  strict: false,
  allowMatchingProperties: true,
  logger: false,
  ownProperties: true,
  code: { regExp: linearRegExp as unknown as NonNullable<Options['code']>['regExp'] },
};

type Draft = '04' | '06' | '07' | '2019-09' | '2020-12';

function draftOf(schema: unknown): Draft {
  const declared = schema && typeof schema === 'object' ? (schema as { $schema?: unknown }).$schema : undefined;
  const text = typeof declared === 'string' ? declared : '';
  if (/draft-04/.test(text)) return '04';
  if (/draft-06/.test(text)) return '06';
  if (/2019-09/.test(text)) return '2019-09';
  if (/2020-12/.test(text)) return '2020-12';
  return '07';
}

const instances = new Map<Draft, Ajv>();

/** The class for a draft, loaded when first needed: most runs use one, many none. */
function ajvFor(draft: Draft): Ajv {
  let ajv = instances.get(draft);
  if (!ajv) {
    const options = { ...VALIDATOR_OPTIONS, formats: formats() };
    if (draft === '04') ajv = new (require('ajv-draft-04') as typeof import('ajv-draft-04')).default(options) as unknown as Ajv;
    else if (draft === '2019-09') ajv = new (require('ajv/dist/2019') as typeof import('ajv/dist/2019')).default(options);
    else if (draft === '2020-12') ajv = new (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default(options);
    else {
      ajv = new (require('ajv') as typeof import('ajv')).default(options);
      if (draft === '06') ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    }
    replaceUniqueItems(ajv);
    instances.set(draft, ajv);
  }
  return ajv;
}

/** ajv checks `uniqueItems` by comparing every pair of items: quadratic in a list from the document. */
function replaceUniqueItems(ajv: Ajv): void {
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    errors: true,
    validate: function unique(this: unknown, wanted: boolean, data: unknown[]) {
      if (!wanted) return true;
      const seen = new Map<string, number>();
      for (let j = 0; j < data.length; j++) {
        const key = canonical(data[j]);
        const i = seen.get(key);
        if (i !== undefined) {
          (unique as unknown as { errors: Partial<ErrorObject>[] }).errors = [{ keyword: 'uniqueItems', params: { i, j }, message: 'must NOT have duplicate items' }];
          return false;
        }
        seen.set(key, j);
      }
      return true;
    },
  });
}

/** The same text for equal JSON values, whatever the order of their keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A compiled schema, or the reason it cannot be used (never a throw). */
export function compileSchema(schema: unknown, options: { trusted?: boolean } = {}): ValidateFunction | { problem: string } {
  if (typeof schema !== 'boolean' && (!schema || typeof schema !== 'object' || Array.isArray(schema))) {
    return { problem: 'it is not a JSON Schema (an object)' };
  }
  const unsafe = unsafeSchemaReason(schema);
  if (unsafe) return { problem: unsafe };
  const draft = draftOf(schema);
  const ajv = ajvFor(draft);
  const compiled = { ...(schema as object) } as Record<string, unknown>;
  // A `$schema` the class does not know (a custom meta-schema) would fail to compile; the keywords decide.
  if (typeof compiled.$schema === 'string' && !ajv.getSchema(compiled.$schema)) delete compiled.$schema;
  // Each team schema is compiled on its own: an $id it shares with an earlier one must not clash.
  delete compiled.$id;
  delete compiled.id;
  // The validator keeps what it needs; ajv's cache would keep every version of an edited schema.
  try {
    if (!options.trusted && !ajv.validateSchema(compiled as AnySchema)) {
      const [first] = ajv.errors ?? [];
      const where = first?.instancePath ? `${first.instancePath.slice(1).replace(/\//g, '.')} ` : '';
      return { problem: `it is not a valid JSON Schema: ${quoteText(`${where}${first?.message ?? ''}`, 120)}` };
    }
    return ajv.compile(compiled as AnySchema);
  } catch (e) {
    if (e instanceof SchemaError) return { problem: e.message };
    if (e instanceof RangeError) return { problem: 'it is too deeply nested to compile' };
    return { problem: `it is not a valid JSON Schema: ${quoteText(firstLine(e instanceof Error ? e.message : String(e)), 120)}` };
  } finally {
    ajv.removeSchema(compiled as AnySchema);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
