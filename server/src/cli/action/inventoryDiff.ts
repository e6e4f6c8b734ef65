/**
 * On a pull request, the action's job summary also gets `incident-docs diff` of the inventories
 * the pull request touches, against the `changed-since` input or else the base branch
 * (origin/GITHUB_BASE_REF). It is a review aid: when it cannot be made (a shallow clone, a ref git
 * does not know) the step says so in a warning and the lint's result stands.
 */
import { escapeControls } from '../../core/quote';
import { inventoryDiffs } from '../diff/runDiff';
import { diffMarkdown } from '../diff/markdown';
import { CliError } from '../errors';
import type { CliIO } from '../runLint';
import type { ActionInputs } from './inputs';

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

/** The base the pull request is compared with; undefined on other events. */
export function pullRequestBase(env: NodeJS.ProcessEnv, inputs: Pick<ActionInputs, 'changedSince'>): string | undefined {
  if (!PULL_REQUEST_EVENTS.includes(env.GITHUB_EVENT_NAME ?? '')) return undefined;
  if (inputs.changedSince) return inputs.changedSince;
  const branch = (env.GITHUB_BASE_REF ?? '').trim();
  return branch ? `origin/${branch}` : undefined;
}

/** The Markdown of the diff, or undefined when there is none to show (not a pull request, no inventory touched, an error). */
export async function inventoryDiffSummary(env: NodeJS.ProcessEnv, inputs: ActionInputs, io: CliIO): Promise<string | undefined> {
  const base = pullRequestBase(env, inputs);
  if (!base) return undefined;
  try {
    const report = await inventoryDiffs(inputs.paths, { base }, io);
    return report.files.length > 0 ? diffMarkdown(report) : undefined;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    io.stdout(`::warning title=incident-docs::no inventory diff in the job summary: ${escapeControls(e.message).replace(/%/g, '%25')}\n`);
    return undefined;
  }
}
