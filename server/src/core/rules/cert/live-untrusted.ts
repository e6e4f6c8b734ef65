import { isProbeFailure } from '../../live/types';
import { entryLabel, hostLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { LIVE_DETAILS, liveFacts } from '../../inventory/liveTargets';
import { MAX_QUOTED_CHARS, quoteText } from '../../quote';

export const liveUntrusted: Rule<CertModel> = {
  id: 'cert/live-untrusted',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The chain a host serves does not verify against the system store plus `extraCaFiles`.',
    details: `Self-signed certificates, missing intermediates and internal CAs not listed in \`extraCaFiles\` show up here. ${LIVE_DETAILS}`,
    options: '`extraCaFiles`: PEM files of internal CAs to trust.',
    bad: 'certificates:\n  - name: internal\n    hosts: [vault.internal:8200]   # internal CA not in extraCaFiles\n',
    good: '# .incident-docs.yaml\nextraCaFiles: [certs/internal-ca.pem]\n',
  },
  check(model, report, context) {
    for (const fact of liveFacts(model, context)) {
      const r = fact.outcome;
      if (isProbeFailure(r) || r.trusted || r.daysLeft < 0) continue; // an expired one is live-expired's
      report({
        message: `Host ${hostLabel(fact.host)} serves a certificate for ${entryLabel(fact.entry)} that is not trusted: ${r.trustError ? quoteText(r.trustError, 2 * MAX_QUOTED_CHARS) : 'unknown reason'}.`,
        span: fact.host.span,
      });
    }
  },
};
