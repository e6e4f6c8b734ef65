import type { RootContent } from 'mdast';
import type { Span } from '../types';
import { spanOf, textRuns, type TextRun } from './runs';
import type { Section } from './sections';
import { isHtmlTable, readHtmlTable, readPipeTable } from './tables';
import { scanTimes, type TimeToken } from './time';

export interface ImpactWindow {
  start: TimeToken;
  end: TimeToken;
  /** The block (paragraph, cell, item) it was written in. */
  block: number;
}

/** A duration written right next to a window ("~4 hours (12:21pm to 16:04pm)"). */
export interface StatedDuration {
  span: Span;
  text: string;
  minutes: number;
  window: ImpactWindow;
}

export interface Impact {
  section: Section;
  windows: ImpactWindow[];
  durations: StatedDuration[];
  /** Every time token written in the section, for pm/invalid-time. */
  tokens: TimeToken[];
}

const IMPACT_HEADING = /\bimpact\b/;
/** What joins the two ends of a window: "12:21pm to 4:04pm", "1:46pm - 5:30pm", "4:06pm (first notice) - 5:30pm". */
const CONNECTOR = /^\s*(?:\([^)]{0,40}\)\s*)?(?:to|-|–|—|until|till|through|thru|and)\s*$/i;
const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, fifty: 50, an: 1, a: 1,
};
const NUMBER = `(\\d+(?:\\.\\d+)?|${Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join('|')})`;
const DURATION = new RegExp(
  `(?<![\\w.])(?:(?:~|about|approximately|approx\\.?|around|roughly|nearly|almost|over)\\s*)?` +
    `(?:(\\d+)\\s*h(?:ours?|rs?)?\\s*(\\d+)\\s*m(?:in(?:ute)?s?)?\\b|${NUMBER}\\s*(hours?|hrs?|h|minutes?|mins?)\\b(?:\\s*(?:and\\s*)?(\\d+)\\s*(?:minutes?|mins?|m)\\b)?)`,
  'gi',
);

export function findImpactSection(sections: Section[]): Section | undefined {
  return sections.find((s) => IMPACT_HEADING.test(s.heading.normalized));
}

export function buildImpact(section: Section, source: string): Impact {
  const blocks = impactBlocks(section.nodes, source);
  const impact: Impact = { section, windows: [], durations: [], tokens: [] };
  blocks.forEach((runs, block) => {
    const tokens = runs.flatMap((r) => scanTimes(r.text, r.offset));
    impact.tokens.push(...tokens);
    for (let i = 0; i + 1 < tokens.length; i++) {
      const [a, b] = [tokens[i], tokens[i + 1]];
      if (!a.time || !b.time) continue;
      if (CONNECTOR.test(source.slice(a.span.end, b.span.start))) {
        impact.windows.push({ start: a, end: b, block });
        i++;
      }
    }
    const windows = impact.windows.filter((w) => w.block === block);
    for (const run of runs) {
      for (const d of scanDurations(run)) {
        const window = windows.find((w) => adjacent(source, d.span, w));
        if (window) impact.durations.push({ ...d, window });
      }
    }
  });
  return impact;
}

/** Only a duration that sits beside its window describes it; "~5min delay" elsewhere in the sentence does not. */
function adjacent(source: string, span: Span, window: ImpactWindow): boolean {
  if (span.end <= window.start.span.start) {
    return /^[\s,:(–—-]*(?:from|between)?[\s(]*$/i.test(source.slice(span.end, window.start.span.start));
  }
  if (span.start >= window.end.span.end) {
    return /^[\s,;:)(–—-]*(?:for|lasting|totall?ing|or|i\.e\.|so)?[\s(]*$/i.test(source.slice(window.end.span.end, span.start));
  }
  return false;
}

/** Text of each paragraph, list item, heading and table cell of the section, as separate blocks. */
function impactBlocks(nodes: RootContent[], source: string): TextRun[][] {
  const blocks: TextRun[][] = [];
  for (const node of nodes) {
    if (node.type === 'table' || (node.type === 'html' && isHtmlTable(node))) {
      const table = node.type === 'table' ? readPipeTable(node, source) : readHtmlTable(node, source);
      // A two-column key/value table often has its first pair in the header row.
      for (const row of [...(table.header ? [table.header] : []), ...table.rows]) for (const cell of row.cells) blocks.push(cell.runs);
    } else if (node.type === 'list') {
      for (const item of node.children) blocks.push(textRuns(item, source));
    } else if (node.type !== 'code' && node.type !== 'html') {
      blocks.push(textRuns(node, source));
    }
  }
  return blocks;
}

function scanDurations(run: TextRun): { span: Span; text: string; minutes: number }[] {
  const out: { span: Span; text: string; minutes: number }[] = [];
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(run.text); m; m = DURATION.exec(run.text)) {
    let minutes: number;
    if (m[1] !== undefined) {
      minutes = Number(m[1]) * 60 + Number(m[2]);
    } else {
      const value = /^\d/.test(m[3]) ? Number(m[3]) : WORD_NUMBERS[m[3].toLowerCase()];
      minutes = /^h/i.test(m[4]) ? value * 60 : value;
      if (m[5] !== undefined) minutes += Number(m[5]);
    }
    if (minutes <= 0) continue;
    out.push({ span: { start: run.offset + m.index, end: run.offset + m.index + m[0].length }, text: m[0], minutes });
  }
  return out;
}

export { spanOf };
