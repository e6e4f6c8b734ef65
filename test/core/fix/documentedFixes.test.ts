/** docs/rules.md says which fixes are safe: what a rule's docs say must be what its fixes do. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../../server/src/core/ruleReference';
import { lint } from '../../../server/src/core/lint';
import type { Finding } from '../../../server/src/core/types';
import { config, NOW } from '../../helpers/lint';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLE_CONFIG: Record<string, Record<string, unknown>> = {
  'pm/required-section': { requiredSections: ['Overview', 'Timeline'] },
  'cert/personal-email': { defaultTeamEmail: 'platform-team@example.com' },
};

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(md|ya?ml)$/.test(f)).map((f) => path.join(dir, f));
}

/** Every finding the docs' bad examples, the examples, the seed and the shared corpus give. */
function findings(): Finding[] {
  const out: Finding[] = [];
  for (const rule of allRules()) {
    const yaml = rule.id.startsWith('cert/');
    const document = { path: yaml ? (rule.docs.bad.startsWith('apiVersion') ? '/k8s/example.yaml' : '/repo/example.yaml') : 'postmortems/example.md', text: rule.docs.bad };
    out.push(...lint(document, config(EXAMPLE_CONFIG[rule.id]), { now: NOW, kind: yaml ? undefined : 'postmortem' }));
  }
  for (const file of [...filesUnder(path.join(ROOT, 'examples')), ...filesUnder(path.join(ROOT, 'test/fixtures/postmortems')), ...filesUnder(path.resolve(ROOT, '../shared/corpus'))]) {
    out.push(...lint({ path: file, root: path.dirname(file), text: readFileSync(file, 'utf8') }, config({ defaultTeamEmail: 'platform-team@example.com' }), { now: NOW }));
  }
  return out;
}

describe('the fixes each rule documents', () => {
  const all = findings();
  for (const rule of allRules()) {
    it(rule.id, () => {
      const fixes = all.filter((f) => f.rule === rule.id).flatMap((f) => f.fixes ?? []);
      const documented = rule.docs.fixes ?? [];
      if (fixes.length > 0) assert.ok(documented.length > 0, 'offers fixes its docs do not list');
      if (fixes.some((f) => f.safe)) assert.ok(documented.some((d) => d.safe), 'a safe fix its docs do not call safe');
      if (!documented.some((d) => d.safe)) assert.ok(!fixes.some((f) => f.safe), 'docs call no fix safe, but one is');
      for (const d of documented) assert.ok(d.safe || d.note, `${d.title}: why it is not safe`);
    });
  }
});
