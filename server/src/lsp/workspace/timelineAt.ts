/** `incidentDocs/timelineAt`: where Insert Timeline Entry puts a new entry, and in which shape. */
import { TimelineAtRequest, type TimelineInsertion } from '../../../../contract/src/requests';
import type { PostmortemModel } from '../../core/postmortem/model';
import { timelineInsertion } from '../../core/postmortem/timelineInsertion';
import type { WorkspaceContext } from './fileAnalyses';

export function registerTimelineAt(context: WorkspaceContext): void {
  context.connection.onRequest(TimelineAtRequest, async (params): Promise<TimelineInsertion | null> => {
    const session = context.session();
    const document = context.documents.get(params.uri);
    if (!document) return null;
    const { analysis } = await session.analyses.get(document);
    const model = analysis.parsed.find((p) => p.model.kind === 'postmortem')?.model as PostmortemModel | undefined;
    const insertion = model ? timelineInsertion(model, model.lines.offsetAt(params.position)) : null;
    if (!insertion) return null;
    const { line, ...rest } = insertion;
    return { ...rest, insertAt: { line, character: 0 } };
  });
}
