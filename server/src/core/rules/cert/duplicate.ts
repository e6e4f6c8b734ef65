import { hostRefs, type HostRef } from '../../inventory/refs';
import { entryLabel, type CertModel, type InventoryEntry } from '../../inventory/model';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

export const duplicate: Rule<CertModel> = {
  id: 'cert/duplicate',
  defaultSeverity: 'error',
  docs: {
    summary: 'A name, or a host:port, already used by an earlier entry.',
    details: 'Reported on the later entry, with related information pointing at the first. Hosts compare without case, with port 443 when none is given.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n  - name: api\n    hosts: [api.example.com:443]\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n  - name: api-admin\n    hosts: [api.example.com:8443]\n',
  },
  *check(model, report) {
    // Labels and spans only for what is reported: every entry of a large inventory has a name and hosts.
    const names = new Map<string, InventoryEntry>();
    const hosts = new Map<string, { host: HostRef; entry: InventoryEntry }>();
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      if (entry.name !== undefined) {
        const first = names.get(entry.name);
        if (first) {
          const label = entryLabel(entry);
          report({
            message: `The name ${label} is already used by an earlier entry; names must be unique.`,
            span: entry.anchor,
            related: [{ span: first.anchor, message: `Entry ${label} uses it first` }],
          });
        } else names.set(entry.name, entry);
      }
      for (const host of hostRefs(entry)) {
        if ('error' in host.parsed) continue;
        const key = host.parsed.key;
        const first = hosts.get(key);
        if (!first) {
          hosts.set(key, { host, entry });
          continue;
        }
        const where = first.entry.index === entry.index ? 'earlier in this entry' : `by entry ${entryLabel(first.entry)}`;
        report({
          message: `Host ${key} is already listed ${where}; two records of one endpoint disagree sooner or later.`,
          span: host.span,
          related: [{ span: first.host.span, message: `Host ${key} is first listed here` }],
        });
      }
    }
  },
};
