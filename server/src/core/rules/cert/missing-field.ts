import { isMap } from 'yaml';
import { isAutomated, renewalMethod } from '../../inventory/facts';
import { AUTOMATED_RENEWAL_METHODS, RENEWAL_METHODS, REQUIRED_ENTRY_KEYS, REQUIRED_INHERITABLE_KEYS } from '../../inventory/keys';
import { at, stringOf } from '../../inventory/yaml';
import { entryLabel, type CertModel, type InventoryEntry } from '../../inventory/model';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

const WHY: Record<string, string> = {
  name: 'every entry needs a unique name',
  hosts: 'without hosts nobody can check what is served',
  expires: 'without it nothing warns before the certificate expires',
  owner: 'someone must be answerable for renewing it (set it here or in defaults)',
  notify: 'someone must hear of the expiry (set it here or in defaults)',
  renewal: 'say how it is renewed: method (acme, cert-manager, internal-ca, manual) and, unless automated, the sop',
};

/**
 * An automatically renewed certificate is judged by its renewal point, so `expires` may give way
 * to `issued` or the PEM; cert-manager keeps the dates in its Certificate resource, so such an
 * entry needs none.
 */
function hasOtherDates(entry: InventoryEntry, model: CertModel): boolean {
  return renewalMethod(entry, model) === 'cert-manager' || ['issued', 'pem', 'pemFile'].some((key) => entry.own(key) !== undefined);
}

export const missingField: Rule<CertModel> = {
  id: 'cert/missing-field',
  defaultSeverity: 'warning',
  scope: 'entry',
  docs: {
    summary: 'A required field is missing; the message names it.',
    details:
      '`name`, `hosts` and `expires` are errors when missing; when renewal is automated the entry is judged by its renewal point, so an `acme` entry may give `issued` (with `lifetime`) or its PEM instead of `expires`, and a `cert-manager` one needs no date (its Certificate resource has them). `owner`, `notify` and `renewal` (with its `method`, and its `sop` unless the method is automated) are warnings, and may come from `defaults`.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n',
    good:
      'defaults:\n  owner: platform-team@example.com\n  notify: [sre-oncall@example.com]\n  renewal: { method: acme }\ncertificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n',
  },
  *check(model, report) {
    const inv = model.inventory;
    if (!inv) return;
    if (!inv.certificates) {
      const first = inv.root?.items[0]?.key as { range?: [number, number, number] } | undefined;
      const span = first?.range ? { start: first.range[0], end: first.range[1] } : { start: 0, end: model.lines.lineEndOffset(0) };
      report({ message: 'This inventory has no `certificates:` list.', span, severity: 'error' });
      return;
    }
    const pace = pacer();
    for (const entry of inv.entries) {
      if (pace()) yield;
      if (!entry.map) continue;
      // `expires` stays third in the list, where the schema's required list had it.
      const required = isAutomated(renewalMethod(entry, model)) && hasOtherDates(entry, model) ? REQUIRED_ENTRY_KEYS : [...REQUIRED_ENTRY_KEYS, 'expires'];
      for (const key of required) {
        if (!entry.own(key)) {
          report({ message: `Entry ${entryLabel(entry)} has no \`${key}\`: ${WHY[key] ?? 'it is required'}.`, span: entry.anchor, severity: 'error' });
        }
      }
      for (const key of REQUIRED_INHERITABLE_KEYS) {
        if (!entry.field(key)) report({ message: `Entry ${entryLabel(entry)} has no \`${key}\`: ${WHY[key]}.`, span: entry.anchor });
      }
      const renewal = entry.field('renewal');
      if (!renewal || !isMap(renewal.node)) continue;
      const method = stringOf(at(inv.doc, renewal.node, 'method'));
      const where = renewal.inherited ? ' (inherited from defaults)' : '';
      const span = renewal.inherited ? entry.anchor : renewal.keySpan;
      if (!at(inv.doc, renewal.node, 'method')) {
        report({ message: `Entry ${entryLabel(entry)}: \`renewal\`${where} has no \`method\` (acme, cert-manager, internal-ca or manual).`, span });
      } else if (method && !AUTOMATED_RENEWAL_METHODS.includes(method) && RENEWAL_METHODS.includes(method) && !at(inv.doc, renewal.node, 'sop')) {
        report({
          message: `Entry ${entryLabel(entry)}: \`renewal\`${where} has no \`sop\`: a ${method} renewal needs a runbook saying where to go.`,
          span,
        });
      }
    }
  },
};
