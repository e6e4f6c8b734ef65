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

/** Items a loop inside steps handles between two yields, unless it says otherwise (a row or an entry is a few microseconds). */
export const ITEMS_PER_STEP = 250;

/**
 * For a loop over many items inside steps: true on every `perStep`-th call, where the loop yields
 * (`if (pace()) yield;`), so that a rule over every row of an 11,000-row table is many short steps,
 * not one the server cannot interrupt. Counted, not timed: the same steps on every run.
 */
export function pacer(perStep = ITEMS_PER_STEP): () => boolean {
  let count = 0;
  return () => ++count % perStep === 0;
}

/** Runs `steps` if there are any: a rule's check is either plain or in steps. */
export function* maybeSteps(result: void | Steps<void>): Steps<void> {
  if (result) yield* result;
}
