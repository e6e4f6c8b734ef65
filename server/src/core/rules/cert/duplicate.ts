import { hostRefs } from '../../inventory/refs';
import type { Span } from '../../types';
import { entryLabel, type CertModel } from '../../inventory/model';
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
    const names = new Map<string, { span: Span; label: string }>();
    const hosts = new Map<string, { span: Span; label: string; index: number }>();
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      const label = entryLabel(entry);
      if (entry.name !== undefined) {
        const first = names.get(entry.name);
        if (first) {
          report({
            message: `The name ${label} is already used by an earlier entry; names must be unique.`,
            span: entry.anchor,
            related: [{ span: first.span, message: `Entry ${label} uses it first` }],
          });
        } else names.set(entry.name, { span: entry.anchor, label });
      }
      for (const host of hostRefs(entry)) {
        if ('error' in host.parsed) continue;
        const key = host.parsed.key;
        const first = hosts.get(key);
        if (!first) {
          hosts.set(key, { span: host.span, label, index: entry.index });
          continue;
        }
        const where = first.index === entry.index ? 'earlier in this entry' : `by entry ${first.label}`;
        report({
          message: `Host ${key} is already listed ${where}; two records of one endpoint disagree sooner or later.`,
          span: host.span,
          related: [{ span: first.span, message: `Host ${key} is first listed here` }],
        });
      }
    }
  },
};
