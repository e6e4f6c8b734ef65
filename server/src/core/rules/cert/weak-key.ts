import { entryChains } from '../../inventory/bundle';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { describeKey, weakKeyReason } from '../../x509/keyFacts';
import { pacer } from '../../steps';

export const weakKey: Rule<CertModel> = {
  id: 'cert/weak-key',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A certificate of the entry\'s PEM has a weak key: RSA below 2048 bits, an EC curve below P-256, or DSA.',
    details: 'Every certificate of `pem` or `pemFile` is checked, leaf and intermediates, and after a live check you asked for, the chain each host served (reported on the host). Publicly trusted CAs issue none of these any more, and clients reject more of them every year: reissue with RSA 2048 or more, or EC P-256 or P-384.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    pemFile: certs/api-rsa1024.pem\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    pemFile: certs/api-p256.pem\n',
  },
  *check(model, report, context) {
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      for (const chain of entryChains(entry, model, context)) {
        for (const item of chain.items) {
          const reason = weakKeyReason(item.key);
          if (!reason) continue;
          report({
            message: `Entry ${entryLabel(entry)}: ${item.label} ${chain.where} has a weak key, ${describeKey(item.key)}: ${reason}.`,
            span: chain.span,
            data: { position: item.position, keyType: item.key.keyType, keyBits: item.key.keyBits },
          });
        }
      }
    }
  },
};
