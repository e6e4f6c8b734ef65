import { textOf } from '../../inventory/refs';
import { entryLabel, type CertModel, type Field, type InventoryEntry } from '../../inventory/model';
import type { Rule } from '../../rule';
import { quoteList, quoteText } from '../../quote';
import { pacer } from '../../steps';
import type { Span } from '../../types';

/** Environments named in a finding's related information, at most (the message names them all, within its length). */
const MAX_RELATED = 5;

export const namespaceAmbiguous: Rule<CertModel> = {
  id: 'cert/namespace-ambiguous',
  defaultSeverity: 'info',
  docs: {
    summary: 'The same namespace used by entries of different environments.',
    details: 'When prod and staging secrets share a namespace name, "which namespace is which" gets answered wrong during an incident. Qualify it with the cluster (cluster/namespace) or rename it. Reported on the namespace of each entry, with the first entry of each other environment as related information.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    environment: prod\n    namespace: gateway\n  - name: api-staging\n    hosts: [api.staging.example.com]\n    environment: staging\n    namespace: gateway\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    environment: prod\n    namespace: prod-cluster/gateway\n  - name: api-staging\n    hosts: [api.staging.example.com]\n    environment: staging\n    namespace: staging-cluster/gateway\n',
  },
  *check(model, report) {
    // Spans and labels only for what is reported: every entry of a large inventory has a namespace.
    const byNamespace = new Map<string, User[]>();
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const namespaceField = entry.own('namespace');
      const namespace = textOf(namespaceField)?.trim();
      const environment = textOf(entry.field('environment'))?.trim();
      if (!namespaceField || !namespace || !environment) continue;
      const user = { field: namespaceField, environment, key: environment.toLowerCase(), entry };
      const users = byNamespace.get(namespace);
      if (users) users.push(user);
      else byNamespace.set(namespace, [user]);
    }
    for (const [namespace, users] of byNamespace) {
      if (pace()) yield;
      // The first entry of each environment: the witnesses a finding points at.
      const firstOf = new Map<string, User>();
      for (const user of users) if (!firstOf.has(user.key)) firstOf.set(user.key, user);
      if (firstOf.size < 2) continue;
      const message = `Namespace "${quoteText(namespace)}" is used by entries of different environments (${quoteList([...firstOf.values()].map((u) => u.environment), ['', ''])}); say which cluster it is in (cluster/namespace).`;
      for (const user of users) {
        // One entry per other environment, and only a few: every other user of a namespace shared by
        // thousands of entries was a related list per finding, quadratic in the inventory's size.
        const related: { span: Span; message: string }[] = [];
        for (const [key, first] of firstOf) {
          if (key === user.key) continue;
          if (related.length === MAX_RELATED) break;
          related.push({ span: first.field.span, message: `Entry ${entryLabel(first.entry)} (${quoteText(first.environment)}) uses it too` });
        }
        report({ message, span: user.field.span, related });
      }
    }
  },
};

/** An entry with the namespace, its environment as written and as compared (case aside). */
interface User {
  field: Field;
  environment: string;
  key: string;
  entry: InventoryEntry;
}
