import { isProbeFailure } from '../../live/types';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { LIVE_DETAILS, liveFacts } from '../../inventory/liveTargets';

export const liveHostname: Rule<CertModel> = {
  id: 'cert/live-hostname',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The certificate a host serves is not valid for that host name.',
    details: `Its SANs (or CN when there are none) do not cover the name clients connect to. ${LIVE_DETAILS}`,
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]   # serves a certificate for www.example.com only\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]   # serves a certificate naming api.example.com\n',
  },
  check(model, report, context) {
    for (const fact of liveFacts(model, context)) {
      const r = fact.outcome;
      if (isProbeFailure(r) || r.hostnameMatches) continue;
      report({
        message: `${fact.host.text} serves a certificate for ${entryLabel(fact.entry)} that does not name ${r.servername ?? r.host} (it names ${r.sans.length ? r.sans.join(', ') : r.subject}).`,
        span: fact.host.span,
      });
    }
  },
};
