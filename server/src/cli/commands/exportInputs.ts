/**
 * What the export commands share: reading an inventory whole (a half-parsed file would export half
 * the certificates, silently) and where they write.
 */
import { buildCertModel } from '../../core/inventory/model';
import type { InventorySource } from '../../core/export/entries';
import { WorkspaceError } from '../../core/workspace/errors';
import { readDocumentFile } from '../../core/workspace/readFile';
import type { ConfigResolver } from '../configs';
import { CliError } from '../errors';
import { displayPath } from '../paths';
import type { ProcessIo } from '../processIo';

/** Where the export commands print: the process's streams (processIo.ts), or a test's. */
export type ExportIo = ProcessIo;

export async function readInventory(file: string, configs: ConfigResolver, cwd: string, warn: (message: string) => void): Promise<InventorySource> {
  const shown = displayPath(file, cwd);
  const config = configs.configFor(file);
  let text: string;
  try {
    const read = await readDocumentFile(file, config.maxFileSizeBytes, shown);
    if (read.truncated) throw new CliError(`${shown}: larger than maxFileSizeBytes (${config.maxFileSizeBytes} bytes), not exported`);
    text = read.text;
  } catch (e) {
    if (e instanceof WorkspaceError) throw new CliError(e.message);
    throw e;
  }
  const model = buildCertModel({ path: file, text }, config);
  // A half-parsed file would export half the certificates, silently. A repeated key loses
  // nothing structural (the linter reports which value wins), so it only warns.
  for (const syntax of model.yaml.syntaxErrors) {
    const where = `${shown}:${model.lines.rangeOf(syntax.span).start.line + 1}`;
    if (/^Map keys must be unique/.test(syntax.message)) warn(`${where}: ${syntax.message}; the export uses the value the linter reports`);
    else throw new CliError(`${where}: YAML syntax error (${syntax.message}); \`incident-docs lint ${shown}\` shows it`);
  }
  if (!model.inventory) throw new CliError(`${shown}: not a certificate inventory (no top-level \`certificates:\` list)`);
  return { file: shown, model, config };
}
