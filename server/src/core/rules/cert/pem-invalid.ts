import { entryClientIdentity } from '../../inventory/clientIdentity';
import { pemSources } from '../../inventory/entryPem';
import { entryLabel, type CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

export const pemInvalid: Rule<CertModel> = {
  id: 'cert/pem-invalid',
  defaultSeverity: 'error',
  docs: {
    summary: 'The PEM cannot be parsed, or `pemFile` (or the client certificate, `clientCert`/`clientKey`) cannot be read.',
    details:
      '`pemFile`, `clientCert` and `clientKey` are resolved against the inventory file\'s directory. The first CERTIFICATE block is the one checked (the leaf of a chain). `clientCert` and `clientKey` go together: an unencrypted private key that belongs to the certificate; live checks skip the hosts of an entry whose client certificate is unusable.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    pem: "paste the certificate here"\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n',
  },
  *check(model, report) {
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      for (const source of pemSources(entry, model)) {
        if (!('error' in source.result)) continue;
        report({ message: `Entry ${entryLabel(entry)}: \`${source.kind}\` is unusable: ${source.result.error}.`, span: source.field.span });
      }
      const client = entryClientIdentity(entry, model);
      if (client && 'error' in client) {
        report({ message: `Entry ${entryLabel(entry)}: the client certificate is unusable: ${client.error}.`, span: client.field.span });
      }
    }
  },
};
