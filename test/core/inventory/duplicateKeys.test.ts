/**
 * Duplicate keys are found with one lookup per key instead of yaml's comparison with every earlier
 * key (quadratic: a 38,000-key map under the size limit took 30 s). The errors must be exactly
 * yaml's own: same code, same position, same message, on generated documents of every key shape.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Composer, Parser } from 'yaml';
import { composeYaml, parseYaml } from '../../../server/src/core/inventory/yaml';

/** yaml's own check, as the inventory parse used it before. */
function yamlOwnErrors(text: string): string[] {
  const composer = new Composer({ merge: true, prettyErrors: false });
  return [...composer.compose(new Parser().parse(text), true, text.length)].flatMap((d) => d.errors.map(describeError));
}

function oursErrors(text: string): string[] {
  return composeYaml(text).documents.flatMap((d) => d.errors.map(describeError));
}

function describeError(e: { code: string; pos: [number, number]; message: string }): string {
  return `${e.code}@${e.pos[0]}-${e.pos[1]}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}

function byPosition(errors: string[]): string[] {
  const at = (e: string) => Number(/@(\d+)-/.exec(e)![1]);
  return [...errors].sort((a, b) => at(a) - at(b));
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keys that are equal, or only look equal, under yaml's core schema.
const KEYS = ['a', "'a'", '"a"', 'b', '1', "'1'", '1.0', '0x1', '01', 'true', 'True', "'true'", 'null', '~', '""', '.nan', '.NaN', '-0', '0', '+0', '.inf', '<<', '&x a', '!!str 1', '[1, 2]', '{a: 1}'];

function generate(next: () => number, depth: number, indent: string): string {
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 5);
  for (let i = 0; i < count; i++) {
    const key = KEYS[Math.floor(next() * KEYS.length)];
    const shape = next();
    if (depth > 0 && shape < 0.25) lines.push(`${indent}${key}:\n${generate(next, depth - 1, indent + '  ')}`);
    else if (shape < 0.4) {
      const flow = Array.from({ length: 1 + Math.floor(next() * 3) }, () => `${KEYS[Math.floor(next() * 12)]}: ${i}`).join(', ');
      lines.push(`${indent}${key}: {${flow}}`);
    } else if (depth > 0 && shape < 0.5) lines.push(`${indent}${key}:\n${indent}  - ${generate(next, depth - 1, indent + '    ').trimStart()}`);
    else lines.push(`${indent}${key}: ${i}`);
  }
  return lines.join('\n');
}

describe('duplicate keys', () => {
  it('reports exactly what yaml reports, on 2,000 generated documents', () => {
    const next = random(20261202);
    let compared = 0;
    let withDuplicates = 0;
    for (let i = 0; i < 2000; i++) {
      const text = generate(next, 2, '') + '\n';
      // yaml lists some errors of a map after the map's end; ours come sorted by position (what
      // syntaxErrorsOf and the incremental splices want), so the two are compared in that order.
      const expected = byPosition(yamlOwnErrors(text));
      const ours = byPosition(oursErrors(text));
      // A document yaml cannot compose (a flow map as a block key: "Map comment with trailing
      // content") keeps that error either way; which keys yaml then compares is its own accident.
      if (expected.some((e) => !e.startsWith('DUPLICATE_KEY'))) {
        assert.deepEqual(ours.filter((e) => !e.startsWith('DUPLICATE_KEY')), expected.filter((e) => !e.startsWith('DUPLICATE_KEY')), text);
        continue;
      }
      compared++;
      assert.deepEqual(ours, expected, text);
      if (expected.length > 0) withDuplicates++;
    }
    assert.ok(compared > 1000 && withDuplicates > 500, `${compared} documents compared, ${withDuplicates} with a duplicate key: the generator tests too little`);
  });

  it('reports the duplicate in an inventory entry at the second key, as a syntax problem', () => {
    const text = 'certificates:\n  - name: a\n    owner: x@example.com\n    name: b\n';
    const problems = parseYaml(text).syntaxErrors;
    assert.deepEqual(problems, [{ message: 'Map keys must be unique', span: { start: text.lastIndexOf('name'), end: text.lastIndexOf('name') + 1 } }]);
  });

  it('checks a map of 150,000 keys (hours for a quadratic check) within the test bound', { timeout: 60_000 }, () => {
    const keys = Array.from({ length: 150_000 }, (_, i) => `k${i}: ${i}`);
    keys.push('k7: again');
    const { documents } = composeYaml(keys.join('\n') + '\n');
    assert.deepEqual(documents[0].errors.map((e) => e.code), ['DUPLICATE_KEY']);
  });
});
