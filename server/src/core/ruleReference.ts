/**
 * The rule reference: every rule id, the findings about a whole document, the reference as
 * Markdown (docs/rules.md, `incident-docs rules`) and as JSON, and links into it. Diagnostics'
 * codeDescription.href, SARIF helpUri, `incident-docs rules` and scripts/gen-rule-docs.ts all come
 * from here, so an anchor cannot drift from its heading nor the printed reference from the file.
 */
import { documentTypes } from './documentTypes';
import type { FixDoc, Rule, RuleDocs } from './rule';
import type { DocumentKind, Severity } from './types';

export const RULE_DOCS_BASE_URL = 'https://github.com/incident-docs/incident-docs/blob/main/docs/rules.md';

/** The anchor GitHub (and VS Code's preview) derives from a heading: lower case, punctuation but - and _ dropped, spaces to -. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Each rule's section in docs/rules.md is headed by its id alone: `pm/empty-row` → `#pmempty-row`. */
export function ruleAnchor(id: string): string {
  return headingAnchor(id);
}

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE_URL}#${ruleAnchor(id)}`;
}

/** What the reference needs of a rule; `Rule<Model>` of any model fits. */
export interface DocumentedRule {
  id: string;
  defaultSeverity: Severity;
  offByDefault?: boolean;
  docs: RuleDocs;
}

export interface RuleGroup {
  kind: DocumentKind;
  rules: readonly DocumentedRule[];
}

/** Findings the linter reports about a whole document rather than through a rule. */
export interface DocumentFindingInfo {
  id: string;
  severity: Severity;
  summary: string;
}

export const TOO_LARGE_RULE = 'doc/too-large';
export const INTERNAL_ERROR_RULE = 'doc/internal-error';

/** Not rules (they cannot be configured per rule like the others), but they carry ids and need an anchor. */
export const DOCUMENT_FINDINGS: readonly DocumentFindingInfo[] = [
  {
    id: TOO_LARGE_RULE,
    severity: 'info',
    summary: 'The file is larger than `maxFileSizeBytes` (5 MiB by default) and was not checked.',
  },
  {
    id: INTERNAL_ERROR_RULE,
    severity: 'info',
    summary: 'A rule or parser failed on this document. The other rules still ran; please report the document.',
  },
];

/** Every rule of every document type, for docs, SARIF and config validation. */
export function allRules(): Rule<never>[] {
  return documentTypes.flatMap((t) => t.rules);
}

/** Every id a finding may carry: the rules', then the whole-document findings'. */
export function ruleIds(): string[] {
  return [...allRules().map((r) => r.id), ...DOCUMENT_FINDINGS.map((f) => f.id)];
}

/** The rules grouped by the document type that runs them, in the reference's order. */
export function ruleGroups(): RuleGroup[] {
  return documentTypes.map((t) => ({ kind: t.kind, rules: t.rules }));
}

/** docs/rules.md, and what `incident-docs rules` prints. */
export function rulesMarkdown(): string {
  return renderRulesMarkdown(ruleGroups(), DOCUMENT_FINDINGS);
}

/** `incident-docs rules --format json`. */
export function rulesJson(): string {
  return JSON.stringify(ruleReferenceEntries(ruleGroups()), null, 2) + '\n';
}

export interface RuleReferenceEntry {
  id: string;
  kind: DocumentKind;
  defaultSeverity: Severity;
  url: string;
  summary: string;
  details?: string;
  options?: string;
  bad: string;
  good: string;
  fixes?: FixDoc[];
}

const KIND_TITLES: Record<DocumentKind, string> = {
  postmortem: 'Post-mortems (Markdown)',
  inventory: 'Certificate inventories and cert-manager manifests (YAML)',
  'cert-manager': 'cert-manager manifests (YAML)',
};

const EXAMPLE_LANGUAGE: Record<DocumentKind, string> = { postmortem: 'markdown', inventory: 'yaml', 'cert-manager': 'yaml' };

/** The reference as data, for `incident-docs rules --format json`. */
export function ruleReferenceEntries(groups: RuleGroup[]): RuleReferenceEntry[] {
  return groups.flatMap(({ kind, rules }) =>
    rules.map((r) => ({
      id: r.id,
      kind,
      defaultSeverity: r.defaultSeverity,
      url: ruleDocsUrl(r.id),
      summary: r.docs.summary,
      ...(r.docs.details ? { details: r.docs.details } : {}),
      ...(r.docs.options ? { options: r.docs.options } : {}),
      bad: r.docs.bad,
      good: r.docs.good,
      ...(r.docs.fixes?.length ? { fixes: r.docs.fixes } : {}),
    })),
  );
}

/** docs/rules.md: an index per document kind, then one section per rule with its bad and good example. */
export function renderRulesMarkdown(groups: RuleGroup[], documentFindings: readonly DocumentFindingInfo[] = []): string {
  const out: string[] = [
    '# Rule reference',
    '',
    '<!-- Generated from each rule\'s `docs` by `npm run docs` (scripts/gen-rule-docs.ts). Do not edit by hand. -->',
    '',
    'Every finding names the rule that reported it. Change a rule\'s level in `.incident-docs.yaml`',
    '(`rules: { pm/empty-row: off }`), in the editor setting `incidentDocs.rules`, or on the command line',
    'with `--rule pm/empty-row=off`. Silence one place with a comment such as',
    '`<!-- incident-docs-disable-next-line pm/empty-row -->` (Markdown) or `# incident-docs-disable-next-line` (YAML).',
    '',
    'A rule\'s **Fixes** say which of its quick fixes are **safe**: those `incident-docs lint --fix` and the',
    'editor\'s fix-all (`source.fixAll.incidentDocs`, e.g. on save) apply unattended. A safe fix needs no',
    'choice and never removes or invents what a person wrote; the others are offered as quick fixes only.',
    '',
  ];
  for (const group of groups.filter((g) => g.rules.length > 0)) {
    out.push(`## ${KIND_TITLES[group.kind]}`, '', '| Rule | Default | Reports |', '| --- | --- | --- |');
    for (const r of group.rules) {
      out.push(`| [\`${r.id}\`](#${ruleAnchor(r.id)}) | ${r.offByDefault ? `off (${r.defaultSeverity})` : r.defaultSeverity} | ${tableCell(r.docs.summary)} |`);
    }
    out.push('');
    for (const r of group.rules) out.push(...ruleSection(r, EXAMPLE_LANGUAGE[group.kind]));
  }
  if (documentFindings.length > 0) {
    out.push('## Findings about a whole document', '');
    for (const f of documentFindings) out.push(`### ${f.id}`, '', `Severity: **${f.severity}**`, '', f.summary.trim(), '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function ruleSection(rule: DocumentedRule, language: string): string[] {
  const { docs } = rule;
  const severity = rule.offByDefault
    ? `Default: **off**; turned on (\`rules: { ${rule.id}: ${rule.defaultSeverity} }\`), **${rule.defaultSeverity}**`
    : `Default severity: **${rule.defaultSeverity}**`;
  const lines = [`### ${rule.id}`, '', severity, '', docs.summary.trim(), ''];
  if (docs.details?.trim()) lines.push(docs.details.trim(), '');
  if (docs.options?.trim()) lines.push(`**Options:** ${docs.options.trim()}`, '');
  if (docs.fixes?.length) lines.push('**Fixes:**', '', ...docs.fixes.map(fixLine), '');
  lines.push('**Reported:**', '', ...fenced(docs.bad, language), '', '**Accepted:**', '', ...fenced(docs.good, language), '');
  return lines;
}

function fixLine(fix: FixDoc): string {
  const how = fix.safe ? '**safe**, applied by `--fix` and fix-all' : 'a quick fix only';
  return `- ${fix.title.trim()}: ${how}${fix.note?.trim() ? `; ${fix.note.trim()}` : ''}.`;
}

/** A fence longer than any backtick run inside, so examples may contain code blocks themselves. */
function fenced(example: string, language: string): string[] {
  const longestRun = Math.max(0, ...(example.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [fence + language, example.replace(/\r\n/g, '\n').replace(/\n+$/, ''), fence];
}

function tableCell(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}
