import { closest, distance } from 'fastest-levenshtein';
import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import { DEFAULTS_KEYS, ENTRY_KEYS, MERGE_KEY, RENEWAL_KEYS, TOP_LEVEL_KEYS } from '../../inventory/keys';
import { keyText, spanOf } from '../../inventory/yaml';
import type { Report, Rule } from '../../rule';
import { entryLabel, type CertModel } from '../../inventory/model';
import { quoteText } from '../../quote';
import { pacer } from '../../steps';

/** A known key close enough to be what was meant: same letters in another case, or a small typo. */
function suggestKey(key: string, known: string[]): string | undefined {
  const sameCase = known.find((k) => k.toLowerCase() === key.toLowerCase());
  if (sameCase) return sameCase;
  const best = closest(key, known);
  return distance(key, best) <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** `where` is built only when the map has an unknown key (most entries have none). */
function checkKeys(map: YAMLMap | null, known: string[], where: string | (() => string), report: Report): void {
  if (!map) return;
  let unknown: { pair: Pair; key: string; suggestion: string | undefined }[] | undefined;
  for (const pair of map.items) {
    const key = keyText(pair);
    if (key === undefined || key === MERGE_KEY || known.includes(key)) continue;
    (unknown ??= []).push({ pair, key, suggestion: suggestKey(key, known) });
  }
  if (!unknown) return;
  const place = typeof where === 'string' ? where : where();
  const present = new Set(map.items.map(keyText));
  for (const { pair, key, suggestion } of unknown) {
    const span = spanOf(pair.key as Node | null);
    const safe = !!suggestion && !present.has(suggestion) && unknown.filter((u) => u.suggestion === suggestion).length === 1;
    report({
      message: `Unknown key \`${quoteText(key)}\` in ${place}${suggestion ? `; did you mean \`${suggestion}\`?` : `. Known keys: ${known.join(', ')}.`}`,
      span,
      fixes: suggestion ? [{ title: `Rename to \`${suggestion}\``, edits: [{ span, newText: suggestion }], preferred: true, safe }] : [],
    });
  }
}

export const unknownKey: Rule<CertModel> = {
  id: 'cert/unknown-key',
  defaultSeverity: 'warning',
  scope: 'entry',
  docs: {
    summary: 'A key the inventory schema does not know; "did you mean `notify`?" when one is close.',
    details: 'The known keys are those of `schemas/cert-inventory.schema.json`. Quick fix: rename to the suggestion.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    notfy: [sre-oncall@example.com]\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    notify: [sre-oncall@example.com]\n',
    fixes: [{ title: 'Rename to the suggested key', safe: true, note: 'not applied unattended when that key is already there or another key would become it too' }],
  },
  *check(model, report) {
    const inv = model.inventory;
    if (!inv) return;
    checkKeys(inv.root, TOP_LEVEL_KEYS, 'the inventory', report);
    const defaults = inv.defaults?.map ?? null;
    checkKeys(defaults, DEFAULTS_KEYS, '`defaults`', report);
    const defaultsRenewal = defaults?.get('renewal', true);
    if (isMap(defaultsRenewal)) checkKeys(defaultsRenewal, RENEWAL_KEYS, '`defaults.renewal`', report);
    const pace = pacer();
    for (const entry of inv.entries) {
      if (pace()) yield;
      const label = () => `entry ${entryLabel(entry)}`;
      checkKeys(entry.map, ENTRY_KEYS, label, report);
      const renewal = entry.own('renewal');
      if (renewal && isMap(renewal.node)) checkKeys(renewal.node, RENEWAL_KEYS, () => `the renewal of ${label()}`, report);
    }
  },
};
