import { privateKeyBlocks } from '../../inventory/privateKeys';
import type { CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { quoteText } from '../../quote';
import { pacer } from '../../steps';

export const privateKey: Rule<CertModel> = {
  id: 'cert/private-key',
  defaultSeverity: 'error',
  docs: {
    summary: 'A private key block anywhere in an inventory or cert-manager file, however its value is written.',
    details: 'A private key must never be committed: anyone with the repository can impersonate the service. Remove it, rotate the key, and keep it in a secret store (reference it with `secret:`).',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    pem: |\n      -----BEGIN PRIVATE KEY-----\n      (key material)\n      -----END PRIVATE KEY-----\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    secret: vault:secret/api/tls\n',
  },
  *check(model, report) {
    const pace = pacer();
    for (const block of yield* privateKeyBlocks(model)) {
      if (pace()) yield;
      report({
        message: `A ${quoteText(block.label)} is committed in this file. Remove it, rotate the key (it is compromised once pushed) and keep it in a secret store.`,
        span: block.span,
      });
    }
  },
};
