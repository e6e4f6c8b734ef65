import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { ConfigLayer } from './config';

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

/** Reads a config file into a layer; an unreadable or malformed file becomes a problem, not a throw. */
export function loadConfigFile(file: string): { layer?: ConfigLayer; problems: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { problems: [`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] };
  }
  const parsed = parseConfigText(text, file);
  if (parsed.layer) parsed.layer = { ...parsed.layer, values: resolvePaths(parsed.layer.values, path.dirname(file)) };
  return parsed;
}

/** Path-valued settings in a config file are relative to the file, wherever the tool runs from. */
const PATH_SETTINGS = ['extraCaFiles'];

function resolvePaths(values: unknown, dir: string): unknown {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return values;
  const out = { ...(values as Record<string, unknown>) };
  for (const key of PATH_SETTINGS) {
    const v = out[key];
    if (Array.isArray(v)) out[key] = v.map((p) => (typeof p === 'string' ? path.resolve(dir, p) : p));
  }
  return out;
}

export function parseConfigText(text: string, source: string): { layer?: ConfigLayer; problems: string[] } {
  try {
    const values = parse(text, { maxAliasCount: 100 }) ?? {};
    return { layer: { source, values }, problems: [] };
  } catch (e) {
    return { problems: [`${source}: not valid YAML (${(e as Error).message.split('\n')[0]})`] };
  }
}
