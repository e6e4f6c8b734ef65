import type { CertModel, InventoryEntry } from '../../inventory/model';
import type { Rule } from '../../rule';
import { quoteText } from '../../quote';

export type CertRule = Rule<CertModel>;

/** How a message names an entry: by its name (quoted, shortened), else by its position. */
export function entryLabel(entry: InventoryEntry): string {
  return entry.name !== undefined ? `"${quoteText(entry.name)}"` : `#${entry.index + 1}`;
}

/** A host as written in the document, for a message. */
export function hostLabel(host: { text: string }): string {
  return quoteText(host.text);
}
