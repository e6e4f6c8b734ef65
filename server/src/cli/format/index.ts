import { jsonFormatter } from './json';
import { textFormatter } from './text';
import type { Formatter } from './types';

/** Every `lint --format`; the first is the default. SARIF and GitHub annotations go here. */
export const formatters: Formatter[] = [textFormatter, jsonFormatter];

export function formatterNamed(name: string): Formatter | undefined {
  return formatters.find((f) => f.name === name);
}

export type { FileReport, FormatContext, Formatter, RuleDescription } from './types';
