import { entrySource, liveTargets, type LiveTarget } from '../../inventory/liveTargets';
import type { CertModel } from '../../inventory/model';
import { liveKey } from '../../live/observations';
import type { ProbeOutcome } from '../../live/types';
import type { RuleContext } from '../../rule';

export interface LiveFact extends LiveTarget {
  outcome: ProbeOutcome;
}

/** The probe outcomes that still apply to this model's entries (an edited entry drops its own). */
export function liveFacts(model: CertModel, context: RuleContext): LiveFact[] {
  const live = context.live;
  if (!live || live.size === 0) return [];
  const out: LiveFact[] = [];
  for (const target of liveTargets(model)) {
    const observation = live.get(liveKey(target.host.parsed.host, target.host.parsed.port));
    if (!observation) continue;
    if (observation.entryText !== undefined && observation.entryText !== entrySource(model, target.entry)) continue;
    out.push({ ...target, outcome: observation.outcome });
  }
  return out;
}

export const LIVE_DETAILS = 'Only after a live check the user asked for: `incident-docs lint --live`, or a "Check live" code lens in the editor. No connection is ever made otherwise.';
