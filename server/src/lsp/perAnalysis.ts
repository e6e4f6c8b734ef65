import type { DocumentAnalysis } from './analyses';

const answers = new WeakMap<DocumentAnalysis, Map<string, unknown>>();

/**
 * An answer computed once per analysis (one document version under one generation of settings):
 * VS Code asks for a version's symbols twice (outline and breadcrumbs, sticky scroll), each
 * 5,000 entries in a large inventory.
 */
export function perAnalysis<T>(result: DocumentAnalysis, key: string, compute: () => T): T {
  let forResult = answers.get(result);
  if (!forResult) answers.set(result, (forResult = new Map()));
  if (!forResult.has(key)) forResult.set(key, compute());
  return forResult.get(key) as T;
}
