/** `incidentDocs/lintFiles`: Scan Workspace, the findings of files whether open or not. */
import { LintFilesRequest, type LintFilesResult } from '../../../../contract/src/requests';
import { kindsOf } from '../../core/lint';
import { toDiagnostics } from '../diagnostics';
import { analyzeAll, filesOf, type WorkspaceContext } from './fileAnalyses';

export function registerLintFiles(context: WorkspaceContext): void {
  context.connection.onRequest(LintFilesRequest, async (params, token): Promise<LintFilesResult> => {
    const session = context.session();
    const uris = await filesOf(context, params);
    const linted = new Map<string, LintFilesResult['files'][number]>();
    const errors: LintFilesResult['errors'] = [];
    await analyzeAll(
      context,
      uris,
      token,
      async (file) => {
        const kinds = kindsOf(file.analysis);
        if (kinds.length === 0 && file.analysis.documentFindings.length === 0) return;
        const diagnostics = toDiagnostics(await file.findings(), file.uri, -1, session.features.diagnostics, file.analysis.config.groupFindingsAbove);
        linted.set(file.uri, { uri: file.uri, kinds, diagnostics });
      },
      (uri, message) => errors.push({ uri, message }),
    );
    return { files: uris.filter((u) => linted.has(u)).map((u) => linted.get(u)!), errors };
  });
}
