/** remark-lint style: each pm/* rule's documented bad example is reported, its good example is not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postmortemRules } from '../../../../server/src/core/rules/pm';
import { byRule, lintPostmortem } from '../../../helpers/lint';

/** Examples show one thing; a rule whose docs name a narrower config is checked under it. */
const OPTIONS: Record<string, Record<string, unknown>> = {
  'pm/required-section': { requiredSections: ['Overview', 'Timeline'] },
  'pm/section-order': { requiredSections: ['Overview', 'Impact', 'Timeline'], rules: { 'pm/section-order': 'info' } },
  'pm/action-item-owner': { rules: { 'pm/action-item-owner': 'info' } },
};

describe('pm/* rule docs examples', () => {
  for (const rule of postmortemRules) {
    it(rule.id, () => {
      const options = OPTIONS[rule.id] ?? {};
      assert.ok(byRule(lintPostmortem(rule.docs.bad, options), rule.id).length > 0, `bad example of ${rule.id} is reported`);
      assert.deepEqual(byRule(lintPostmortem(rule.docs.good, options), rule.id), [], `good example of ${rule.id} is not`);
    });
  }
});
