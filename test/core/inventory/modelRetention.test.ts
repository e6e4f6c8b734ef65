/**
 * Keystrokes in a large inventory: each version's model (its text, line index, YAML) goes once no
 * later version uses it, though the entries an edit did not touch live on in the next versions.
 * Per-entry caches that held the model they were filled under kept one version alive a keystroke
 * (1.7 MB each in the 5,000-entry inventory: the server's RSS grew without bound while typing).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultConfig } from '../../../server/src/core/config';
import { analyze, lintAnalysisReusing, type Analysis, type RuleFindings } from '../../../server/src/core/lint';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PATH = '/repo/cert-inventory.yaml';
const config = defaultConfig();
const now = new Date('2026-11-27T12:00:00Z');

function inventory(entries: number, edited: number, version: number): string {
  const out = ['defaults:', '  owner: platform-team@example.com', 'certificates:'];
  for (let i = 0; i < entries; i++) {
    out.push(`  - name: svc-${i}`, `    hosts: [svc-${i}.example.com]`, `    owner: team-${i}@example.com`);
    out.push(`    expires: 2027-01-${i === edited ? String(10 + version).padStart(2, '0') : '01'}`);
  }
  return out.join('\n') + '\n';
}

/** Lets the current job end: V8 keeps what a WeakRef handed out alive until then. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a version no later version uses is collected, however many keystrokes follow', async () => {
  const entries = 40;
  let analysis: Analysis | undefined = analyze({ path: PATH, text: inventory(entries, -1, 0) }, config, { now });
  let ruleFindings: RuleFindings | undefined = lintAnalysisReusing(analysis, { now }).ruleFindings;
  const versions: WeakRef<object>[] = [new WeakRef(analysis.parsed[0].model)];
  for (let version = 1; version <= 6; version++) {
    // One entry edited per version, another each time: the others are reused.
    const next: Analysis = analyze({ path: PATH, text: inventory(entries, version * 5, version) }, config, { now }, analysis);
    assert.ok(next.edit, 're-parsed by entries');
    ruleFindings = lintAnalysisReusing(next, { now }, ruleFindings).ruleFindings;
    versions.push(new WeakRef(next.parsed[0].model));
    analysis = next;
  }
  await nextTurn();
  gc();
  await nextTurn();
  gc();
  const alive = versions.map((ref, version) => (ref.deref() ? version : -1)).filter((version) => version >= 0);
  // The newest version is the one in use, and its rule findings are kept for the next keystroke.
  assert.deepEqual(alive, [versions.length - 1]);
  assert.ok(analysis && ruleFindings);
});
