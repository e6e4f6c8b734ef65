import type { Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { TICKET_KEY_PATTERN, type Config } from '../config';
import type { HoverInfo, LinkInfo, OutlineItem } from '../editorServices';
import type { PostmortemModel } from './model';
import { spanOf } from './runs';
import type { Section } from './sections';
import { describeSummary, summarizeTimeline } from './summary';
import { formatDuration } from './time';
import type { TimelineEntry } from './timeline';

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

/** On a timeline entry: time since the first and the previous entry. On the Timeline heading: span, TTD, TTR. */
export function postmortemHover(model: PostmortemModel, offset: number): HoverInfo | undefined {
  const timeline = model.timeline;
  if (!timeline) return undefined;
  const heading = timeline.section.heading;
  if (offset >= heading.span.start && offset <= heading.span.end) {
    const summary = summarizeTimeline(timeline);
    return summary ? { markdown: describeSummary(summary), span: heading.textSpan } : undefined;
  }
  const timed = timeline.entries.filter((e) => e.precision === 'minute');
  const index = timed.findIndex((e) => offset >= e.span.start && offset <= e.span.end);
  if (index < 0) return undefined;
  const entry = timed[index];
  const lines = [`**${label(entry)}**${entry.text ? ` — ${entry.text}` : ''}`];
  if (index > 0) {
    lines.push(`- ${since(entry, timed[0])} after the first entry (${label(timed[0])})`);
    lines.push(`- ${since(entry, timed[index - 1])} after the previous entry (${label(timed[index - 1])})`);
  } else {
    lines.push('- the first entry of the timeline');
  }
  return { markdown: lines.join('\n'), span: entry.timeSpan };
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
