/**
 * The job summary the action writes to GITHUB_STEP_SUMMARY: the counts, a table of findings per
 * file, and the findings themselves folded away. GitHub renders it as Markdown with HTML, and
 * file names and messages come from the repository: every cell is escaped, so no text can add a
 * link, an image or markup. Bounded: GitHub takes at most 1 MiB per step.
 */
import { escapeControls } from '../../core/quote';
import { ruleDocsUrl } from '../../core/ruleReference';
import type { Severity } from '../../core/types';
import type { FileReport } from '../format';
import { locationOf } from '../format/location';
import { summaryLine } from '../format/summary';

/** Findings listed in the folded part; the table per file always has every file. */
const MAX_LISTED = 500;
const MAX_MESSAGE = 300;

/**
 * Text for a Markdown table cell: controls escaped (line breaks too), HTML as entities, the
 * punctuation of emphasis, code, links, images and tables escaped, and URLs kept from turning
 * into links (GitHub links bare `https://` and `www.`).
 */
export function markdownCell(text: string): string {
  return escapeControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~!]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\b(www)\./gi, '$1\\.');
}

function count(report: FileReport, severities: Severity[]): number {
  return report.findings.filter((f) => severities.includes(f.severity)).length;
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

export function jobSummary(reports: FileReport[]): string {
  const out = ['## incident-docs', '', markdownCell(summaryLine(reports)), ''];
  const withFindings = reports.filter((r) => r.findings.length > 0);
  if (withFindings.length === 0) return `${out.join('\n')}\n`;
  out.push('| File | Errors | Warnings | Infos and hints |', '| --- | ---: | ---: | ---: |');
  for (const r of withFindings) {
    out.push(`| ${markdownCell(r.file)} | ${count(r, ['error'])} | ${count(r, ['warning'])} | ${count(r, ['info', 'hint'])} |`);
  }
  const all = withFindings.flatMap((r) => r.findings.map((f) => ({ file: r.file, f })));
  out.push('', `<details><summary>Findings (${all.length})</summary>`, '', '| Where | Severity | Rule | Message |', '| --- | --- | --- | --- |');
  for (const { file, f } of all.slice(0, MAX_LISTED)) {
    const { line, column } = locationOf(f);
    out.push(`| ${markdownCell(`${file}:${line}:${column}`)} | ${f.severity} | [${markdownCell(f.rule)}](${ruleDocsUrl(f.rule)}) | ${markdownCell(clip(f.message))} |`);
  }
  if (all.length > MAX_LISTED) out.push('', `… and ${all.length - MAX_LISTED} more (the job log has them all).`);
  out.push('', '</details>');
  return `${out.join('\n')}\n`;
}
