/** `incidentDocs/settings`: the resolved settings for a file (editor settings, then the nearest .incident-docs.yaml). */
import { SettingsRequest } from '../../../../contract/src/requests';
import type { Config } from '../../core/config';
import type { WorkspaceContext } from './fileAnalyses';

export function registerSettingsRequest(context: WorkspaceContext): void {
  context.connection.onRequest(SettingsRequest, async (params): Promise<Config> => {
    const session = context.session();
    const uri = params?.uri ?? session.folders.firstUri() ?? 'file:///';
    return (await session.settings.resolve(uri)).config;
  });
}
