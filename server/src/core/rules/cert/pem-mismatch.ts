import { expiresDisagrees, isoDay } from '../../inventory/dates';
import { pemSources } from '../../inventory/entryPem';
import { nameCovers } from '../../inventory/pem';
import { expiryOf, hostRefs } from '../../inventory/refs';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { quoteList, quoteText } from '../../quote';
import { pacer } from '../../steps';

export const pemMismatch: Rule<CertModel> = {
  id: 'cert/pem-mismatch',
  defaultSeverity: 'error',
  docs: {
    summary: 'The entry\'s PEM has a notAfter more than a day away from `expires`, or names that do not cover every host.',
    details:
      'Names are the certificate\'s DNS and IP subject alternative names, or its subject CN when it has none; `*.example.com` covers one label. Quick fix: set `expires` to the PEM\'s notAfter.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com, admin.example.com]\n    expires: 2027-01-31\n    pemFile: certs/api.pem   # notAfter 2026-12-20, SAN api.example.com only\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2026-12-20T12:00:00Z\n    pemFile: certs/api.pem   # notAfter 2026-12-20, SAN api.example.com\n',
    fixes: [{ title: "Set expires to the certificate's notAfter", safe: true }],
  },
  *check(model, report) {
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const expiry = expiryOf(entry);
      for (const source of pemSources(entry, model)) {
        if ('error' in source.result) continue;
        const cert = source.result;
        if (expiry && !('error' in expiry.parsed) && expiresDisagrees(expiry.parsed.date, cert.notAfter)) {
          const notAfter = cert.notAfter.toISOString().replace('.000Z', 'Z');
          // The fix keeps the author's form: a date stays a date (its midnight is at most a day
          // before notAfter, so it agrees, on the early side), a date-time gets the exact instant.
          const newText = expiry.parsed.dateOnly ? isoDay(cert.notAfter) : notAfter;
          report({
            message: `Entry ${entryLabel(entry)}: \`expires\` says ${isoDay(expiry.parsed.date)} but the certificate in \`${source.kind}\` expires ${notAfter}.`,
            span: expiry.field.span,
            fixes: [{ title: `Set expires to the certificate's notAfter (${newText})`, edits: [{ span: expiry.field.span, newText }], preferred: true, safe: true }],
            related: [{ span: source.field.span, message: 'The certificate' }],
          });
        }
        for (const host of hostRefs(entry)) {
          if ('error' in host.parsed) continue;
          const name = host.parsed.host;
          if (cert.names.some((n) => nameCovers(n, name))) continue;
          report({
            message: `Entry ${entryLabel(entry)}: the certificate in \`${source.kind}\` does not cover ${quoteText(name)} (it names ${cert.names.length ? quoteList(cert.names, ['', '']) : 'nothing'}).`,
            span: host.span,
            related: [{ span: source.field.span, message: 'The certificate' }],
          });
        }
      }
    }
  },
};
