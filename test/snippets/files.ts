import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expandSnippet, snippetVariables, type ExpandOptions } from '../helpers/snippets';

export const ROOT = path.join(__dirname, '..', '..');

export interface Snippet {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

/** A snippet file as VS Code reads it (ours are plain JSON, no comments). */
export function snippetFile(name: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(path.join(ROOT, 'snippets', name), 'utf8'));
}

/** When the tests pretend the snippet is inserted; 14:07 UTC, inside the day, so the zone does not move it. */
export const INSERTED_AT = new Date('2026-11-27T14:07:00Z');

/** A snippet's text with every placeholder left at its default, inserted at `at`. */
export function expand(snippet: Snippet, at: Date = INSERTED_AT, values: ExpandOptions['values'] = {}): string {
  return expandSnippet(snippet.body, { variables: snippetVariables(at), values });
}
