import { textOf } from '../../inventory/refs';
import { entryLabel, type CertModel, type Field, type InventoryEntry } from '../../inventory/model';
import type { Rule } from '../../rule';
import { quoteList, quoteText } from '../../quote';
import { pacer } from '../../steps';

export const namespaceAmbiguous: Rule<CertModel> = {
  id: 'cert/namespace-ambiguous',
  defaultSeverity: 'info',
  docs: {
    summary: 'The same namespace used by entries of different environments.',
    details: 'When prod and staging secrets share a namespace name, "which namespace is which" gets answered wrong during an incident. Qualify it with the cluster (cluster/namespace) or rename it.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    environment: prod\n    namespace: gateway\n  - name: api-staging\n    hosts: [api.staging.example.com]\n    environment: staging\n    namespace: gateway\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    environment: prod\n    namespace: prod-cluster/gateway\n  - name: api-staging\n    hosts: [api.staging.example.com]\n    environment: staging\n    namespace: staging-cluster/gateway\n',
  },
  *check(model, report) {
    // Spans and labels only for what is reported: every entry of a large inventory has a namespace.
    const byNamespace = new Map<string, { field: Field; environment: string; entry: InventoryEntry }[]>();
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const namespaceField = entry.own('namespace');
      const namespace = textOf(namespaceField)?.trim();
      const environment = textOf(entry.field('environment'))?.trim();
      if (!namespaceField || !namespace || !environment) continue;
      const users = byNamespace.get(namespace);
      if (users) users.push({ field: namespaceField, environment, entry });
      else byNamespace.set(namespace, [{ field: namespaceField, environment, entry }]);
    }
    for (const [namespace, users] of byNamespace) {
      const environments = [...new Set(users.map((u) => u.environment.toLowerCase()))];
      if (environments.length < 2) continue;
      for (const user of users) {
        const others = users.filter((u) => u !== user && u.environment.toLowerCase() !== user.environment.toLowerCase());
        report({
          message: `Namespace "${quoteText(namespace)}" is used by entries of different environments (${quoteList(environments, ['', ''])}); say which cluster it is in (cluster/namespace).`,
          span: user.field.span,
          related: others.map((o) => ({ span: o.field.span, message: `Entry ${entryLabel(o.entry)} (${quoteText(o.environment)}) uses it too` })),
        });
      }
    }
  },
};
