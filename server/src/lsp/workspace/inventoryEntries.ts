/** `incidentDocs/inventoryEntries`: every certificate of the workspace's inventories, for the Certificates view and Look Up. */
import { InventoryEntriesRequest, type InventoryCertificate, type InventoryEntriesResult } from '../../../../contract/src/requests';
import type { Config } from '../../core/config';
import type { CertModel } from '../../core/inventory/model';
import { certificateRows } from '../../core/inventory/services';
import type { Analysis } from '../../core/lint';
import { analyzeAll, filesOf, type WorkspaceContext } from './fileAnalyses';

export function registerInventoryEntries(context: WorkspaceContext): void {
  context.connection.onRequest(InventoryEntriesRequest, async (params, token): Promise<InventoryEntriesResult> => {
    const session = context.session();
    const uris = await filesOf(context, params);
    const byUri = new Map<string, InventoryCertificate[]>();
    await analyzeAll(
      context,
      uris,
      token,
      (file) => {
        const model = inventoryModel(file.analysis);
        if (model) byUri.set(file.uri, certificatesOf(file.uri, model, file.analysis.config, file.now));
      },
      (uri, message) => session.logger.warnOnce(`inventoryEntries: cannot read ${uri} (${message})`),
    );
    // Answer in the order asked, whatever order the reads finished in.
    const inventories = uris.filter((u) => byUri.has(u));
    return { certificates: inventories.flatMap((u) => byUri.get(u) ?? []), inventories, now: session.expiry.now().toISOString() };
  });
}

function inventoryModel(analysis: Analysis): CertModel | undefined {
  const model = analysis.parsed.find((p) => p.model.kind === 'inventory')?.model as CertModel | undefined;
  return model?.inventory ? model : undefined;
}

function certificatesOf(uri: string, model: CertModel, config: Config, now: Date): InventoryCertificate[] {
  return certificateRows(model, config, now).map(({ expires, renewalDue, span, anchor, ...row }) => ({
    uri,
    ...row,
    expires: expires?.toISOString(),
    renewalDue: renewalDue?.toISOString() ?? null,
    range: model.lines.rangeOf(span),
    selectionRange: model.lines.rangeOf(anchor),
  }));
}
