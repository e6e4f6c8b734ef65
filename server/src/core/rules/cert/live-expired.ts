import { isProbeFailure } from '../../live/types';
import { entryLabel, hostLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { LIVE_DETAILS, liveFacts } from '../../inventory/liveTargets';
import { pacer } from '../../steps';

export const liveExpired: Rule<CertModel> = {
  id: 'cert/live-expired',
  defaultSeverity: 'error',
  docs: {
    summary: 'The certificate a host really serves has expired.',
    details: `Whatever the inventory says: this is what clients see now. ${LIVE_DETAILS}`,
    bad: 'certificates:\n  - name: legacy\n    hosts: [expired.example.com]   # serves a certificate that expired last week\n',
    good: 'certificates:\n  - name: legacy\n    hosts: [legacy.example.com]   # serves a valid certificate\n',
  },
  *check(model, report, context) {
    const pace = pacer();
    for (const fact of liveFacts(model, context)) {
      if (pace()) yield;
      const r = fact.outcome;
      if (isProbeFailure(r) || r.daysLeft >= 0) continue;
      report({
        message: `Host ${hostLabel(fact.host)} serves an expired certificate for ${entryLabel(fact.entry)}: notAfter ${r.notAfter} (${-r.daysLeft} day${r.daysLeft === -1 ? '' : 's'} ago).`,
        span: fact.host.span,
        data: { notAfter: r.notAfter },
      });
    }
  },
};
