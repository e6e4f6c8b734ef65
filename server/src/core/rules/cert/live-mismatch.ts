import { isProbeFailure } from '../../live/types';
import { expiresDisagrees } from '../../inventory/dates';
import { expiryOf } from '../../inventory/refs';
import type { FixSpec, Rule } from '../../rule';
import { entryLabel, hostLabel, type CertModel } from '../../inventory/model';
import { LIVE_DETAILS, liveFacts } from '../../inventory/liveTargets';
import { pacer } from '../../steps';

export const liveMismatch: Rule<CertModel> = {
  id: 'cert/live-mismatch',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The live certificate’s notAfter differs from the entry’s `expires` by more than a day.',
    details: `The inventory is out of date (the certificate was renewed, or a different one is deployed). Quick fix: "Update expires to <date>", which edits just that value and keeps comments and formatting. ${LIVE_DETAILS}`,
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2026-01-10   # the host now serves one valid until 2026-04-10\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2026-04-10\n',
    fixes: [{ title: 'Update expires to the live notAfter', safe: false, note: 'one host’s answer at one moment (another backend may serve another certificate)' }],
  },
  *check(model, report, context) {
    const reported = new Set<number>();
    const pace = pacer();
    for (const fact of liveFacts(model, context)) {
      if (pace()) yield;
      const r = fact.outcome;
      if (isProbeFailure(r)) continue;
      const expiry = expiryOf(fact.entry);
      if (!expiry || 'error' in expiry.parsed || reported.has(fact.entry.index)) continue;
      if (!expiresDisagrees(expiry.parsed.date, new Date(r.notAfter))) continue;
      reported.add(fact.entry.index);
      const written = model.text.slice(expiry.field.span.start, expiry.field.span.end);
      const value = expiry.parsed.dateOnly ? r.notAfter.slice(0, 10) : r.notAfter;
      const quote = /^["']/.test(written) ? written[0] : '';
      const fix: FixSpec = {
        title: `Update expires to ${value}`,
        edits: [{ span: expiry.field.span, newText: `${quote}${value}${quote}` }],
        preferred: true,
      };
      report({
        message: `Entry ${entryLabel(fact.entry)} says it expires ${expiry.parsed.dateOnly ? expiry.parsed.date.toISOString().slice(0, 10) : expiry.parsed.date.toISOString()}, but ${hostLabel(fact.host)} serves a certificate valid until ${r.notAfter}.`,
        span: expiry.field.span,
        fixes: [fix],
        related: [{ span: fact.host.span, message: `Live certificate of ${hostLabel(fact.host)}` }],
        data: { notAfter: r.notAfter },
      });
    }
  },
};
