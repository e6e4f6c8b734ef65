/**
 * Files an analysis reads besides its document: the template and front-matter schema its settings
 * name, the PEM files (`pemFile`, `clientCert`, `clientKey`) its inventory entries name. Whoever
 * keeps analyses for a while (the language server) listens, so that a change to one of these files
 * on disk is a reason to analyse again: the document itself did not change.
 */
type Listener = (file: string) => void;

const listeners = new Set<Listener>();

/** Called with the absolute path of a file an analysis reads (or tries to: one that does not exist yet counts). */
export function dependedOn(file: string): void {
  for (const listener of listeners) listener(file);
}

/** Hears every file analyses depend on from now on; returns the way to stop. */
export function onDependency(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
