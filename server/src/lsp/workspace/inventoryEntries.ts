/** `incidentDocs/inventoryEntries`: every certificate of the workspace's inventories, for the Certificates view and Look Up. */
import { InventoryEntriesRequest, type InventoryCertificate, type InventoryEntriesResult, type InventoryRowChanges } from '../../../../contract/src/requests';
import type { Config } from '../../core/config';
import type { CertModel, InventoryEntry } from '../../core/inventory/model';
import { certificateRow } from '../../core/inventory/services';
import type { Range } from '../../core/types';
import type { Analysis } from '../../core/lint';
import { pacer, type Steps } from '../../core/steps';
import { analyzeAll, analyzeFile, filesOf, type FileAnalysis, type WorkspaceContext } from './fileAnalyses';
import { digestOf, SentRows } from './rowChanges';

/** An open inventory edited while its rows are read is read again from its new version, this many times at most. */
const MAX_REREADS = 3;
/** Rows need the model alone, and each read below ends with `release` or `finished`. */
const READ = { adoptable: true };

export function registerInventoryEntries(context: WorkspaceContext): void {
  const sent = new SentRows();
  context.connection.onRequest(InventoryEntriesRequest, async (params, token): Promise<InventoryEntriesResult> => {
    const session = context.session();
    const uris = await filesOf(context, params);
    const byUri = new Map<string, InventoryRows>();
    const cancelled = () => token.isCancellationRequested;
    await analyzeAll(
      context,
      uris,
      token,
      async (file) => {
        const rows = await rowsOf(context, file, cancelled);
        if (rows) byUri.set(file.uri, rows);
      },
      (uri, message) => session.logger.warnOnce(`inventoryEntries: cannot read ${uri} (${message})`),
      READ,
    );
    // Answer in the order asked, whatever order the reads finished in.
    const inventories = uris.filter((u) => byUri.has(u));
    for (const uri of uris) if (!byUri.has(uri)) sent.forget(uri);
    const certificates: InventoryCertificate[] = [];
    const changes: InventoryRowChanges[] = [];
    const resultIds: Record<string, string> = {};
    for (const uri of inventories) {
      const answer = sent.answer(uri, byUri.get(uri) ?? { rows: [], digests: [] }, params.held?.[uri]);
      resultIds[uri] = answer.id;
      if (answer.kind === 'full') certificates.push(...answer.rows);
      else changes.push(answer.changes);
    }
    return { certificates, inventories, now: session.expiry.now().toISOString(), resultIds, ...(params.held ? { changes } : {}) };
  });
}

/**
 * In slices, as the parse was: 5,000 rows are most of a second the editor's requests must not wait
 * out. An open inventory edited meanwhile is read again from its new version.
 */
async function rowsOf(context: WorkspaceContext, file: FileAnalysis, cancelled: () => boolean): Promise<InventoryRows | undefined> {
  for (let reads = 0; ; reads++) {
    const read = file;
    try {
      const model = inventoryModel(read.analysis);
      if (!model) return undefined;
      const steps = certificatesSteps(read.uri, model, read.analysis.config, read.now);
      const rows = await context.session().analyses.runInSlices(steps, () => !cancelled() && read.current(), read.holdBackMs);
      // The rows are plain data: the file's open may start from this parse (an inventory just read is often opened next).
      if (rows) read.release?.();
      if (rows || cancelled() || read.current() || reads >= MAX_REREADS) return rows;
    } finally {
      read.finished?.();
    }
    file = await analyzeFile(context, read.uri, cancelled, READ);
  }
}

function inventoryModel(analysis: Analysis): CertModel | undefined {
  const model = analysis.parsed.find((p) => p.model.kind === 'inventory')?.model as CertModel | undefined;
  return model?.inventory ? model : undefined;
}

/** An inventory's rows as the request answers them, with a digest of each (what rowChanges.ts compares). */
export interface InventoryRows {
  rows: InventoryCertificate[];
  digests: string[];
}

type Placeless = Omit<InventoryCertificate, 'range' | 'selectionRange'>;

/**
 * Each entry's row apart from where it is, and its digest: a read after a keystroke in a 5,000-entry
 * inventory built and hashed every row again (about 100 ms of the server's CPU per pause in typing),
 * though the entries the edit left alone (the same objects: the parse keeps them) have the same rows.
 */
const placelessRows = new WeakMap<InventoryEntry, { uri: string; config: Config; now: number; row: Placeless; digest: string }>();

/** The rows of one inventory as the request answers them, in steps (core/steps.ts). */
export function* certificatesSteps(uri: string, model: CertModel, config: Config, now: Date): Steps<InventoryRows> {
  const rows: InventoryCertificate[] = [];
  const digests: string[] = [];
  const pace = pacer();
  for (const entry of model.inventory?.entries ?? []) {
    if (pace()) yield;
    let kept = placelessRows.get(entry);
    if (kept?.uri !== uri || kept.config !== config || kept.now !== now.getTime()) {
      const { expires, renewalDue, span: _span, anchor: _anchor, ...fields } = certificateRow(entry, model, config, now);
      const row: Placeless = { uri, ...fields, expires: expires?.toISOString(), renewalDue: renewalDue?.toISOString() ?? null };
      kept = { uri, config, now: now.getTime(), row, digest: digestOf(row) };
      placelessRows.set(entry, kept);
    }
    const range = model.lines.rangeOf(entry.span);
    const selectionRange = model.lines.rangeOf(entry.anchor);
    rows.push({ ...kept.row, range, selectionRange });
    digests.push(`${kept.digest} ${placeDigest(range)} ${placeDigest(selectionRange)}`);
  }
  return { rows, digests };
}

function placeDigest(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
