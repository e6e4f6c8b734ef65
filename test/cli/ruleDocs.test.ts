import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  allRules,
  DOCUMENT_FINDINGS,
  headingAnchor,
  renderRulesMarkdown,
  RULE_DOCS_BASE_URL,
  ruleAnchor,
  ruleDocsUrl,
  ruleGroups,
  ruleReferenceEntries,
  rulesMarkdown,
} from '../../server/src/core/ruleReference';
import { REPO_ROOT } from './helpers';

const RULES_DOC = path.join(REPO_ROOT, 'docs', 'rules.md');

describe('docs/rules.md', () => {
  it('is up to date with the rules\' docs (run `npm run docs` when this fails)', () => {
    assert.equal(fs.readFileSync(RULES_DOC, 'utf8'), rulesMarkdown());
  });

  it('has a heading for every rule and document finding, whose anchor ruleDocsUrl points at', () => {
    const headings = new Set(
      fs
        .readFileSync(RULES_DOC, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => headingAnchor(l.replace(/^#+\s*/, ''))),
    );
    const ids = [...allRules().map((r) => r.id), ...DOCUMENT_FINDINGS.map((f) => f.id)];
    assert.ok(ids.length > 0);
    for (const id of ids) {
      assert.ok(headings.has(ruleAnchor(id)), `no heading for ${id}`);
      assert.equal(ruleDocsUrl(id), `${RULE_DOCS_BASE_URL}#${ruleAnchor(id)}`);
    }
  });

  it('shows each rule\'s bad and good example', () => {
    const doc = rulesMarkdown();
    const starts = allRules().map((r) => doc.indexOf(`\n### ${r.id}\n`));
    for (const [i, rule] of allRules().entries()) {
      assert.ok(starts[i] >= 0, `${rule.id}: no section`);
      // Examples may hold ### headings themselves: a section ends where the next rule's begins.
      const end = Math.min(...starts.filter((s) => s > starts[i]), doc.length);
      const body = doc.slice(starts[i], end);
      assert.ok(body.includes(rule.docs.bad.trimEnd()), `${rule.id}: bad example missing`);
      assert.ok(body.includes(rule.docs.good.trimEnd()), `${rule.id}: good example missing`);
      assert.ok(body.includes(`**${rule.defaultSeverity}**`), `${rule.id}: default severity missing`);
    }
  });
});

describe('headingAnchor', () => {
  it('derives anchors the way GitHub does', () => {
    assert.equal(headingAnchor('pm/required-section'), 'pmrequired-section');
    assert.equal(headingAnchor('cert/expires_soon'), 'certexpires_soon');
    assert.equal(headingAnchor('Post-mortems (Markdown)'), 'post-mortems-markdown');
    assert.equal(headingAnchor("How'd We Do?"), 'howd-we-do');
  });
});

describe('renderRulesMarkdown', () => {
  const rule = {
    id: 'pm/example',
    defaultSeverity: 'warning' as const,
    docs: { summary: 'Reports | pipes.', details: 'Why.', options: '`x`', bad: '```\ncode\n```\n', good: 'fine' },
  };

  it('fences examples longer than any backtick run inside them', () => {
    const md = renderRulesMarkdown([{ kind: 'postmortem', rules: [rule] }]);
    assert.ok(md.includes('````markdown\n```\ncode\n```\n````'));
    assert.ok(md.includes('| [`pm/example`](#pmexample) | warning | Reports \\| pipes. |'));
    assert.ok(md.includes('**Options:** `x`'));
  });

  it('leaves out kinds without rules', () => {
    const md = renderRulesMarkdown([{ kind: 'inventory', rules: [] }, { kind: 'postmortem', rules: [rule] }]);
    assert.ok(!md.includes('Certificate inventories'));
  });

  it('gives the same rules as data for --format json', () => {
    const entries = ruleReferenceEntries(ruleGroups());
    assert.deepEqual(entries.map((e) => e.id), allRules().map((r) => r.id));
    for (const e of entries) assert.equal(e.url, ruleDocsUrl(e.id));
  });
});
