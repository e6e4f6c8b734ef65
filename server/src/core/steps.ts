/**
 * Work done in steps: a generator that yields between pieces of work, so that a caller can run it
 * to the end at once (the CLI), or a slice at a time with other work in between, and stop it when
 * its result is no longer wanted or it has taken too long (the language server).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
