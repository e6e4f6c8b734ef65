import { normalizeHost } from '../../../../contract/src/hostPort';
import { liveKey } from '../live/observations';
import type { ProbeOutcome } from '../live/types';
import type { RuleContext } from '../rule';
import type { HostPort } from './hosts';
import type { CertModel, InventoryEntry } from './model';
import { hostRefs, type HostRef } from './refs';

/** When the cert/live-* rules have anything to say, for their docs. */
export const LIVE_DETAILS =
  'Only after a live check the user asked for: `incident-docs lint --live`, or a "Check live" code lens in the editor. No connection is ever made otherwise.';

export interface LiveTarget {
  entry: InventoryEntry;
  host: HostRef & { parsed: HostPort };
}

/** Every well-formed host of every inventory entry: what `lint --live` and the lenses probe. */
export function liveTargets(model: CertModel): LiveTarget[] {
  const out: LiveTarget[] = [];
  for (const entry of model.inventory?.entries ?? []) {
    for (const host of hostRefs(entry)) {
      if ('error' in host.parsed || !probeable(host.parsed)) continue;
      out.push({ entry, host: host as LiveTarget['host'] });
    }
  }
  return out;
}

/**
 * Verdicts by host name: the editor asks for every host of a large inventory on each keystroke
 * (its lenses), and the names rarely change between versions. Bounded: cleared when it fills.
 */
const probeableHosts = new Map<string, boolean>();
const PROBEABLE_CACHE_SIZE = 50_000;

/** A wildcard (`*.example.com`) names no host to connect to; the probe's own parser is the judge. */
function probeable(host: HostPort): boolean {
  const known = probeableHosts.get(host.host);
  if (known !== undefined) return known;
  let verdict: boolean;
  try {
    normalizeHost(host.host);
    verdict = true;
  } catch {
    verdict = false;
  }
  if (probeableHosts.size >= PROBEABLE_CACHE_SIZE) probeableHosts.clear();
  probeableHosts.set(host.host, verdict);
  return verdict;
}

/** The entry's source text: a live observation stays valid while this is unchanged. */
export function entrySource(model: CertModel, entry: InventoryEntry): string {
  return model.text.slice(entry.span.start, entry.span.end);
}

export interface LiveFact extends LiveTarget {
  outcome: ProbeOutcome;
}

/** The probe outcomes that still apply to this model's entries (an edited entry drops its own). */
export function liveFacts(model: CertModel, context: Pick<RuleContext, 'live'>): LiveFact[] {
  const live = context.live;
  if (!live || live.size === 0) return [];
  const out: LiveFact[] = [];
  for (const target of liveTargets(model)) {
    const observation = live.get(liveKey(target.host.parsed.host, target.host.parsed.port, target.host.parsed.starttls));
    if (!observation) continue;
    if (observation.entryText !== undefined && observation.entryText !== entrySource(model, target.entry)) continue;
    out.push({ ...target, outcome: observation.outcome });
  }
  return out;
}

const byEntryCache = new WeakMap<CertModel, { live: unknown; byEntry: Map<InventoryEntry, LiveFact[]> }>();

/**
 * The live facts of one entry. Grouped once per model and set of observations: rules ask for
 * every entry, and scanning all targets per entry would be quadratic in a large inventory.
 */
export function entryLiveFacts(entry: InventoryEntry, model: CertModel, context: Pick<RuleContext, 'live'>): LiveFact[] {
  if (!context.live || context.live.size === 0) return [];
  let cached = byEntryCache.get(model);
  if (!cached || cached.live !== context.live) {
    const byEntry = new Map<InventoryEntry, LiveFact[]>();
    for (const fact of liveFacts(model, context)) {
      const list = byEntry.get(fact.entry);
      if (list) list.push(fact);
      else byEntry.set(fact.entry, [fact]);
    }
    cached = { live: context.live, byEntry };
    byEntryCache.set(model, cached);
  }
  return cached.byEntry.get(entry) ?? [];
}
