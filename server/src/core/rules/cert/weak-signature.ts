import { entryChains } from '../../inventory/bundle';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { isWeakSignature } from '../../x509/keyFacts';
import { pacer } from '../../steps';

export const weakSignature: Rule<CertModel> = {
  id: 'cert/weak-signature',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The leaf or an intermediate of the entry\'s PEM is signed with SHA-1 or MD5.',
    details: 'Collisions in SHA-1 and MD5 are practical, so such a signature proves little and browsers reject it. The chain a host served in a live check you asked for is checked too, on the host. A root\'s own signature is not checked: a root is trusted for its key, not its signature.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    pemFile: certs/api-sha1.pem\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    pemFile: certs/api-sha256.pem\n',
  },
  *check(model, report, context) {
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      for (const chain of entryChains(entry, model, context)) {
        for (const item of chain.items) {
          if (item.role === 'root') continue;
          const { signatureAlgorithm } = item;
          if (!signatureAlgorithm || !isWeakSignature(signatureAlgorithm)) continue;
          report({
            message: `Entry ${entryLabel(entry)}: ${item.label} ${chain.where} is signed with ${signatureAlgorithm}: SHA-1 and MD5 signatures can be forged; have it reissued with SHA-256.`,
            span: chain.span,
            data: { position: item.position, signatureAlgorithm },
          });
        }
      }
    }
  },
};
