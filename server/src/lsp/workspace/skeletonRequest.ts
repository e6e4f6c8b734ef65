/** `incidentDocs/postmortemSkeleton`: the configured template as a new post-mortem (New Post-Mortem). */
import { PostmortemSkeletonRequest, type PostmortemSkeleton } from '../../../../contract/src/requests';
import { postmortemSkeleton } from '../../core/postmortem/skeleton';
import { DEFAULT_PRESET, loadTemplate, presetTemplate } from '../../core/postmortem/templateSource';
import { uriToPath } from '../uri';
import type { WorkspaceContext } from './fileAnalyses';

export function registerSkeletonRequest(context: WorkspaceContext): void {
  context.connection.onRequest(PostmortemSkeletonRequest, async (params): Promise<PostmortemSkeleton> => {
    const session = context.session();
    const { config } = await session.settings.resolve(params.uri);
    const state = loadTemplate(config, { path: uriToPath(params.uri), root: session.settings.rootFor(params.uri) });
    const template = state.template ?? presetTemplate(DEFAULT_PRESET)!;
    return { snippet: postmortemSkeleton(template.text, params.title), template: state.source, ...(state.problem ? { problem: state.problem } : {}) };
  });
}
