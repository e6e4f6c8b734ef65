/**
 * The action's inputs, as the runner passes them: `INPUT_<NAME>` environment variables, the name
 * upper-cased with spaces as underscores (hyphens stay: `INPUT_CHANGED-SINCE`).
 */
import { InvalidArgumentError } from 'commander';
import { CliError } from '../errors';
import { formatterNamed } from '../format';
import { parseMaxWarnings } from '../options';

export interface ActionInputs {
  paths: string[];
  format: string;
  changedSince?: string;
  maxWarnings?: number;
  sarifFile?: string;
}

export function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** `paths`: one per line, or several on one line separated by spaces. */
function paths(value: string): string[] {
  const lines = value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 1) return lines[0].split(/\s+/);
  return lines.length > 0 ? lines : ['.'];
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const format = input(env, 'format') || 'github';
  if (!formatterNamed(format)) throw new CliError(`input format: unknown format "${format}"`);
  const maxWarnings = input(env, 'max-warnings');
  let parsedMax: number | undefined;
  try {
    parsedMax = maxWarnings === '' ? undefined : parseMaxWarnings(maxWarnings);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(`input max-warnings: ${e.message}`);
    throw e;
  }
  return {
    paths: paths(input(env, 'paths')),
    format,
    changedSince: input(env, 'changed-since') || undefined,
    maxWarnings: parsedMax,
    sarifFile: input(env, 'sarif-file') || undefined,
  };
}
