import type { StartTlsProtocol } from '../../../../contract/src/tlsScheme';
import type { ProbeOutcome } from './types';

/** A live probe's outcome for one host of an inventory entry. */
export interface LiveObservation {
  outcome: ProbeOutcome;
  /**
   * The entry's source text when the probe ran (editor). When the entry's text changes the
   * observation no longer applies, so an edit clears it; the CLI leaves it out.
   */
  entryText?: string;
}

/** Keyed by the inventory's normalised `host:port` (lower case, port 443 by default), after `smtp://` for a STARTTLS dialogue. */
export type LiveObservations = Map<string, LiveObservation>;

export function liveKey(host: string, port = 443, starttls?: StartTlsProtocol | null): string {
  return `${starttls ? `${starttls}://` : ''}${host.toLowerCase()}:${port}`;
}
