import { relatedAt, workspaceView } from '../../inventory/crossFile';
import type { CertModel } from '../../inventory/model';
import { quoteList, quoteText } from '../../quote';
import type { IndexedCertificate } from '../../inventory/workspaceFacts';
import type { Located } from '../../inventory/workspaceLookups';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

/** Certificates named in related information, at most. */
const MAX_RELATED = 3;

export const noCertificateResource: Rule<CertModel> = {
  id: 'cert/no-certificate-resource',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An entry renewed by cert-manager (`renewal.method: cert-manager`) whose hosts no cert-manager Certificate in the workspace covers.',
    details:
      'Cross-file: the CLI compares every file it is given, the editor every YAML file of the workspace (kept up to date as files change). A host is covered by a Certificate that lists it in `spec.dnsNames` or `spec.commonName` (a wildcard `*.example.com` on either side covers one label) in the same namespace, when both the Certificate (`metadata.namespace`) and the entry (`namespace`, its last part after a `/`) say one. The message names the hosts left uncovered. Said only when the workspace holds at least one Certificate: Certificates made by ingress-shim from annotations, or kept in another repository, are not seen. Templated names (`{{ .Values.host }}`) are not compared. The example puts both in one file; usually they live apart.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    owner: platform@example.com\n    notify: [platform@example.com]\n    namespace: api\n    renewal: { method: cert-manager }\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: api\n  namespace: api\nspec:\n  secretName: api-tls\n  dnsNames: [api.example.org]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    owner: platform@example.com\n    notify: [platform@example.com]\n    namespace: api\n    renewal: { method: cert-manager }\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: api\n  namespace: api\nspec:\n  secretName: api-tls\n  dnsNames: [api.example.com]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n',
  },
  *check(model, report, context) {
    const view = yield* workspaceView(model, context);
    const entries = view?.own.entries.filter((e) => e.certManager) ?? [];
    if (!view || entries.length === 0 || !view.holdsCertificates()) return;
    const pace = pacer();
    for (const entry of entries) {
      if (pace()) yield;
      // Each Certificate that covers some of the entry's hosts, with the hosts it covers.
      const byCertificate = new Map<Located<IndexedCertificate>, Set<string>>();
      for (const host of entry.hosts) {
        for (const c of view.certificatesMatching(host, entry.namespace)) byCertificate.set(c, (byCertificate.get(c) ?? new Set()).add(host));
      }
      const covering = [...byCertificate].map(([c, covers]) => ({ file: c.file, certificate: c.item, covers }));
      const uncovered = entry.written.filter((_, i) => !covering.some((c) => c.covers.has(entry.hosts[i])));
      if (uncovered.length === 0) continue;
      const partly = covering.length > 0;
      const names = quoteList(uncovered, ['', '']);
      report({
        message: partly
          ? `Entry ${entry.label} is renewed by cert-manager, but no Certificate in the workspace covers ${names} (its other hosts are covered).`
          : `Entry ${entry.label} is renewed by cert-manager, but no Certificate in the workspace covers ${names}${entry.namespace ? ` in namespace "${quoteText(entry.namespace)}"` : ''}.`,
        span: entry.span,
        related: partly
          ? covering
              .slice(0, MAX_RELATED)
              .map((c) => relatedAt(view, c.file, c.certificate, `${c.certificate.label} covers ${quoteList(entry.written.filter((_, i) => c.covers.has(entry.hosts[i])), ['', ''])}`))
          : view
              .certificatesNear(entry.namespace, MAX_RELATED)
              .map((c) => relatedAt(view, c.file, c.item, `${c.item.label} covers ${quoteList(c.item.written, ['', ''])}`)),
      });
    }
  },
};
