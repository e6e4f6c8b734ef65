/**
 * The server re-parses an edited document from its previous version and keeps the findings of
 * entries an edit did not touch. Over stdio, after each of a run of edits, what it publishes must
 * be what a fresh lint of that text gives (the core's `lint`, which the CLI runs).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Range } from 'vscode-languageserver/node';
import { defaultConfig } from '../../server/src/core/config';
import { lint } from '../../server/src/core/lint';
import { FULL_CAPABILITIES, LspTestClient } from '../helpers/lspClient';
import { FAST, NOW, SEED } from './fixtures';

const INVENTORY = readFileSync(path.join(__dirname, '..', '..', 'examples', 'inventory', 'cert-inventory.yaml'), 'utf8');

/** A small deterministic generator, so a failure names the edit that broke it. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function rangeOf(text: string, start: number, end: number): Range {
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: at(start), end: at(end) };
}

/** Diagnostics and findings as the comparison needs them: rule, range, message. */
function summary(items: { code?: unknown; rule?: string; range: Range; message: unknown }[]): string[] {
  return items.map((d) => `${String(d.code ?? d.rule)} ${JSON.stringify(d.range)} ${String(d.message)}`).sort();
}

describe('incremental analysis over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, initializationOptions: { incidentDocs: FAST } });
  });
  after(() => client.stop());

  /**
   * Edits that keep the document checkable, so most of them go the incremental way: a note or a
   * blank line inside an entry or section (moving everything after it), a character typed into a
   * value or a line of prose, now and then a new entry or heading (a whole parse).
   */
  const cases = [
    {
      name: 'an inventory',
      file: '/tmp/incident-docs-incremental/cert-inventory.yaml',
      text: INVENTORY,
      languageId: 'yaml',
      typeInto: /^ {4}(name|owner|namespace|environment|secret): /,
      lines: ['\n', '    # a note\n', '    # another\n    # two lines\n', '  - name: new\n    expires: 2020-01-01\n'],
      linesBefore: /^ {4}[a-z]/,
    },
    {
      name: 'a post-mortem',
      file: '/tmp/incident-docs-incremental/postmortem.md',
      text: SEED,
      languageId: 'markdown',
      typeInto: /^[A-Za-z|*-]/,
      lines: ['\n', 'A new line of prose.\n', '\n\n', '## Notes\n'],
      linesBefore: /^[A-Za-z|]/,
    },
  ];
  for (const c of cases) {
    test(`${c.name}: after each of 40 edits, the published diagnostics are a fresh lint's`, async () => {
      const uri = `file://${c.file}`;
      let text = c.text;
      await client.open(uri, text, c.languageId, 1);
      await client.waitForDiagnostics(uri, { version: 1 });
      const next = random(c.name.length);
      const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
      for (let version = 2; version <= 41; version++) {
        const lines = text.split('\n');
        const starts = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0));
        let at: number;
        let insert: string;
        if (next() < 0.5) {
          const line = pick(lines.map((l, i) => i).filter((i) => c.typeInto.test(lines[i])));
          at = starts[line] + lines[line].length;
          insert = 'x';
        } else {
          const line = pick(lines.map((l, i) => i).filter((i) => c.linesBefore.test(lines[i])));
          at = starts[line];
          insert = pick(c.lines);
        }
        const mark = client.mark();
        await client.edit(uri, version, rangeOf(text, at, at), insert);
        text = text.slice(0, at) + insert + text.slice(at);
        const published = await client.waitForDiagnostics(uri, { version, after: mark });
        const fresh = lint({ path: c.file, text }, defaultConfig(), { now: new Date(NOW) });
        assert.deepEqual(summary(published.diagnostics), summary(fresh), `version ${version}: ${JSON.stringify(insert)} at ${at}`);
      }
      await client.close(uri);
    });
  }
});
