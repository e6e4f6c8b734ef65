/**
 * `.incident-docs.yaml`: found, read (bounded), parsed, and its paths resolved against its own
 * folder, the same way for the CLI and the language server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { ConfigLayer } from '../config';
import { MAX_ALIAS_COUNT, MAX_NESTING_DEPTH } from '../limits';
import { yamlDepth } from '../limits/nesting';
import { WorkspaceError } from './errors';
import { READ_LIMITS, readTextFileSync } from './readFile';

export const CONFIG_FILE_NAME = '.incident-docs.yaml';

/**
 * The nearest `.incident-docs.yaml` at or above `startDir`, not going above `stopDir`
 * (the workspace root in the editor; the file system root for the CLI).
 */
export function findConfigFile(startDir: string, stopDir?: string): string | undefined {
  let dir = path.resolve(startDir);
  const stop = stopDir ? path.resolve(stopDir) : undefined;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (stop && dir === stop) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedConfigFile {
  layer?: ConfigLayer;
  /** The file cannot be used at all (unreadable, not YAML, not a mapping): the CLI exits 2. */
  error?: string;
  /** It can be used, but something in it was ignored. */
  problems: string[];
}

export interface ConfigFileOptions {
  /** How the file is named in messages (the CLI shows it relative to the working directory). */
  shown?: string;
  /**
   * Settings only the user may give (command line, editor settings) are dropped from a file, with
   * a problem each: a repository must not lift the limits that protect the person who opened it.
   */
  userOnlySettings?: readonly string[];
}

/** Settings a repository's own file may not set. */
export const USER_ONLY_SETTINGS: readonly string[] = ['allowPathsOutsideWorkspace'];

/** Reads a config file into a layer; an unreadable or malformed file is an `error`, never a throw. */
export function loadConfigFile(file: string, options: ConfigFileOptions = {}): LoadedConfigFile {
  const shown = options.shown ?? file;
  let text: string;
  try {
    text = readTextFileSync(file, { maxBytes: READ_LIMITS.config, what: 'config file' }, shown);
  } catch (e) {
    return { error: e instanceof WorkspaceError ? e.message : `${shown}: cannot read`, problems: [] };
  }
  const parsed = parseConfigText(text, shown);
  if (!parsed.layer) return parsed;
  const problems: string[] = [];
  const values = withoutSettings(parsed.layer.values, options.userOnlySettings ?? USER_ONLY_SETTINGS, shown, problems);
  return { layer: { source: shown, values: resolvePaths(values, path.dirname(path.resolve(file))) }, problems };
}

/**
 * Path-valued settings in a config file are relative to the file, wherever the tool runs from;
 * each with the test of whether a value names a file.
 */
const PATH_SETTINGS: Record<string, (value: string) => boolean> = {
  extraCaFiles: () => true,
  // A preset (`google-sre`) or a file (`docs/template.md`): only a file is resolved.
  template: (value) => /[\\/]/.test(value) || /\.(md|markdown)$/i.test(value),
  // Empty means no schema.
  frontMatterSchema: (value) => value !== '',
};

function resolvePaths(values: Record<string, unknown>, dir: string): Record<string, unknown> {
  const out = { ...values };
  for (const [key, namesFile] of Object.entries(PATH_SETTINGS)) {
    const v = out[key];
    if (Array.isArray(v)) out[key] = v.map((p) => (typeof p === 'string' ? path.resolve(dir, p) : p));
    else if (typeof v === 'string' && namesFile(v.trim())) out[key] = path.resolve(dir, v.trim());
  }
  return out;
}

function withoutSettings(values: Record<string, unknown>, dropped: readonly string[], shown: string, problems: string[]): Record<string, unknown> {
  const kept = { ...values };
  for (const key of dropped) {
    if (!(key in kept)) continue;
    delete kept[key];
    problems.push(`${shown}: "${key}" is ignored in a config file; give it on the command line or in your editor settings`);
  }
  return kept;
}

/** Parses a config file's text: a YAML mapping (an empty file is an empty one). */
export function parseConfigText(text: string, source: string): LoadedConfigFile & { layer?: { source: string; values: Record<string, unknown> } } {
  // The parser is superlinear in nesting and recursive: a hostile file must not hang or overflow it.
  const depth = yamlDepth(text);
  if (depth > MAX_NESTING_DEPTH) return { error: `${source}: nests ${depth} levels deep; settings never nest more than a few`, problems: [] };
  let values: unknown;
  try {
    values = parse(text, { maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (e) {
    return { error: `${source}: not valid YAML (${firstLine((e as Error).message)})`, problems: [] };
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return { error: `${source}: expected a mapping of settings (key: value), got ${Array.isArray(values) ? 'a list' : typeof values}`, problems: [] };
  }
  return { layer: { source, values: values as Record<string, unknown> }, problems: [] };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
