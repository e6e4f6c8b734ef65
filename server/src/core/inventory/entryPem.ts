/** The certificate an entry carries, inline (`pem`) or by path (`pemFile`), loaded once per model. */
import { isScalar } from 'yaml';
import type { CertModel, Field, InventoryEntry } from './model';
import { modelToken } from './modelToken';
import { parsePem, parsePemBundle, readPemFile, type PemBundle, type PemCertificate } from './pem';

export interface PemSource {
  field: Field;
  kind: 'pem' | 'pemFile';
  /** The first certificate: the leaf. */
  result: PemCertificate | { error: string };
  /** Every certificate of the text in file order, leaf first (bounded); empty when it could not be read. */
  bundle: PemBundle;
}

const NO_BUNDLE: PemBundle = { certificates: [], truncated: false };

/** Per entry and model (modelToken.ts: the value must not hold the model): an entry reused by the next version reads its pemFile again. */
const cache = new WeakMap<InventoryEntry, { model: object; sources: PemSource[] }>();

export function pemSources(entry: InventoryEntry, model: CertModel): PemSource[] {
  const cached = cache.get(entry);
  if (cached?.model === modelToken(model)) return cached.sources;
  const out: PemSource[] = [];
  const pem = entry.own('pem');
  if (pem && isScalar(pem.node) && typeof pem.node.value === 'string') {
    out.push({ field: pem, kind: 'pem', result: parsePem(pem.node.value), bundle: parsePemBundle(pem.node.value) });
  }
  const pemFile = entry.own('pemFile');
  if (pemFile && isScalar(pemFile.node) && typeof pemFile.node.value === 'string' && pemFile.node.value.trim()) {
    const file = readPemFile(pemFile.node.value.trim(), model.path, { root: model.fileRoot, allowOutside: model.allowPathsOutsideWorkspace });
    const result = 'error' in file ? file : parsePem(file.text);
    out.push({ field: pemFile, kind: 'pemFile', result, bundle: 'error' in file ? NO_BUNDLE : parsePemBundle(file.text) });
  }
  cache.set(entry, { model: modelToken(model), sources: out });
  return out;
}
