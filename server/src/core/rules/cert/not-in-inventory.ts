import { relatedAt, workspaceView } from '../../inventory/crossFile';
import type { CertModel } from '../../inventory/model';
import { quoteList, quoteText } from '../../quote';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

/** Inventories named in related information, at most. */
const MAX_RELATED = 3;

export const notInInventory: Rule<CertModel> = {
  id: 'cert/not-in-inventory',
  defaultSeverity: 'info',
  docs: {
    summary: 'A cert-manager Certificate whose names no inventory entry lists: nobody owns it, nobody is told when its renewal fails.',
    details:
      'Cross-file: the CLI compares every file it is given, the editor every YAML file of the workspace (kept up to date as files change). A Certificate matches an entry that lists one of its `spec.dnsNames` or its `spec.commonName` (a wildcard `*.example.com` on either side covers one label); when both say a namespace (`metadata.namespace`, the entry\'s `namespace`, whose last part after a `/` counts), they must agree. Said only when the workspace holds an inventory. Templated names (`{{ .Values.host }}`) are not compared. The example puts both in one file; usually they live apart.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    owner: platform@example.com\n    notify: [platform@example.com]\n    renewal: { method: cert-manager }\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: api, namespace: api }\nspec:\n  secretName: api-tls\n  dnsNames: [api.example.com]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: shop, namespace: shop }\nspec:\n  secretName: shop-tls\n  dnsNames: [shop.example.com]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    owner: platform@example.com\n    notify: [platform@example.com]\n    renewal: { method: cert-manager }\n  - name: shop\n    hosts: [shop.example.com]\n    owner: shop@example.com\n    notify: [shop@example.com]\n    renewal: { method: cert-manager }\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: api, namespace: api }\nspec:\n  secretName: api-tls\n  dnsNames: [api.example.com]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: shop, namespace: shop }\nspec:\n  secretName: shop-tls\n  dnsNames: [shop.example.com]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n',
  },
  *check(model, report, context) {
    const view = yield* workspaceView(model, context);
    if (!view || view.own.certificates.length === 0) return;
    const inventories = view.inventories(MAX_RELATED);
    if (inventories.length === 0) return;
    const pace = pacer();
    for (const certificate of view.own.certificates) {
      if (pace()) yield;
      if (certificate.hosts.some((host) => view.entriesMatching(host, certificate.namespace).length > 0)) continue;
      const names = quoteList(certificate.written, ['', '']);
      // An entry for the same host in another namespace is the likelier story: say so.
      let elsewhere;
      for (const host of certificate.hosts) if ((elsewhere = view.firstEntryWithNamespace(host)?.item)) break;
      const hostsOf = `No inventory entry lists the hosts of ${certificate.label} (${names})`;
      report({
        message: elsewhere
          ? `${hostsOf} in namespace "${quoteText(certificate.namespace ?? '')}": entry ${elsewhere.label} has them in namespace "${quoteText(elsewhere.namespace ?? '')}".`
          : `${hostsOf}: nobody owns it, nobody is told when its renewal fails.`,
        span: certificate.span,
        related: inventories.map((f) => relatedAt(view, f, f.inventory!, `No entry of this inventory lists ${names}`)),
      });
    }
  },
};
