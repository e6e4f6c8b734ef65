/**
 * The workspace the cross-file cert/* rules read in the CLI: the Certificates and inventory
 * entries of every file lint was given. With --changed-since, the files left out of the check are
 * still read for it (bounded, as lint reads), so a changed inventory is judged against the
 * manifests that did not change.
 */
import { pathToFileURL } from 'node:url';
import { CertWorkspaceIndex, factsOfParsed } from '../core/inventory/crossFile';
import { isYamlDocument } from '../core/inventory/detect';
import { analyze, type Analysis } from '../core/lint';
import { readDocumentFile } from '../core/workspace/readFile';
import type { ConfigResolver } from './configs';

export async function crossFileIndex(checked: readonly Analysis[], unchecked: readonly string[], configs: ConfigResolver): Promise<CertWorkspaceIndex> {
  const index = new CertWorkspaceIndex();
  const add = (analysis: Analysis) => {
    const path = analysis.document.path;
    if (path === undefined) return;
    const facts = factsOfParsed(analysis.parsed, { path, uri: pathToFileURL(path).href });
    if (facts) index.set(path, facts);
  };
  for (const analysis of checked) add(analysis);
  for (const file of unchecked) {
    if (!isYamlDocument({ path: file, text: '' })) continue;
    try {
      const config = configs.configFor(file);
      const { text, truncated } = await readDocumentFile(file, config.maxFileSizeBytes);
      if (!truncated) add(analyze({ path: file, text, root: configs.rootFor(file) }, config));
    } catch {
      // Not checked, so not reported: a file that cannot be read only adds nothing to compare with.
    }
  }
  return index;
}
