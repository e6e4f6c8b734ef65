/**
 * `lint --jobs` in a worker thread. Three calls: `check` reads, fixes and parses a batch of files
 * and lints those no other file has a say in (post-mortems, plain Markdown); the rest (inventories,
 * cert-manager manifests) wait until the main thread has sent every file's cross-file facts, in
 * the files' order (`index`), so their findings are those one thread finds; `finish` lints a batch
 * of them. A worker lints those it parsed, then helps another with its queue (pool.mapOwned),
 * analysing those files again from the text the other read: left where they were parsed, one
 * worker often held most of that work while the other sat idle.
 */
import { basename } from 'node:path';
import type { CertFileFacts, CertWorkspaceIndex } from '../../core/inventory/crossFile';
import type { Analysis } from '../../core/lint';
import type { DocumentKind, RuleLevel } from '../../core/types';
import { FileChecker, reportOf, type CheckedSource, type FileCheck } from '../checkFile';
import { factsOfAnalysis, indexOfFacts, readsOtherFiles } from '../crossFileIndex';
import type { Fixing } from '../fixing';
import type { FileReport } from '../format';
import { displayPath } from '../paths';
import { currentItem, type Batch, type Handlers } from './protocol';

export interface LintJob {
  cwd: string;
  /** ISO 8601. */
  now: string;
  kind?: DocumentKind;
  config?: string;
  ruleOverrides: Record<string, RuleLevel>;
  allowPathsOutsideWorkspace?: boolean;
  fixing?: Fixing;
}

/** A file checked in a worker: what it said, and its report unless it waits for `finish`. */
export interface CheckedFile extends Omit<FileCheck, 'analysis'> {
  checked: boolean;
  report?: FileReport;
  /** Its facts for the other files' cross-file rules. */
  facts?: CertFileFacts;
  /** A file that waits: what it was analysed from, so that any worker can lint it; absent under --fix (then its own worker does). */
  source?: CheckedSource;
}

/** A file that waits for the cross-file facts, given to `finish`: its index in the run, and what CheckedFile said of it. */
export interface WaitingFile {
  index: number;
  file: string;
  source?: CheckedSource;
}

/**
 * Tests only: `check:NAME` or `finish:NAME` makes a worker exit, as a crash would, when it comes
 * to the file NAME in that call (the crash tests of --jobs). Read in worker threads alone; unset,
 * it changes nothing.
 */
const EXIT_ON = 'INCIDENT_DOCS_TEST_WORKER_EXIT_ON';

function exitOnFor(step: 'check' | 'finish'): (file: string) => void {
  const [when, name] = (process.env[EXIT_ON] ?? '').split(':');
  if (when !== step || !name) return () => {};
  return (file) => {
    if (basename(file) === name) process.exit(70);
  };
}

export function lintHandlers(job: LintJob): Handlers {
  const now = new Date(job.now);
  const checker = new FileChecker({ explicitFile: job.config, ruleOverrides: job.ruleOverrides }, { ...job, now });
  // The main thread said these already (its own resolver read --config first).
  checker.takeEvents();
  const exitInCheck = exitOnFor('check');
  const exitInFinish = exitOnFor('finish');
  const waiting = new Map<number, { shown: string; analysis: Analysis }>();
  let workspace: CertWorkspaceIndex | undefined;
  return {
    check({ offset, items }: Batch<string>): CheckedFile[] {
      return items.map((file, i) => {
        currentItem(offset + i);
        exitInCheck(file);
        const { analysis, ...check } = checker.check(file);
        if (!analysis) return { ...check, checked: false };
        const facts = factsOfAnalysis(analysis);
        if (readsOtherFiles(analysis)) {
          waiting.set(offset + i, { shown: check.shown, analysis });
          // Under --fix the analysis is of the fixed text, which only this worker can stand by.
          const source = job.fixing ? undefined : { text: analysis.document.text, truncated: analysis.document.truncated };
          return { ...check, checked: true, facts, source };
        }
        return { ...check, checked: true, facts, report: reportOf(check.shown, analysis, { now, kind: job.kind }) };
      });
    },
    index(facts: CertFileFacts[]): void {
      workspace = indexOfFacts(facts);
    },
    finish(files: WaitingFile[]): [number, FileReport][] {
      if (!workspace) throw new Error('finish before index');
      const reports: [number, FileReport][] = [];
      for (const { index, file, source } of files) {
        currentItem(index);
        exitInFinish(file);
        const held = waiting.get(index);
        waiting.delete(index);
        const analysis = held?.analysis ?? (source && checker.reanalyze(file, source));
        if (!analysis) throw new Error(`no analysis of ${basename(file)} in this worker`);
        reports.push([index, reportOf(held?.shown ?? displayPath(file, job.cwd), analysis, { now, kind: job.kind, workspace })]);
      }
      currentItem(-1);
      return reports;
    },
  };
}
