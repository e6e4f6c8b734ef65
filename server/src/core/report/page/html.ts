/**
 * index.html of the incident report: one self-contained page. Charts are SVG drawn when the page
 * is built (charts/render.ts), the style sheet and the sorting script are inline and allowed by
 * their hashes alone, and every piece of text from a repository (titles, files, severities,
 * tickets) is escaped. The VS Code webview shows this same page.
 */
import { createHash } from 'node:crypto';
import { formatDuration } from '../../postmortem/time';
import { median, reportCharts, type ChartSpec } from '../charts/specs';
import { renderSvg } from '../charts/render';
import { SEVERITIES, type IncidentRecord } from '../record';
import { PAGE_SCRIPT, PAGE_STYLE } from './assets';

export interface ReportPageOptions {
  /** The reference time: ages of action items, and the page's date. */
  now: Date;
  /** What the report covers, in words: "3 folders, since 2026-01-01". */
  scope: string;
  /** The link to a record's file (relative to the page); a record's index is its `data-file`. */
  hrefOf(record: IncidentRecord, index: number): string;
  /** What the chart libraries would have logged (tests check there is nothing). */
  warnings?: string[];
}

/** Text from a repository in HTML text or a quoted attribute. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The policy of the page: its own style sheet and script, by hash; nothing from anywhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src '${sha256(PAGE_STYLE)}'`,
  `script-src '${sha256(PAGE_SCRIPT)}'`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export async function renderReportPage(records: readonly IncidentRecord[], options: ReportPageOptions): Promise<string> {
  const charts = reportCharts(records, options.now);
  const figures: string[] = [];
  for (const chart of charts) figures.push(await figure(chart, options.warnings));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="incident-docs">
<title>Incident report</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>Incident report</h1>
<p class="muted">${escapeHtml(options.scope)} · ${escapeHtml(plural(records.length, 'post-mortem'))} · built ${escapeHtml(options.now.toISOString().slice(0, 16).replace('T', ' '))} UTC</p>
</header>
${summaryCards(records)}
<section class="charts" aria-label="Charts">
${figures.join('\n')}
</section>
${incidentTable(records, options)}
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

async function figure(chart: ChartSpec, warnings: string[] | undefined): Promise<string> {
  const body = chart.spec
    ? `<div class="chart" role="img" aria-label="${escapeHtml(chart.title)}">${await renderSvg(chart.spec, warnings)}</div>`
    : `<p class="empty">${escapeHtml(chart.empty ?? 'Nothing to draw.')}</p>`;
  const caption = chart.caption ? `<figcaption>${escapeHtml(chart.caption)}</figcaption>` : '';
  return `<figure id="chart-${chart.id}" data-chart="${chart.id}"${chart.spec ? '' : ' data-empty="true"'}>
<h2>${escapeHtml(chart.title)}</h2>
${body}
${caption}
</figure>`;
}

function summaryCards(records: readonly IncidentRecord[]): string {
  const known = (pick: (r: IncidentRecord) => number | null) => records.map(pick).filter((v): v is number => v !== null);
  const shownMedian = (values: number[]) => {
    const m = median(values);
    return m === undefined ? '—' : formatDuration(m);
  };
  const items = records.reduce((n, r) => n + r.actionItems, 0);
  const open = records.reduce((n, r) => n + r.actionItemsOpen, 0);
  const untracked = records.reduce((n, r) => n + r.actionItemsWithoutTicket, 0);
  const cards: [string, string][] = [
    ['post-mortems', String(records.length)],
    ['median duration', shownMedian(known((r) => r.durationMinutes))],
    ['median time to detect', shownMedian(known((r) => r.ttdMinutes))],
    ['median time to resolve', shownMedian(known((r) => r.ttrMinutes))],
    ['action items open', `${open} of ${items}`],
    ['open without a ticket', String(untracked)],
  ];
  return `<ul class="cards">${cards.map(([label, value]) => `<li><span class="value">${escapeHtml(value)}</span> ${escapeHtml(label)}</li>`).join('')}</ul>`;
}

interface Column {
  title: string;
  number?: boolean;
  cell(record: IncidentRecord, index: number): { html: string; sort?: string | number | null };
}

const minutes = (value: number | null) => ({ html: value === null ? '' : escapeHtml(formatDuration(value)), sort: value });

function columns(options: ReportPageOptions): Column[] {
  return [
    {
      title: 'Post-mortem',
      cell: (r, i) => ({
        html: `<a href="${escapeHtml(options.hrefOf(r, i))}" data-file="${i}">${escapeHtml(r.title ?? r.file)}</a><span class="file">${escapeHtml(r.file)}</span>`,
        sort: r.title ?? r.file,
      }),
    },
    { title: 'Date', cell: (r) => ({ html: escapeHtml(r.date ?? ''), sort: r.date ?? '' }) },
    { title: 'Severity', cell: (r) => ({ html: escapeHtml(r.severity ?? '') }) },
    { title: 'Status', cell: (r) => ({ html: escapeHtml(r.status ?? '') }) },
    { title: 'Duration', number: true, cell: (r) => minutes(r.durationMinutes) },
    { title: 'TTD', number: true, cell: (r) => minutes(r.ttdMinutes) },
    { title: 'TTA', number: true, cell: (r) => minutes(r.ttaMinutes) },
    { title: 'TTM', number: true, cell: (r) => minutes(r.ttmMinutes) },
    { title: 'TTR', number: true, cell: (r) => minutes(r.ttrMinutes) },
    { title: 'Action items', number: true, cell: (r) => ({ html: `${r.actionItems}`, sort: r.actionItems }) },
    { title: 'Open', number: true, cell: (r) => ({ html: `${r.actionItemsOpen}`, sort: r.actionItemsOpen }) },
    { title: 'No ticket', number: true, cell: (r) => ({ html: `${r.actionItemsWithoutTicket}`, sort: r.actionItemsWithoutTicket }) },
    {
      title: 'Findings',
      number: true,
      cell: (r) => ({
        html: SEVERITIES.filter((s) => r.findings[s] > 0)
          .map((s) => `<span class="${s}" title="${s}">${r.findings[s]} ${s}</span>`)
          .join('<br>'),
        sort: SEVERITIES.reduce((n, s) => n + r.findings[s], 0),
      }),
    },
    { title: 'Tickets', cell: (r) => ({ html: `<span class="tickets">${r.tickets.map(escapeHtml).join(' ')}</span>` }) },
  ];
}

function incidentTable(records: readonly IncidentRecord[], options: ReportPageOptions): string {
  const cols = columns(options);
  const head = cols
    .map((c) => `<th scope="col"${c.number ? ' class="number"' : ''}><button type="button">${escapeHtml(c.title)}</button></th>`)
    .join('');
  const rows = records
    .map((record, index) => {
      const cells = cols.map((c) => {
        const { html, sort } = c.cell(record, index);
        const sortAttribute = sort === undefined ? '' : ` data-sort="${escapeHtml(sort ?? '')}"`;
        return `<td${c.number ? ' class="number"' : ''}${sortAttribute}>${html}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<section class="table">
<h2>Post-mortems</h2>
<table id="incidents">
<caption>Click a column to sort. TTD, TTA, TTM, TTR: time to detect, acknowledge, mitigate, resolve, from the start of the incident.</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
