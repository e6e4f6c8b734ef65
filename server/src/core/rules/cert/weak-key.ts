import { bundleCertificates } from '../../inventory/bundle';
import { pemSources } from '../../inventory/entryPem';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { describeKey, keyFactsOf, weakKeyReason } from '../../x509/keyFacts';

export const weakKey: Rule<CertModel> = {
  id: 'cert/weak-key',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A certificate of the entry\'s PEM has a weak key: RSA below 2048 bits, an EC curve below P-256, or DSA.',
    details: 'Every certificate of `pem` or `pemFile` is checked, leaf and intermediates. Publicly trusted CAs issue none of these any more, and clients reject more of them every year: reissue with RSA 2048 or more, or EC P-256 or P-384.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    pemFile: certs/api-rsa1024.pem\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    pemFile: certs/api-p256.pem\n',
  },
  check(model, report) {
    for (const entry of model.inventory?.entries ?? []) {
      for (const source of pemSources(entry, model)) {
        for (const item of bundleCertificates(source)) {
          const facts = keyFactsOf(item.cert.x509);
          const reason = weakKeyReason(facts);
          if (!reason) continue;
          report({
            message: `Entry ${entryLabel(entry)}: ${item.label} in \`${source.kind}\` has a weak key, ${describeKey(facts)}: ${reason}.`,
            span: source.field.span,
            data: { position: item.position, keyType: facts.keyType, keyBits: facts.keyBits },
          });
        }
      }
    }
  },
};
