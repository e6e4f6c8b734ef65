import { distance } from 'fastest-levenshtein';
import { allRules, INTERNAL_ERROR_RULE, lint, TOO_LARGE_RULE, typesForKind } from '../core/lint';
import { ruleDocsUrl } from '../core/ruleDocs';
import type { DocumentKind } from '../core/types';
import { ConfigResolver } from './configs';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './errors';
import { expandPaths } from './files';
import { formatterNamed, type FileReport, type RuleDescription } from './format';
import { countFindings } from './format/summary';
import { ruleOverridesToRules, type RuleOverride } from './options';
import { displayPath } from './paths';
import { readDocumentText } from './readText';

export interface LintCommandOptions {
  format: string;
  now?: Date;
  config?: string;
  kind?: DocumentKind;
  rule?: RuleOverride[];
  quiet?: boolean;
  maxWarnings?: number;
}

export interface CliIO {
  cwd: string;
  color: boolean;
  version: string;
  stdout(text: string): void;
  /** One line to stderr, without the trailing newline. */
  stderr(line: string): void;
}

/** `incident-docs lint`: files in, findings out. All checking happens in the core's lint(). */
export async function runLint(inputs: string[], options: LintCommandOptions, io: CliIO): Promise<number> {
  const formatter = formatterNamed(options.format);
  if (!formatter) throw new CliError(`unknown format "${options.format}"`);
  checkKind(options.kind);
  checkRuleIds(options.rule ?? []);
  const configs = new ConfigResolver({
    explicitFile: options.config,
    ruleOverrides: ruleOverridesToRules(options.rule ?? []),
    cwd: io.cwd,
    warn: (message) => io.stderr(`incident-docs: warning: ${message}`),
  });
  const files = await expandPaths(inputs, io.cwd);
  const now = options.now ?? new Date();

  const reports: FileReport[] = [];
  let failed = 0;
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    let text: string;
    try {
      text = await readDocumentText(file);
    } catch (e) {
      failed++;
      io.stderr(`incident-docs: ${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    try {
      const findings = lint({ path: file, text }, configs.configFor(file), { now, kind: options.kind });
      reports.push({ file: shown, findings });
    } catch (e) {
      // The core reports rule failures as findings; reaching here is a bug, but one file must not hide the others.
      failed++;
      io.stderr(`incident-docs: ${shown}: internal error while checking (${(e as Error)?.message ?? String(e)}); please report it`);
    }
  }

  // --max-warnings counts every warning, also under --quiet, so quiet output cannot hide a failing budget.
  const counts = countFindings(reports);
  const shownReports = options.quiet
    ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }))
    : reports;
  io.stdout(formatter.format(shownReports, { color: io.color, rules: describeRules(), toolVersion: io.version }));

  const tooManyWarnings = options.maxWarnings !== undefined && counts.warning > options.maxWarnings;
  if (tooManyWarnings) {
    io.stderr(`incident-docs: ${counts.warning} warnings, more than --max-warnings ${options.maxWarnings}`);
  }
  if (failed > 0) return EXIT_USAGE;
  return counts.error > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}

function describeRules(): RuleDescription[] {
  return allRules().map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, summary: r.docs.summary, helpUri: ruleDocsUrl(r.id) }));
}

function knownRuleIds(): string[] {
  return [...allRules().map((r) => r.id), TOO_LARGE_RULE, INTERNAL_ERROR_RULE];
}

/** A misspelt --rule would silently do nothing; in CI that hides findings, so refuse it. */
function checkRuleIds(overrides: RuleOverride[]): void {
  const known = knownRuleIds();
  for (const { rule } of overrides) {
    if (known.includes(rule)) continue;
    const closest = known.reduce((best, id) => (distance(id, rule) < distance(best, rule) ? id : best), known[0] ?? '');
    const hint = closest && distance(closest, rule) <= 3 ? ` (did you mean ${closest}?)` : '';
    throw new CliError(`--rule: unknown rule "${rule}"${hint}; \`incident-docs rules\` lists them`);
  }
}

function checkKind(kind: DocumentKind | undefined): void {
  if (kind && typesForKind(kind).length === 0) {
    throw new CliError(`--kind ${kind}: this version cannot check ${kind} documents yet`);
  }
}
