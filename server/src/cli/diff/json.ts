import type { DiffReport } from './types';

/**
 * The diff as one JSON object: the base (the ref as given, its commit, the merge base compared
 * with) and one record per inventory touched, with the core's change list as it is (see
 * core/inventory/diff.ts for its fields). Names, hosts and values are quoted as in messages:
 * control characters escaped, at most 200 characters.
 */
export function diffJson(report: DiffReport): string {
  return `${JSON.stringify({ base: report.base, files: report.files }, null, 2)}\n`;
}
