/**
 * What a per-entry cache keeps to know the model (one version of the document) it was filled
 * under. An entry lives on across versions (an incremental re-parse reuses the entries an edit
 * did not touch), so a cache value that held the model itself kept every version's text, line
 * index and YAML alive through the entries last read under it: about 1.7 MB a keystroke in the
 * 5,000-entry inventory. The token is small and lives as long as its model is used.
 */
import type { CertModel } from './model';

const tokens = new WeakMap<CertModel, object>();

/** The same object for the same model, and another for any other. */
export function modelToken(model: CertModel): object {
  let token = tokens.get(model);
  if (!token) {
    token = {};
    tokens.set(model, token);
  }
  return token;
}
