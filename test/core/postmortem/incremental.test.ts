/**
 * The section-wise Markdown re-parse (core/postmortem/incremental.ts) must give the tree a whole
 * parse gives, positions included, and the same findings. Random edits of the seed post-mortem
 * and the corpus fixtures, with fragments that open fences, HTML blocks, definitions and headings.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../../../server/src/core/config';
import { analyze, lint, lintAnalysis } from '../../../server/src/core/lint';
import { reparseMarkdown } from '../../../server/src/core/postmortem/incremental';
import { parseMarkdown } from '../../../server/src/core/postmortem/markdown';
import { LineIndex } from '../../../server/src/core/text';
import { applyEdit } from '../../helpers/edits';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'postmortems');
const NOW = new Date('2026-11-27T12:00:00Z');
const config = defaultConfig();
const BASES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.md') && f !== 'LICENSE-NOTES.md')
  .map((f) => ({ name: f, text: readFileSync(join(FIXTURES, f), 'utf8') }));

/** Random edits spread over however many fixtures there are, so the file's time stays the same as fixtures are added. */
const PARSE_RUNS = Math.max(40, Math.round(600 / BASES.length));
const LINT_RUNS = Math.max(8, Math.round(100 / BASES.length));

const FRAGMENTS = ['a', ' ', '\n', '\n\n', '#', '## New section\n', '```\n', '~~~', '<!-- ', '-->', '<pre>\n', '<table>\n', '[x]: https://example.com\n',
  '[^1]: note\n', '| a | b |\n|---|---|\n', '- item\n', '> ', '    ', '16:04pm', '---\n', '===\n', '*', '_', '[', ']', '\r\n', '<div>'];

/** The tree as data; `data` fields some extensions add are left as they are. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('post-mortem re-parse by sections equals a whole parse', () => {
  for (const { name, text: base } of BASES) {
    test(`random edits of ${name}`, () => {
      let reparsed = 0;
      fc.assert(
        fc.property(fc.nat({ max: base.length }), fc.nat({ max: 10 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }), (at, remove, parts) => {
          const next = applyEdit(base, at, remove, parts.join(''));
          const root = reparseMarkdown(parseMarkdown(base), new LineIndex(base), new LineIndex(next));
          if (!root) return;
          reparsed++;
          assert.deepEqual(plain(root), plain(parseMarkdown(next)), JSON.stringify({ at, remove, insert: parts.join('') }));
        }),
        { numRuns: PARSE_RUNS, seed: 3 },
      );
      // The corpus files hold link definitions (no re-parse at all) or not; those without must re-parse most edits.
      const definitions = /^\s{0,3}\[[^\]]+\]:/m.test(base);
      if (!definitions) assert.ok(reparsed > PARSE_RUNS / 5, `only ${reparsed} of ${PARSE_RUNS} edits were re-parsed by sections`);
    });
  }

  test('findings after a re-parse equal a whole lint, two edits in a row', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 2 }));
    for (const { name, text: base } of BASES) {
      const path = `/repo/postmortems/${name}`;
      fc.assert(
        fc.property(edit, edit, (...edits) => {
          let text = base;
          let analysis = analyze({ path, text }, config);
          for (const [at, remove, parts] of edits) {
            text = applyEdit(text, at % (text.length + 1), remove, parts.join(''));
            analysis = analyze({ path, text }, config, {}, analysis);
            const whole = lint({ path, text }, config, { now: NOW });
            assert.deepEqual(lintAnalysis(analysis, { now: NOW }), whole, `${name}: ${JSON.stringify(text.slice(0, 80))}`);
          }
        }),
        { numRuns: LINT_RUNS, seed: 5 },
      );
    }
  });

  test('tables after a re-parse equal a whole parse\'s: a table the edit left alone is moved, not read again', () => {
    // Edits before a table shift it; edits inside it change its text, so it is read again.
    const withTables = BASES.filter(({ text }) => /<table|^\|/m.test(text));
    assert.ok(withTables.some(({ text }) => /<table/.test(text)) && withTables.some(({ text }) => /^\|/m.test(text)), 'fixtures with HTML and pipe tables');
    let moved = 0;
    const tablesOf = (analysis: ReturnType<typeof analyze>) =>
      plain(analysis.parsed.flatMap(({ model }) => ('tables' in model ? (model.tables as { table: unknown; section?: { heading: { text: string } } }[]) : []).map(({ table, section }) => ({ table, section: section?.heading.text }))));
    for (const { name, text: base } of withTables) {
      const path = `/repo/postmortems/${name}`;
      const firstTable = Math.min(...[base.search(/<table/), base.search(/^\|/m)].filter((i) => i >= 0));
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 2 })), { minLength: 1, maxLength: 3 }), (edits) => {
          let text = base;
          let analysis = analyze({ path, text }, config);
          for (const [at, remove, parts] of edits) {
            const offset = at % (text.length + 1);
            const next = applyEdit(text, offset, remove, parts.join(''));
            if (offset < firstTable && next.length !== text.length) moved++;
            text = next;
            analysis = analyze({ path, text }, config, {}, analysis);
            assert.deepEqual(tablesOf(analysis), tablesOf(analyze({ path, text }, config)), `${name}: ${JSON.stringify(edits)}`);
          }
        }),
        { numRuns: LINT_RUNS, seed: 11 },
      );
    }
    assert.ok(moved > 10, `only ${moved} edits moved the tables after them`);
  });

  test('edits inside long tables and lists re-parse the rows or items around them, as a whole parse would', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `| 2026-03-02 ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | event ${i} |`);
    const items = Array.from({ length: 200 }, (_, i) => `- ${String(i % 24).padStart(2, '0')}:00 event ${i}${i % 7 === 0 ? '\n  more about it' : ''}`);
    const bases = [
      `# Post-mortem: x\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n${rows.join('\n')}\n\n## Action Items\n\n- OPS-1\n`,
      `# Post-mortem: x\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n${rows.join('\n')}\n`,
      `# Post-mortem: x\n\n## Timeline\n\n${items.join('\n')}\n\n## Action Items\n\n- OPS-1\n`,
      `# Post-mortem: x\n\n## Timeline\n\n${items.join('\n\n')}\n## After\n`,
      `# Post-mortem: x\n\n## Timeline\n\n${items.map((item, i) => item.replace('-', `${i + 1}.`)).join('\r\n')}\r\n`,
    ];
    const fragments = [...FRAGMENTS, '| 10:00 | new |\n', '|', '- 10:00 new\n', '1. new\n', '  nested\n', '- ', '\n- x', '\n| y |', '* other\n'];
    let block = 0;
    for (const base of bases) {
      fc.assert(
        fc.property(fc.nat({ max: base.length }), fc.nat({ max: 30 }), fc.array(fc.constantFrom(...fragments), { maxLength: 3 }), (at, remove, parts) => {
          const next = applyEdit(base, at, remove, parts.join(''));
          const previous = parseMarkdown(base);
          const root = reparseMarkdown(previous, new LineIndex(base), new LineIndex(next));
          if (!root) return;
          if (root.children.length === previous.children.length) block++;
          assert.deepEqual(plain(root), plain(parseMarkdown(next)), JSON.stringify({ at, remove, insert: parts.join('') }));
        }),
        { numRuns: 150, seed: 21 },
      );
    }
    assert.ok(block > 250, `only ${block} of 750 edits kept their tree's top level`);
  });

  test('text put right before a heading is parsed with the section above (a list there continues)', () => {
    const base = '# Post-mortem: x\n\n## Summary\n\n- one\n\n## Timeline\n\n- 10:00 start\n';
    const at = base.indexOf('## Timeline');
    const edited = base.slice(0, at) + '- item\n' + base.slice(at);
    assert.deepEqual(plain(reparseMarkdown(parseMarkdown(base), new LineIndex(base), new LineIndex(edited))), plain(parseMarkdown(edited)));
  });

  test('an HTML block closed by a blank line, or a fence closed by its marker, ends its section', () => {
    const base = '# Post-mortem: x\n\n## Impact\n\n<table>\n<tr><td>4 hours</td></tr>\n</table>\n\n## Code\n\n```\nx\n```\n## Timeline\n\n- 10:00 start\n';
    for (const [needle, insert] of [['4 hours', 'about '], ['x\n```', 'y']]) {
      const at = base.indexOf(needle);
      const edited = base.slice(0, at) + insert + base.slice(at);
      const root = reparseMarkdown(parseMarkdown(base), new LineIndex(base), new LineIndex(edited));
      assert.ok(root, `${needle}: re-parsed by sections`);
      assert.deepEqual(plain(root), plain(parseMarkdown(edited)));
    }
  });

  test('an unclosed fence or a new definition falls back to a whole parse', () => {
    const base = '# Post-mortem: x\n\n## Summary\n\ntext\n\n## Timeline\n\n- 10:00 start\n';
    const root = parseMarkdown(base);
    assert.equal(reparseMarkdown(root, new LineIndex(base), new LineIndex(base.replace('text\n', 'text\n```\n'))), undefined);
    assert.equal(reparseMarkdown(parseMarkdown(base), new LineIndex(base), new LineIndex(base.replace('text\n', 'text\n\n[t]: https://x.example\n'))), undefined);
    const edited = base.replace('text', 'more text');
    assert.deepEqual(plain(reparseMarkdown(parseMarkdown(base), new LineIndex(base), new LineIndex(edited))), plain(parseMarkdown(edited)));
  });
});
