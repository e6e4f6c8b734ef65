import { isoDay } from '../../inventory/dates';
import { certFacts, factsSpan, sourceLabel, trustOf } from '../../inventory/facts';
import { lifetimeDays } from '../../inventory/lifetime';
import { exceedsLimit, LIFETIME_LIMITS, lifetimeLimitOn } from '../../inventory/lifetimeLimits';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

const TABLE = LIFETIME_LIMITS.map((l) => `${l.days} days from ${isoDay(l.from)}`).join(', ');

export const lifetimeLimit: Rule<CertModel> = {
  id: 'cert/lifetime-limit',
  defaultSeverity: 'warning',
  scope: 'entry',
  docs: {
    summary: 'A publicly trusted certificate lives longer than the CA/Browser Forum allows for its issue date: browsers may reject it.',
    details: `Ballot SC-081v3 shortens the longest lifetime of a publicly trusted TLS certificate: ${TABLE}. Publicly trusted means \`trust: public\` on the entry (or in \`defaults\`), or a live check that found the chain trusted by the system store. Private CAs are not bound (\`trust: private\`). The lifetime is notAfter − notBefore from the best source at hand: a live check, the PEM, or \`issued\` with \`expires\` or \`lifetime\`.`,
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    trust: public\n    issued: 2026-04-01\n    lifetime: 398d\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    trust: public\n    issued: 2026-09-01\n    lifetime: 200d\n',
  },
  *check(model, report, context) {
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const facts = certFacts(entry, model, context);
      if (!facts?.notBefore || facts.lifetimeMs === undefined) continue;
      const trust = trustOf(entry);
      const publicly = trust ? trust.value === 'public' : facts.liveSystemTrust === true;
      if (!publicly) continue;
      const limit = lifetimeLimitOn(facts.notBefore);
      if (!limit || !exceedsLimit(facts.lifetimeMs, limit)) continue;
      const why = trust ? `\`trust: public\`${trust.field.inherited ? ' in defaults' : ''}` : 'trusted by the system store';
      report({
        message:
          `Certificate ${entryLabel(entry)} (${why}) lives ${lifetimeDays(facts.lifetimeMs)} days (issued ${isoDay(facts.notBefore)}, ${sourceLabel(facts.source)}), ` +
          `more than the ${limit.days} days allowed for certificates issued from ${isoDay(limit.from)}: browsers may reject it.`,
        span: entry.own('lifetime')?.span ?? factsSpan(entry, facts),
        data: { lifetimeDays: facts.lifetimeMs / 86_400_000, limitDays: limit.days },
      });
    }
  },
};
