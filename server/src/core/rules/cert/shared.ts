import type { CertModel, InventoryEntry } from '../../inventory/model';
import type { Rule } from '../../rule';

export type CertRule = Rule<CertModel>;

/** How a message names an entry: by its name, else by its position. */
export function entryLabel(entry: InventoryEntry): string {
  return entry.name !== undefined ? `"${entry.name}"` : `#${entry.index + 1}`;
}
