/**
 * `incidentDocs/incidentReport`: the incident report page of the workspace's post-mortems, for
 * the client's webview. Files are analysed like Scan Workspace analyses them (open documents as
 * the editor holds them); the records and the page come from core/report, as the CLI's do.
 */
import * as path from 'node:path';
import { IncidentReportRequest, type IncidentReport } from '../../../../contract/src/requests';
import { renderReportPage } from '../../core/report/page/html';
import { relativeHref } from '../../core/report/page/links';
import { compareRecords, incidentRecord, type IncidentRecord } from '../../core/report/record';
import { uriToPath } from '../uri';
import { analyzeAll, filesOf, type WorkspaceContext } from './fileAnalyses';

const MARKDOWN = /\.(md|markdown)$/i;

export function registerIncidentReport(context: WorkspaceContext): void {
  context.connection.onRequest(IncidentReportRequest, async (params, token): Promise<IncidentReport> => {
    const session = context.session();
    const uris = (await filesOf(context, params)).filter((uri) => MARKDOWN.test(uriToPath(uri) ?? ''));
    const located: { record: IncidentRecord; uri: string; folder: string }[] = [];
    const errors: IncidentReport['errors'] = [];
    await analyzeAll(
      context,
      uris,
      token,
      async (file) => {
        const filePath = uriToPath(file.uri)!;
        // Shown relative to its workspace folder, as the Problems panel and the CLI show it.
        const folder = session.folders.rootFor(filePath) ?? path.dirname(filePath);
        const shown = path.relative(folder, filePath).split(path.sep).join('/');
        const record = incidentRecord(shown, file.analysis, await file.findings());
        if (record) located.push({ record, uri: file.uri, folder });
      },
      (uri, message) => errors.push({ uri, message }),
    );
    located.sort((a, b) => compareRecords(a.record, b.record) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const folders = [...new Set(located.map((l) => path.basename(l.folder)))];
    const html = await renderReportPage(
      located.map((l) => l.record),
      {
        now: session.clock(),
        scope: folders.length === 0 ? 'the workspace' : folders.length === 1 ? folders[0] : `${folders.length} folders`,
        hrefOf: (_, index) => relativeHref(located[index].folder, uriToPath(located[index].uri)!),
      },
    );
    return { html, files: located.map((l) => l.uri), errors };
  });
}
