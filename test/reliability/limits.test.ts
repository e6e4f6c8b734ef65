/** Limits: deep documents, huge documents, alias bombs. Each gets at most one finding, quickly, never a crash. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Nodes, Root } from 'mdast';
import { lint } from '../../server/src/core/lint';
import { INTERNAL_ERROR_RULE, TOO_LARGE_RULE } from '../../server/src/core/ruleReference';
import { MAX_NESTING_DEPTH, nestingDepth } from '../../server/src/core/limits';
import { parseYaml } from '../../server/src/core/inventory/yaml';
import { textRuns } from '../../server/src/core/postmortem/runs';
import { isFillerBlock } from '../../server/src/core/postmortem/template';
import { config, NOW } from '../helpers/lint';

const DEEP = 10_000;
const PM = '# Post-mortem: deep\n\n## Timeline\n\n';
/** Generous for a slow CI machine; the unguarded parsers took minutes or overflowed on these. */
const BOUND_MS = 3_000;

const deepMarkdown: Record<string, string> = {
  'nested list items': PM + '- '.repeat(DEEP) + 'x\n',
  'indented list items': PM + Array.from({ length: 500 }, (_, i) => '  '.repeat(i) + '- item').join('\n') + '\n',
  'block quotes': PM + '>'.repeat(DEEP) + ' x\n',
  'quotes and lists': PM + '> 1. '.repeat(DEEP) + 'x\n',
  emphasis: PM + '*'.repeat(DEEP) + 'x' + '*'.repeat(DEEP) + '\n',
  'spread emphasis': PM + '*a '.repeat(DEEP) + 'b' + ' c*'.repeat(DEEP) + '\n',
  'link brackets': PM + '['.repeat(DEEP) + 'x' + ']'.repeat(DEEP) + '(y)\n',
  'YAML front matter': '---\ntitle: Post-mortem\nx: ' + '['.repeat(DEEP) + ']'.repeat(DEEP) + '\n---\n' + PM,
};
const deepYaml: Record<string, string> = {
  'flow sequences': 'certificates: ' + '['.repeat(DEEP) + ']'.repeat(DEEP) + '\n',
  'flow mappings': 'certificates: ' + '{a: '.repeat(DEEP) + '1' + '}'.repeat(DEEP) + '\n',
  'compact sequences': 'certificates:\n' + '- '.repeat(DEEP) + 'x\n',
  'block mappings': 'certificates:\n' + Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i + 1) + `k${i}:`).join('\n') + ' v\n',
};

function timed<T>(f: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = f();
  return { value, ms: performance.now() - started };
}

describe('limits: documents nested deeper than any real one', () => {
  const cases = [
    ...Object.entries(deepMarkdown).map(([name, text]) => ({ name, text, path: 'postmortems/deep.md' })),
    ...Object.entries(deepYaml).map(([name, text]) => ({ name, text, path: 'cert-inventory.yaml' })),
  ];
  for (const { name, text, path } of cases) {
    it(`${name}: one too-large finding, in time, no internal error`, () => {
      // The depth is what is under test: some of these are larger than the default size limit.
      const { value: findings, ms } = timed(() => lint({ path, text }, config({ maxFileSizeBytes: 8 * 1024 * 1024 }), { now: NOW }));
      assert.ok(ms < BOUND_MS, `${ms} ms`);
      assert.deepEqual(
        findings.map((f) => f.rule),
        [TOO_LARGE_RULE],
        findings.map((f) => f.message).join('\n'),
      );
      assert.match(findings[0].message, /nests \d+ levels deep|nests too deeply/);
    });
  }

  it('HTML nested 10,000 deep inside a table: one finding, not an internal error', () => {
    const text = PM + '<table><tr><td>' + '<b>'.repeat(DEEP) + 'x' + '</b>'.repeat(DEEP) + '</td></tr></table>\n';
    const findings = lint({ path: 'postmortems/deep.md', text }, config(), { now: NOW });
    assert.ok(!findings.some((f) => f.rule === INTERNAL_ERROR_RULE), findings.map((f) => f.message).join('\n'));
  });

  it('real nesting (a few levels, and just under the limit) is linted as usual', () => {
    const depth = MAX_NESTING_DEPTH - 1;
    const text = PM + '| Time | Event |\n| --- | --- |\n| 16:04pm | x |\n\n' + '> '.repeat(depth) + 'deep but allowed\n';
    assert.equal(nestingDepth('postmortem', text), depth);
    const findings = lint({ path: 'postmortems/ok.md', text }, config(), { now: NOW });
    assert.ok(!findings.some((f) => f.rule.startsWith('doc/')), findings.map((f) => f.message).join('\n'));
    assert.ok(findings.some((f) => f.rule === 'pm/invalid-time'));
  });

  it('the depth scans do not mistake ordinary text for nesting', () => {
    const text =
      '# Post-mortem\n\n```c\n' + '*p = a[i;\n'.repeat(500) + '```\n\n' + 'snake_case_name and a_b_c ' .repeat(500) + '\n\n' +
      Array.from({ length: 500 }, (_, i) => `* item ${i} with [link](x) and *emphasis*`).join('\n') + '\n';
    assert.ok(nestingDepth('postmortem', text) < 5, String(nestingDepth('postmortem', text)));
    const yaml = 'certificates:\n' + '  - name: a\n    notes: "see [1" and [2\n    hosts: [a, b]\n'.repeat(500);
    assert.ok(nestingDepth('inventory', yaml) < 6, String(nestingDepth('inventory', yaml)));
  });
});

describe('limits: tree walks do not recurse', () => {
  /** A chain of `depth` emphasis nodes with a text leaf, built directly: deeper than any stack. */
  function chain(depth: number): Nodes {
    let node: Nodes = { type: 'text', value: 'leaf', position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 5, offset: 4 } } };
    for (let i = 0; i < depth; i++) node = { type: 'emphasis', children: [node as never] };
    return node;
  }

  it('textRuns reaches a leaf 200,000 levels down', () => {
    assert.deepEqual(textRuns(chain(200_000), 'leaf text').map((r) => r.text), ['leaf']);
  });

  it('isFillerBlock judges a quote 200,000 levels deep', () => {
    let node: Root['children'][number] = { type: 'thematicBreak' };
    for (let i = 0; i < 200_000; i++) node = { type: 'blockquote', children: [node as never] };
    assert.equal(isFillerBlock(node, ''), true);
  });

  it('YAML comments are collected from flow collections deeper than the stack', () => {
    const depth = 5_000;
    const text = '# incident-docs-disable-next-line cert/yaml-syntax\na: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
    const parsed = parseYaml(text);
    assert.equal(parsed.comments.length, 1);
  });
});

describe('limits: size and aliases', () => {
  it('maxFileSizeBytes counts UTF-8 bytes, not UTF-16 units', () => {
    const text = '# Post-mortem\n\n' + 'é'.repeat(600);
    const limit = text.length + 10; // the text is shorter than this in characters, longer in bytes
    const findings = lint({ path: 'postmortems/x.md', text }, config({ maxFileSizeBytes: limit }), { now: NOW });
    assert.deepEqual(findings.map((f) => f.rule), [TOO_LARGE_RULE]);
  });

  it('an alias bomb in an inventory and in front matter is neither expanded nor slow', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      bomb.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(',')}]`);
    }
    const inventory = bomb.join('\n') + '\ncertificates:\n  - name: *l\n    <<: *l\n    hosts: *l\n';
    const front = '---\n' + bomb.join('\n') + '\ntitle: *l\n---\n' + PM;
    for (const [path, text] of [['cert-inventory.yaml', inventory], ['postmortems/bomb.md', front]]) {
      const { value: findings, ms } = timed(() => lint({ path, text }, config(), { now: NOW }));
      assert.ok(ms < BOUND_MS, `${path}: ${ms} ms`);
      assert.ok(!findings.some((f) => f.rule === INTERNAL_ERROR_RULE), findings.map((f) => f.message).join('\n'));
    }
  });
});
