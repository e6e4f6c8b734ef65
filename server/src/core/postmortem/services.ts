import type { Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { TICKET_KEY_PATTERN, type Config } from '../config';
import type { HoverInfo, LensInfo, LinkInfo, OutlineItem } from '../editorServices';
import { markdownText } from '../hoverText';
import { incidentMetrics } from './metrics';
import { describeMetrics, metricsLensTitle } from './metrics/describe';
import type { PostmortemModel } from './model';
import { spanOf } from './runs';
import type { Section } from './sections';
import { formatDuration } from './time';
import type { Timeline, TimelineEntry } from './timeline';

/** Sections as a tree, with the timeline's entries under the Timeline section. */
export function postmortemOutline(model: PostmortemModel): OutlineItem[] {
  const toItem = (section: Section): OutlineItem => {
    const children = section.children.map(toItem);
    if (section === model.timeline?.section) {
      for (const entry of model.timeline.entries) {
        if (!entry.token) continue;
        children.push({
          name: entry.token.text.trim(),
          detail: entry.text,
          kind: 'entry',
          span: entry.span,
          selectionSpan: entry.timeSpan,
          children: [],
        });
      }
      children.sort((a, b) => a.span.start - b.span.start);
    }
    return { name: section.heading.text || '(untitled)', kind: 'section', span: section.span, selectionSpan: section.heading.textSpan, children };
  };
  return model.topSections.map(toItem);
}

/**
 * On a timeline entry: time since the first and the previous entry. On the Timeline heading: its
 * span and the incident metrics, each with where it came from (never guessed from the entries' words).
 */
export function postmortemHover(model: PostmortemModel, offset: number, config: Pick<Config, 'metricTags'>): HoverInfo | undefined {
  const timeline = model.timeline;
  if (!timeline) return undefined;
  const heading = timeline.section.heading;
  if (offset >= heading.span.start && offset <= heading.span.end) {
    const lines = [describeSpan(timeline), '', ...describeMetrics(incidentMetrics(model, config), model.lines)];
    return { markdown: lines.join('\n'), span: heading.textSpan };
  }
  const timed = timeline.entries.filter((e) => e.precision === 'minute');
  const index = timed.findIndex((e) => offset >= e.span.start && offset <= e.span.end);
  if (index < 0) return undefined;
  const entry = timed[index];
  const lines = [`**${markdownText(label(entry))}**${entry.text ? ` — ${markdownText(entry.text, 200)}` : ''}`];
  if (index > 0) {
    lines.push(`- ${since(entry, timed[0])} after the first entry (${markdownText(label(timed[0]))})`);
    lines.push(`- ${since(entry, timed[index - 1])} after the previous entry (${markdownText(label(timed[index - 1]))})`);
  } else {
    lines.push('- the first entry of the timeline');
  }
  return { markdown: lines.join('\n'), span: entry.timeSpan };
}

/** "**Timeline**: 2:43pm → 4:05pm (1 h 22 min)", first and last timed entries in document order. */
function describeSpan(timeline: Timeline): string {
  const timed = timeline.entries.filter((e) => e.precision === 'minute' && e.minutes !== undefined);
  if (timed.length === 0) return '**Timeline**: no entry with a time';
  const [first, last] = [timed[0], timed[timed.length - 1]];
  return `**Timeline**: ${markdownText(label(first))} → ${markdownText(label(last))} (${formatDuration(last.minutes! - first.minutes!)})`;
}

/** Above the Timeline heading of a post-mortem: time to detect, acknowledge, mitigate and resolve, each with its source. */
export function postmortemCodeLenses(model: PostmortemModel, config: Pick<Config, 'metricTags'>): LensInfo[] {
  if (!model.applies || !model.timeline) return [];
  return [{ span: model.timeline.section.heading.textSpan, title: metricsLensTitle(incidentMetrics(model, config)) }];
}

function label(e: TimelineEntry): string {
  return e.token?.text.trim() ?? '';
}

function since(a: TimelineEntry, b: TimelineEntry): string {
  const d = a.minutes! - b.minutes!;
  return d < 0 ? `${formatDuration(-d)} before (out of order)` : formatDuration(d);
}

const TICKET_KEY = new RegExp(TICKET_KEY_PATTERN, 'g');

/** Ticket keys become links when `ticketUrl` is set (`https://jira.example.com/browse/{key}`). */
export function postmortemLinks(model: PostmortemModel, config: Config): LinkInfo[] {
  if (!config.ticketUrl) return [];
  const links: LinkInfo[] = [];
  const add = (raw: string, offset: number) => {
    TICKET_KEY.lastIndex = 0;
    for (let m = TICKET_KEY.exec(raw); m; m = TICKET_KEY.exec(raw)) {
      links.push({
        span: { start: offset + m.index, end: offset + m.index + m[0].length },
        target: config.ticketUrl.replace(/\{key\}/g, encodeURIComponent(m[0])),
        tooltip: `Open ${m[0]}`,
      });
    }
  };
  visit(model.root, 'text', (node: Text) => {
    const span = spanOf(node);
    add(model.text.slice(span.start, span.end), span.start);
  });
  for (const { table } of model.tables) {
    if (table.kind !== 'html') continue;
    for (const row of [...(table.header ? [table.header] : []), ...table.rows]) for (const cell of row.cells) for (const run of cell.runs) add(run.text, run.offset);
  }
  return links;
}
