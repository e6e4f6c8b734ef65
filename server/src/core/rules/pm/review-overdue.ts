import { locate, nodeSpan, openingFence } from '../../postmortem/frontMatter';
import { parseDateTime, UNREVIEWED_STATUSES } from '../../postmortem/frontMatterFields';
import type { PostmortemModel } from '../../postmortem/model';
import { quoteText } from '../../quote';
import type { Rule } from '../../rule';

const DAY_MS = 24 * 60 * 60 * 1000;

export const reviewOverdue: Rule<PostmortemModel> = {
  id: 'pm/review-overdue',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A post-mortem still in draft or in review past the days its severity allows.',
    details:
      'From the front matter: `status` is `draft` or `in-review`, `severity` is one of `reviewOverdueDays` (by default SEV1 within 3 days, SEV2 within 5), and more days than that have passed since `incident.resolved`, else since `date` (a time without a zone is read as UTC, a date alone as its midnight). “Now” is the clock in the editor and `--now` on the command line. Does not catch: a post-mortem with no status, no severity or no date (pm/front-matter reports values it cannot read), or one marked reviewed that never was.',
    options: '`reviewOverdueDays`: days per severity (`{SEV1: 3, SEV2: 5}`; a severity not listed is never overdue).',
    bad: '---\ndate: 2020-08-16\nstatus: draft\nseverity: SEV1\n---\n# Post-mortem: Gateway outage',
    good: '---\ndate: 2020-08-16\nstatus: published\nseverity: SEV1\n---\n# Post-mortem: Gateway outage',
  },
  check(model, report, { config, now }) {
    const fm = model.frontMatter;
    if (!fm || fm.problem) return;
    const status = text(fm.data.status);
    const severity = text(fm.data.severity);
    if (!status || !UNREVIEWED_STATUSES.includes(status.toLowerCase()) || !severity) return;
    const days = daysFor(config.reviewOverdueDays, severity);
    if (days === undefined) return;
    const incident = fm.data.incident;
    const resolved = incident && typeof incident === 'object' ? moment((incident as Record<string, unknown>).resolved) : undefined;
    const from = resolved ? { at: resolved, what: 'the incident was resolved', path: ['incident', 'resolved'] } : dated(moment(fm.data.date));
    if (!from) return;
    const late = now.getTime() - from.at.getTime() - days * DAY_MS;
    if (late <= 0) return;
    const since = Math.floor((now.getTime() - from.at.getTime()) / DAY_MS);
    const statusSpan = nodeSpan(fm, locate(fm, ['status'])?.node) ?? openingFence(fm.span);
    const fromSpan = nodeSpan(fm, locate(fm, from.path)?.node);
    report({
      message: `Still “${quoteText(status, 20)}” ${plural(since)} after ${from.what}; ${quoteText(severity, 20)} post-mortems are due for review within ${plural(days)}.`,
      span: statusSpan,
      related: fromSpan ? [{ span: fromSpan, message: `Counted from here (${from.at.toISOString().slice(0, 10)}).` }] : undefined,
      data: { severity, days, since },
    });
  },
};

function dated(at: Date | undefined): { at: Date; what: string; path: string[] } | undefined {
  return at && { at, what: 'the incident’s date', path: ['date'] };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** A front-matter moment: text in the formats pm/front-matter accepts, or a YAML 1.1 timestamp. */
function moment(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  // A date followed by a time the date-time reader does not take (`2020-08-18 18:03:33.807000`) still has its day.
  return parseDateTime(value) ?? parseDateTime(value.trim().slice(0, 10));
}

/** The days for a severity, its case aside (`sev1` is SEV1's, as pm/front-matter suggests). */
function daysFor(table: Record<string, number>, severity: string): number | undefined {
  if (Object.prototype.hasOwnProperty.call(table, severity)) return table[severity];
  const key = Object.keys(table).find((k) => k.toLowerCase() === severity.toLowerCase());
  return key === undefined ? undefined : table[key];
}

function plural(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
