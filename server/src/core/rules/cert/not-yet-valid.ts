import { isoDay } from '../../inventory/dates';
import { certFacts, sourceLabel } from '../../inventory/facts';
import { entryLabel, type CertModel } from '../../inventory/model';
import { issuedOf } from '../../inventory/refs';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

export const notYetValid: Rule<CertModel> = {
  id: 'cert/not-yet-valid',
  defaultSeverity: 'error',
  scope: 'entry',
  clock: true,
  docs: {
    summary: 'The certificate\'s `issued` date (notBefore) is in the future: clients reject it until then.',
    details:
      'notBefore comes from the best source at hand: a live check you ran, else the PEM, else `issued` (or `expires` minus `lifetime`). A clock that is wrong on the issuing side, or a date typed wrong, both show up here.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    issued: 2099-01-01\n    lifetime: 90d\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    issued: 2026-11-01\n    lifetime: 90d\n',
  },
  *check(model, report, context) {
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const facts = certFacts(entry, model, context);
      const notBefore = facts?.notBefore;
      if (!facts || !notBefore || notBefore.getTime() <= context.now.getTime()) continue;
      const when = notBefore.toISOString().replace('.000Z', 'Z');
      report({
        message: `Certificate ${entryLabel(entry)} is not valid before ${when} (${sourceLabel(facts.source)}): clients reject it until ${isoDay(notBefore)}.`,
        span: issuedOf(entry)?.field.span ?? facts.sourceSpan ?? entry.anchor,
        data: { notBefore: notBefore.toISOString() },
      });
    }
  },
};
