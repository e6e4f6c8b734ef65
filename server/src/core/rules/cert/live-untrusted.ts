import { isProbeFailure } from '../../live/types';
import { entryLabel, hostLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { LIVE_DETAILS, liveFacts } from '../../inventory/liveTargets';
import { MAX_QUOTED_CHARS, quoteText } from '../../quote';
import { pacer } from '../../steps';

export const liveUntrusted: Rule<CertModel> = {
  id: 'cert/live-untrusted',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The chain a host serves does not verify against the system store plus `extraCaFiles`, its stapled OCSP response says revoked, or it is must-staple and served without a staple.',
    details: `Self-signed certificates, missing intermediates and internal CAs not listed in \`extraCaFiles\` show up here. So does a certificate the server's own stapled OCSP response calls revoked, and a must-staple certificate (the TLS feature extension) served without a staple, which clients that honour must-staple refuse. ${LIVE_DETAILS}`,
    options: '`extraCaFiles`: PEM files of internal CAs to trust.',
    bad: 'certificates:\n  - name: internal\n    hosts: [vault.internal:8200]   # internal CA not in extraCaFiles\n',
    good: '# .incident-docs.yaml\nextraCaFiles: [certs/internal-ca.pem]\n',
  },
  *check(model, report, context) {
    const pace = pacer();
    for (const fact of liveFacts(model, context)) {
      if (pace()) yield;
      const r = fact.outcome;
      if (isProbeFailure(r) || r.daysLeft < 0) continue; // an expired one is live-expired's
      const on = { span: fact.host.span };
      const where = `Host ${hostLabel(fact.host)} serves`;
      const entry = entryLabel(fact.entry);
      if (!r.trusted) {
        report({ ...on, message: `${where} a certificate for ${entry} that is not trusted: ${r.trustError ? quoteText(r.trustError, 2 * MAX_QUOTED_CHARS) : 'unknown reason'}.` });
      }
      if (r.ocspStatus === 'revoked') {
        const detail = r.ocspDetail ? ` (${quoteText(r.ocspDetail, 2 * MAX_QUOTED_CHARS)})` : '';
        report({ ...on, message: `${where} a certificate for ${entry} that its own stapled OCSP response calls revoked${detail}.` });
      } else if (r.mustStaple && r.ocspStatus === 'none') {
        report({ ...on, message: `${where} a must-staple certificate for ${entry} without an OCSP staple: clients that honour must-staple refuse it.` });
      }
    }
  },
};
