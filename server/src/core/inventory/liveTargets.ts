import type { HostPort } from './hosts';
import type { CertModel, InventoryEntry } from './model';
import { hostRefs, type HostRef } from './refs';

export interface LiveTarget {
  entry: InventoryEntry;
  host: HostRef & { parsed: HostPort };
}

/** Every well-formed host of every inventory entry: what `lint --live` and the lenses probe. */
export function liveTargets(model: CertModel): LiveTarget[] {
  const out: LiveTarget[] = [];
  for (const entry of model.inventory?.entries ?? []) {
    for (const host of hostRefs(entry)) {
      if ('error' in host.parsed) continue;
      out.push({ entry, host: host as LiveTarget['host'] });
    }
  }
  return out;
}

/** The entry's source text: a live observation stays valid while this is unchanged. */
export function entrySource(model: CertModel, entry: InventoryEntry): string {
  return model.text.slice(entry.span.start, entry.span.end);
}
