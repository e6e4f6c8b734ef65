/**
 * `lint --jobs` in a worker thread. Two calls: `check` reads, fixes and parses a batch of files and
 * lints those no other file has a say in (post-mortems, plain Markdown); `finish` lints the rest
 * (inventories, cert-manager manifests) once the main thread has sent every file's cross-file
 * facts, in the files' order, so their findings are those one thread finds.
 */
import { basename } from 'node:path';
import type { CertFileFacts } from '../../core/inventory/crossFile';
import type { Analysis } from '../../core/lint';
import type { DocumentKind, RuleLevel } from '../../core/types';
import { FileChecker, reportOf, type FileCheck } from '../checkFile';
import { factsOfAnalysis, indexOfFacts, readsOtherFiles } from '../crossFileIndex';
import type { Fixing } from '../fixing';
import type { FileReport } from '../format';
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
          return { ...check, checked: true, facts };
        }
        return { ...check, checked: true, facts, report: reportOf(check.shown, analysis, { now, kind: job.kind }) };
      });
    },
    finish(facts: CertFileFacts[]): [number, FileReport][] {
      const workspace = indexOfFacts(facts);
      const reports: [number, FileReport][] = [];
      for (const [index, { shown, analysis }] of waiting) {
        currentItem(index);
        exitInFinish(analysis.document.path ?? '');
        reports.push([index, reportOf(shown, analysis, { now, kind: job.kind, workspace })]);
      }
      waiting.clear();
      currentItem(-1);
      return reports;
    },
  };
}
