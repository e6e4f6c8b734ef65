import { isProbeFailure } from '../../live/types';
import { entryLabel, hostLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { LIVE_DETAILS, liveFacts } from '../../inventory/liveTargets';
import { quoteList, quoteText } from '../../quote';
import { pacer } from '../../steps';

export const liveHostname: Rule<CertModel> = {
  id: 'cert/live-hostname',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The certificate a host serves is not valid for that host name.',
    details: `Its SANs (or CN when there are none) do not cover the name clients connect to. ${LIVE_DETAILS}`,
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]   # serves a certificate for www.example.com only\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]   # serves a certificate naming api.example.com\n',
  },
  *check(model, report, context) {
    const pace = pacer();
    for (const fact of liveFacts(model, context)) {
      if (pace()) yield;
      const r = fact.outcome;
      if (isProbeFailure(r) || r.hostnameMatches) continue;
      report({
        message: `Host ${hostLabel(fact.host)} serves a certificate for ${entryLabel(fact.entry)} that does not name ${quoteText(r.servername ?? r.host)} (it names ${r.sans.length ? quoteList(r.sans, ['', '']) : quoteText(r.subject)}).`,
        span: fact.host.span,
      });
    }
  },
};
