/**
 * The schema a post-mortem's front matter is checked against: the built-in fields
 * (frontMatterFields.ts) and the team's own, from the JSON Schema file `frontMatterSchema` names
 * (JSON or YAML; read bounded through core/workspace, compiled once per version of the file).
 * Hover and completion read the fields' descriptions and values from here too.
 */
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { Config } from '../config';
import { quoteText } from '../quote';
import { MAX_ALIAS_COUNT, MAX_NESTING_DEPTH } from '../limits';
import { yamlDepth } from '../limits/nesting';
import type { SourceDocument } from '../types';
import { WorkspaceError } from '../workspace/errors';
import { READ_LIMITS } from '../workspace/readFile';
import { readSettingFile, SettingFileCache } from '../workspace/settingFile';
import { builtInSchema } from './frontMatterFields';
import { pointer } from './schemaSafety';
import * as generated from './builtInFrontMatter.generated';
import { compileSchema } from './schemaValidator';

type Schema = Record<string, unknown>;

export interface CompiledSchema {
  validate: ValidateFunction;
  schema: Schema;
}

export interface FrontMatterSchema {
  builtIn: CompiledSchema;
  /** The team's schema, when `frontMatterSchema` names one that can be used. */
  team?: CompiledSchema;
  /** Why the team's schema is not used: missing, too large, not JSON, not a safe schema. */
  problem?: string;
}

const builtIns = new Map<string, CompiledSchema>();

function builtInFor(config: Pick<Config, 'severities'>): CompiledSchema {
  const key = JSON.stringify(config.severities);
  let compiled = builtIns.get(key);
  if (!compiled) {
    const schema = builtInSchema(config);
    // The default severities' validator was generated at build time: no ajv, no compile.
    const validate = sameList(config.severities, generated.SEVERITIES) ? (generated.validate as ValidateFunction) : compileSchema(schema, { trusted: true });
    if (!(validate instanceof Function)) throw new Error(`the built-in front-matter schema does not compile: ${validate.problem}`);
    compiled = { validate, schema };
    if (builtIns.size > 16) builtIns.clear();
    builtIns.set(key, compiled);
  }
  return compiled;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const teamSchemas = new SettingFileCache<CompiledSchema | { problem: string }>();

/** The schema for a document under `config`; never throws: a team schema that cannot be used has a `problem`. */
export function frontMatterSchemaFor(config: Pick<Config, 'severities' | 'frontMatterSchema' | 'allowPathsOutsideWorkspace'>, document: Pick<SourceDocument, 'path' | 'root'>): FrontMatterSchema {
  const builtIn = builtInFor(config);
  const setting = (typeof config.frontMatterSchema === 'string' ? config.frontMatterSchema : '').trim();
  if (!setting) return { builtIn };
  const read = readSettingFile(setting, document, {
    allowOutside: config.allowPathsOutsideWorkspace === true,
    limit: { maxBytes: READ_LIMITS.schema, what: 'front-matter schema' },
    cache: teamSchemas,
    parse: (text, shown, file) => compileTeamSchema(parseSchemaText(text, shown, file), builtIn.schema, shown),
  });
  if ('problem' in read) return { builtIn, problem: read.problem };
  return 'problem' in read.value ? { builtIn, problem: read.value.problem } : { builtIn, team: read.value };
}

/** JSON, or YAML for a `.yaml`/`.yml` file; a WorkspaceError saying why not. */
function parseSchemaText(text: string, shown: string, file: string): unknown {
  if (/\.ya?ml$/i.test(file)) {
    if (yamlDepth(text) > MAX_NESTING_DEPTH) throw new WorkspaceError(`${shown}: nests more than ${MAX_NESTING_DEPTH} levels deep`);
    try {
      return parseYaml(text, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw new WorkspaceError(`${shown}: not valid YAML (${firstLine(e)})`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new WorkspaceError(`${shown}: not valid JSON (${firstLine(e)})`);
  }
}

/**
 * The team's schema, compiled. The built-in keys are declared in it (as anything) so that a schema
 * closed with `additionalProperties: false` still lets a post-mortem give them.
 */
function compileTeamSchema(schema: unknown, builtIn: Schema, shown: string): CompiledSchema | { problem: string } {
  let compiled = schema;
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
    const own = (schema as Schema).properties;
    if (own === undefined || (own && typeof own === 'object' && !Array.isArray(own))) {
      const declared = { ...(own as Schema | undefined) };
      for (const key of Object.keys(builtIn.properties as Schema)) if (!Object.prototype.hasOwnProperty.call(declared, key)) declared[key] = {};
      compiled = { ...(schema as Schema), properties: declared };
    }
  }
  const validate = compileSchema(compiled);
  if (!(validate instanceof Function)) return { problem: `${shown}: ${validate.problem}` };
  return { validate, schema: schema as Schema };
}

/** What hover and completion say about one field. */
export interface FieldInfo {
  name: string;
  description?: string;
  /** The values it may take, when the schema lists them. */
  values?: unknown[];
  /** A mapping of its own (`incident`): its keys are fields too. */
  object: boolean;
  /** `severity` from the built-in schema, or the team's. */
  source: 'built-in' | 'team';
}

/** The fields declared under a path of keys (`[]`: the top level; `['incident']`), the team's first. */
export function fieldsAt(schema: FrontMatterSchema, parent: readonly string[]): FieldInfo[] {
  const out = new Map<string, FieldInfo>();
  const sources: [Schema | undefined, FieldInfo['source']][] = [
    [schema.team?.schema, 'team'],
    [schema.builtIn.schema, 'built-in'],
  ];
  for (const [root, source] of sources) {
    const properties = propertiesAt(root, parent);
    for (const [name, raw] of Object.entries(properties)) {
      const field = follow(root, raw);
      const info = describeField(name, field, source);
      const known = out.get(name);
      // A team that redeclares a built-in field without describing it keeps the built-in description.
      out.set(name, known ? { ...info, ...withoutUndefined(known), object: info.object || known.object } : info);
    }
  }
  return [...out.values()];
}

/** One field, or undefined when no schema declares it. */
export function fieldAt(schema: FrontMatterSchema, path: readonly string[]): FieldInfo | undefined {
  if (path.length === 0) return undefined;
  return fieldsAt(schema, path.slice(0, -1)).find((f) => f.name === path[path.length - 1]);
}

function describeField(name: string, field: Schema | undefined, source: FieldInfo['source']): FieldInfo {
  const description = typeof field?.description === 'string' ? field.description : typeof field?.title === 'string' ? field.title : undefined;
  const values = Array.isArray(field?.enum) ? field.enum : field && 'const' in field ? [field.const] : undefined;
  const object = field?.type === 'object' || (!!field?.properties && typeof field.properties === 'object');
  return { name, description, values, object, source };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The `properties` of the object schema at a path of keys (following local `$ref`s). */
function propertiesAt(root: Schema | undefined, parent: readonly string[]): Record<string, unknown> {
  let node = follow(root, root);
  for (const key of parent) {
    const properties = node?.properties;
    if (!properties || typeof properties !== 'object' || !Object.prototype.hasOwnProperty.call(properties, key)) return {};
    node = follow(root, (properties as Schema)[key]);
  }
  const properties = node?.properties;
  return properties && typeof properties === 'object' && !Array.isArray(properties) ? (properties as Record<string, unknown>) : {};
}

/** A subschema, through a few local `$ref`s (the safety check refused circular ones). */
function follow(root: Schema | undefined, value: unknown): Schema | undefined {
  let node = value;
  for (let hops = 0; hops < 8 && node && typeof node === 'object' && typeof (node as Schema).$ref === 'string'; hops++) {
    node = pointer(root, (node as Schema).$ref as string);
  }
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Schema) : undefined;
}

/** A parser's message, which may quote the file: its first line, short and escaped. */
function firstLine(e: unknown): string {
  return quoteText((e instanceof Error ? e.message : String(e)).split('\n')[0], 120);
}
