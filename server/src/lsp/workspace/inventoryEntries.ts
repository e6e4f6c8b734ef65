/** `incidentDocs/inventoryEntries`: every certificate of the workspace's inventories, for the Certificates view and Look Up. */
import { InventoryEntriesRequest, type InventoryCertificate, type InventoryEntriesResult, type InventoryRowChanges } from '../../../../contract/src/requests';
import type { Config } from '../../core/config';
import type { CertModel } from '../../core/inventory/model';
import { certificateRowsSteps } from '../../core/inventory/services';
import type { Analysis } from '../../core/lint';
import { pacer, type Steps } from '../../core/steps';
import { analyzeAll, analyzeFile, filesOf, type FileAnalysis, type WorkspaceContext } from './fileAnalyses';
import { SentRows } from './rowChanges';

/** An open inventory edited while its rows are read is read again from its new version, this many times at most. */
const MAX_REREADS = 3;

export function registerInventoryEntries(context: WorkspaceContext): void {
  const sent = new SentRows();
  context.connection.onRequest(InventoryEntriesRequest, async (params, token): Promise<InventoryEntriesResult> => {
    const session = context.session();
    const uris = await filesOf(context, params);
    const byUri = new Map<string, InventoryCertificate[]>();
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
    );
    // Answer in the order asked, whatever order the reads finished in.
    const inventories = uris.filter((u) => byUri.has(u));
    for (const uri of uris) if (!byUri.has(uri)) sent.forget(uri);
    const certificates: InventoryCertificate[] = [];
    const changes: InventoryRowChanges[] = [];
    const resultIds: Record<string, string> = {};
    for (const uri of inventories) {
      const answer = sent.answer(uri, byUri.get(uri) ?? [], params.held?.[uri]);
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
async function rowsOf(context: WorkspaceContext, file: FileAnalysis, cancelled: () => boolean): Promise<InventoryCertificate[] | undefined> {
  for (let reads = 0; ; reads++) {
    const model = inventoryModel(file.analysis);
    if (!model) return undefined;
    const read = file;
    const steps = certificatesSteps(read.uri, model, read.analysis.config, read.now);
    const rows = await context.session().analyses.runInSlices(steps, () => !cancelled() && read.current(), read.holdBackMs);
    // The rows are plain data: the file's open may start from this parse (an inventory just read is often opened next).
    if (rows) read.release?.();
    if (rows || cancelled() || read.current() || reads >= MAX_REREADS) return rows;
    file = await analyzeFile(context, read.uri, cancelled);
  }
}

function inventoryModel(analysis: Analysis): CertModel | undefined {
  const model = analysis.parsed.find((p) => p.model.kind === 'inventory')?.model as CertModel | undefined;
  return model?.inventory ? model : undefined;
}

/** The rows of one inventory as the request answers them, in steps (core/steps.ts). */
export function* certificatesSteps(uri: string, model: CertModel, config: Config, now: Date): Steps<InventoryCertificate[]> {
  const out: InventoryCertificate[] = [];
  const pace = pacer();
  for (const { expires, renewalDue, span, anchor, ...row } of yield* certificateRowsSteps(model, config, now)) {
    if (pace()) yield;
    out.push({
      uri,
      ...row,
      expires: expires?.toISOString(),
      renewalDue: renewalDue?.toISOString() ?? null,
      range: model.lines.rangeOf(span),
      selectionRange: model.lines.rangeOf(anchor),
    });
  }
  return out;
}
