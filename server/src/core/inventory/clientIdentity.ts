/**
 * The client certificate an entry's live checks present: `clientCert` and `clientKey`, paths
 * relative to the inventory, read like `pemFile` (inside the workspace unless allowed, bounded).
 * Loaded once per entry and model; cert/pem-invalid reports what is wrong, and the live checks
 * skip the entry's hosts rather than probe them without the certificate they need.
 */
import { isScalar } from 'yaml';
import { checkClientIdentity } from '../live/clientAuth';
import { ProbeInputError, type ClientIdentity } from '../live/types';
import type { CertModel, Field, InventoryEntry } from './model';
import { modelToken } from './modelToken';
import { readEntryFile } from './pem';

export type EntryClientIdentity = { identity: ClientIdentity } | { error: string; field: Field };

/** Per entry, for one model (modelToken.ts: the value must not hold the model). */
const cache = new WeakMap<InventoryEntry, { model: object; result: EntryClientIdentity | undefined }>();

/** Undefined when the entry names neither file. */
export function entryClientIdentity(entry: InventoryEntry, model: CertModel): EntryClientIdentity | undefined {
  const cached = cache.get(entry);
  if (cached?.model === modelToken(model)) return cached.result;
  const result = load(entry, model);
  cache.set(entry, { model: modelToken(model), result });
  return result;
}

function load(entry: InventoryEntry, model: CertModel): EntryClientIdentity | undefined {
  const cert = entry.own('clientCert');
  const key = entry.own('clientKey');
  if (!cert && !key) return undefined;
  if (!cert || !key) {
    const [given, missing] = cert ? ['clientCert', 'clientKey'] : ['clientKey', 'clientCert'];
    return { error: `\`${given}\` needs \`${missing}\` beside it`, field: (cert ?? key)! };
  }
  const texts: string[] = [];
  for (const [field, what] of [
    [cert, 'certificate'],
    [key, 'private key'],
  ] as const) {
    const value = isScalar(field.node) && typeof field.node.value === 'string' ? field.node.value.trim() : '';
    if (!value) return { error: `\`${field.key}\` should be the path of a PEM file`, field };
    const file = readEntryFile(field.key, value, model.path, { root: model.fileRoot, allowOutside: model.allowPathsOutsideWorkspace }, what);
    if ('error' in file) return { error: file.error, field };
    texts.push(file.text);
  }
  try {
    return { identity: checkClientIdentity(texts[0], texts[1], { cert: 'clientCert', key: 'clientKey' })! };
  } catch (e) {
    if (!(e instanceof ProbeInputError)) throw e;
    return { error: e.message.replace(/\.$/, ''), field: cert };
  }
}
