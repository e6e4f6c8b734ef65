import { isProbeFailure } from '../../live/types';
import { entryLabel, hostLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { LIVE_DETAILS, liveFacts } from '../../inventory/liveTargets';
import { MAX_QUOTED_CHARS, quoteText } from '../../quote';
import { pacer } from '../../steps';

export const liveUnreachable: Rule<CertModel> = {
  id: 'cert/live-unreachable',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A live check of one of the entry’s hosts completed no TLS handshake.',
    details: `The message says why: refused, timeout, dns, not-tls, reset, unreachable, client-cert-required (the host asks for a client certificate: give one with \`clientCert\` and \`clientKey\`, or \`--cert\` and \`--key\`), starttls-refused (a STARTTLS host does not offer TLS or refused it, with its reply) or protocol (it did not speak the protocol its scheme or \`protocol\` names). ${LIVE_DETAILS}`,
    bad: 'certificates:\n  - name: old-api\n    hosts: [decommissioned.example.com]   # dns: no such host\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n',
  },
  *check(model, report, context) {
    const pace = pacer();
    for (const fact of liveFacts(model, context)) {
      if (pace()) yield;
      if (!isProbeFailure(fact.outcome)) continue;
      report({
        message: `Live check of ${hostLabel(fact.host)} for ${entryLabel(fact.entry)} failed (${fact.outcome.error.code}): ${quoteText(fact.outcome.error.message, 2 * MAX_QUOTED_CHARS)}`,
        span: fact.host.span,
      });
    }
  },
};
