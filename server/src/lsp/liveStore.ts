import type { LiveObservation, LiveObservations } from '../core/live/observations';

/**
 * Live probe results per document, from "Check live" lenses. Each observation carries the entry's
 * text at probe time, so the core ignores it once that entry is edited; the store drops a
 * document's results when it closes.
 */
export class LiveStore {
  private readonly byUri = new Map<string, LiveObservations>();

  get(uri: string): LiveObservations | undefined {
    return this.byUri.get(uri);
  }

  set(uri: string, key: string, observation: LiveObservation): void {
    const map = this.byUri.get(uri) ?? new Map<string, LiveObservation>();
    map.set(key, observation);
    this.byUri.set(uri, map);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
