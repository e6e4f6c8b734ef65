/**
 * When an edit is validated. A keystroke after a quiet spell (no edit and no validation for the
 * debounce) is validated at once: waiting the debounce there only delays the squiggle. An edit
 * that follows another closely is part of a burst and waits for the burst to pause, as before.
 */
export class QuietSpells {
  /** Per document, when it last changed or finished a validation. */
  private readonly since = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The delay before validating the edit that just came in, and the edit noted. */
  delayForEdit(uri: string, debounceMs: number): number {
    const now = this.now();
    const since = this.since.get(uri);
    this.since.set(uri, now);
    return since === undefined || now - since >= debounceMs ? 0 : debounceMs;
  }

  validated(uri: string): void {
    this.since.set(uri, this.now());
  }

  forget(uri: string): void {
    this.since.delete(uri);
  }
}
