/**
 * The workspace the cross-file cert/* rules read in the CLI: the Certificates and inventory
 * entries of every file lint was given. With --changed-since, the files left out of the check are
 * still read for it (bounded, as lint reads), so a changed inventory is judged against the
 * manifests that did not change. With --jobs, the workers send each file's facts and the main
 * thread builds the index here, in the files' order, as one thread does.
 */
import { pathToFileURL } from 'node:url';
import { CertWorkspaceIndex, factsOfParsed, type CertFileFacts } from '../core/inventory/crossFile';
import { isYamlDocument } from '../core/inventory/detect';
import { analyze, type Analysis } from '../core/lint';
import { readDocumentFile } from '../core/workspace/readFile';
import type { ConfigResolver } from './configs';

/** What a checked file tells the other files' cross-file rules; none for a file that is neither inventory nor manifest. */
export function factsOfAnalysis(analysis: Analysis): CertFileFacts | undefined {
  const path = analysis.document.path;
  return path === undefined ? undefined : factsOfParsed(analysis.parsed, { path, uri: pathToFileURL(path).href });
}

/** Whether the cross-file rules (or --live's) may say something about the file: it is an inventory or holds manifests. */
export function readsOtherFiles(analysis: Analysis): boolean {
  return analysis.parsed.some((p) => p.model.kind === 'inventory' || p.model.kind === 'cert-manager');
}

/** The index of the checked files' facts (in their order), then of the unchecked files'. */
export async function crossFileIndex(checked: Iterable<CertFileFacts | undefined>, unchecked: readonly string[], configs: ConfigResolver): Promise<CertWorkspaceIndex> {
  const index = new CertWorkspaceIndex();
  const add = (facts: CertFileFacts | undefined) => {
    if (facts?.path !== undefined) index.set(facts.path, facts);
  };
  for (const facts of checked) add(facts);
  for (const file of unchecked) {
    if (!isYamlDocument({ path: file, text: '' })) continue;
    try {
      const config = configs.configFor(file);
      const { text, truncated } = await readDocumentFile(file, config.maxFileSizeBytes);
      if (!truncated) add(factsOfAnalysis(analyze({ path: file, text, root: configs.rootFor(file) }, config)));
    } catch {
      // Not checked, so not reported: a file that cannot be read only adds nothing to compare with.
    }
  }
  return index;
}

/** The same index in a worker, from the facts the main thread built it of (in its order). */
export function indexOfFacts(facts: readonly CertFileFacts[]): CertWorkspaceIndex {
  const index = new CertWorkspaceIndex();
  for (const f of facts) if (f.path !== undefined) index.set(f.path, f);
  return index;
}
