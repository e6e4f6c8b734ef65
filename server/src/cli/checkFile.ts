/**
 * One file of `lint`: read, fixed (with --fix) and parsed. The same code runs in the main thread
 * (one job) and in each worker thread (--jobs): what a file makes the CLI say is collected as
 * events, which the main thread prints in the files' order, so the output does not depend on which
 * thread checked which file.
 */
import { analyze, lintAnalysis, type Analysis, type LintOptions } from '../core/lint';
import type { DocumentKind } from '../core/types';
import { fixAll } from '../core/fix/fixAll';
import { readDocumentFileSync } from '../core/workspace/readFile';
import { WorkspaceError } from '../core/workspace/errors';
import { ConfigResolver, type ConfigSources } from './configs';
import { CliError } from './errors';
import { STOPPED, type Fixing } from './fixing';
import type { FileReport } from './format';
import { displayPath } from './paths';
import { unifiedDiff } from './unifiedDiff';
import { writeFixed } from './writeFixed';

/**
 * What checking a file made the CLI say, in order. fail: not checked or not written (exit 2, each
 * message once); warn: a warning line; config: a settings problem (each once per run); internal:
 * a bug met on this file (exit 2).
 */
export interface CheckEvent {
  type: 'fail' | 'warn' | 'config' | 'internal';
  message: string;
}

export interface FileCheck {
  /** Display path. */
  shown: string;
  events: CheckEvent[];
  /** Absent when the file was not checked. */
  analysis?: Analysis;
  /** Fixes applied (or, dry, that would be), and whether the file was (or would be) changed. */
  fixes: number;
  changed: boolean;
  /** --fix-dry-run: the file's unified diff. */
  diff?: string;
}

export interface CheckSettings {
  cwd: string;
  now: Date;
  kind?: DocumentKind;
  fixing?: Fixing;
  allowPathsOutsideWorkspace?: boolean;
}

export class FileChecker {
  readonly configs: ConfigResolver;
  private events: CheckEvent[] = [];

  /** Throws CliError when --config cannot be used. */
  constructor(
    sources: Omit<ConfigSources, 'warn' | 'cwd' | 'allowPathsOutsideWorkspace'>,
    private readonly settings: CheckSettings,
  ) {
    this.configs = new ConfigResolver({
      ...sources,
      cwd: settings.cwd,
      allowPathsOutsideWorkspace: settings.allowPathsOutsideWorkspace,
      warn: (message) => this.events.push({ type: 'config', message }),
    });
  }

  /** What was said since the last call outside a check (settings problems met by the resolver). */
  takeEvents(): CheckEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /**
   * The analysis check() made of `file` without --fix, again, from what it read (another thread's
   * CheckedSource): the same document and settings, so the same analysis.
   */
  reanalyze(file: string, source: CheckedSource): Analysis {
    const { settings, configs } = this;
    const document = { path: file, text: source.text, truncated: source.truncated, root: configs.rootFor(file) };
    return analyze(document, configs.configFor(file), { now: settings.now, kind: settings.kind });
  }

  check(file: string): FileCheck {
    const { settings, configs } = this;
    const shown = displayPath(file, settings.cwd);
    const result: FileCheck = { shown, events: this.takeEvents(), fixes: 0, changed: false };
    this.events = result.events;
    try {
      let source: { config: ReturnType<ConfigResolver['configFor']>; text: string; truncated: boolean; bytes: Buffer };
      try {
        const config = configs.configFor(file);
        // Sync: the run has nothing else to do while it waits, and a worker awaiting each read sat idle.
        source = { config, ...readDocumentFileSync(file, config.maxFileSizeBytes, shown) };
      } catch (e) {
        if (!(e instanceof CliError || e instanceof WorkspaceError)) throw e;
        result.events.push({ type: 'fail', message: e instanceof CliError ? `${shown}: not checked: ${e.message}` : e.message });
        return result;
      }
      const document = { path: file, text: source.text, truncated: source.truncated, root: configs.rootFor(file) };
      const lintOptions = { now: settings.now, kind: settings.kind };
      const fixing = settings.fixing;
      if (!fixing) {
        result.analysis = analyze(document, source.config, lintOptions);
        return result;
      }
      const fixed = fixAll(document, source.config, lintOptions, { rules: fixing.rules });
      if (fixed.stopped) result.events.push({ type: 'warn', message: `${shown}: ${STOPPED[fixed.stopped]}` });
      result.analysis = fixed.analysis;
      if (fixed.changes.length > 0) {
        try {
          if (fixing.dryRun) result.diff = unifiedDiff(shown, fixed.original, fixed.changes);
          else writeFixed({ file, shown, bytes: source.bytes, text: fixed.text, root: document.root, allowOutside: !!settings.allowPathsOutsideWorkspace });
          result.changed = true;
          result.fixes = fixed.applied.length;
        } catch (e) {
          if (!(e instanceof CliError)) throw e;
          result.events.push({ type: 'fail', message: e.message });
          // Not written: what remains is what the file still holds.
          result.analysis = analyze(document, source.config, lintOptions);
        }
      }
      return result;
    } catch (e) {
      // The core reports rule failures as findings; reaching here is a bug, but one file must not hide the others.
      result.analysis = undefined;
      result.events.push({ type: 'internal', message: `${shown}: internal error while checking (${(e as Error)?.message ?? String(e)}); please report it` });
      return result;
    } finally {
      this.events = [];
    }
  }
}

/** What a file was analysed from, enough for another thread to analyse it again (FileChecker.reanalyze). */
export interface CheckedSource {
  text: string;
  truncated?: boolean;
}

/** A file's report: its findings, and its text (the GitLab format quotes it). */
export function reportOf(shown: string, analysis: Analysis, options: LintOptions): FileReport {
  return { file: shown, findings: lintAnalysis(analysis, options), text: analysis.document.text };
}
