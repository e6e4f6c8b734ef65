import type { Root, RootContent } from 'mdast';
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

/** A duration written on its own ("This effect lasted approximately nine hours"): how long the outage was. */
export interface BareDuration {
  span: Span;
  text: string;
  minutes: number;
  /** "at least seven hours" is a lower bound, "up to an hour" an upper one; otherwise approximate. */
  bound: 'lower' | 'upper' | 'about';
}

export interface Impact {
  section: Section;
  windows: ImpactWindow[];
  durations: StatedDuration[];
  /** Durations of the outage not beside a window. */
  bare: BareDuration[];
  /** Every time token written in the section, for pm/invalid-time. */
  tokens: TimeToken[];
}

/** What the overview says in prose: the lead paragraphs and the Summary / Overview section. */
export interface Overview {
  nodes: RootContent[];
  windows: ImpactWindow[];
  durations: StatedDuration[];
  bare: BareDuration[];
}

const IMPACT_HEADING = /\bimpact\b/;
/** What joins the two ends of a window: "12:21pm to 4:04pm", "1:46pm - 5:30pm", "4:06pm (first notice) - 5:30pm". */
const CONNECTOR = /^\s*(?:\([^)]{0,40}\)\s*)?(?:to|-|\u2013|\u2014|until|till|through|thru|and)\s*$/i;
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
  return { section, ...readStatements(section.nodes, source) };
}

const OVERVIEW_HEADING = /^(overview|summary|executive summary|incident summary|tl ?dr)\b/;

/** The document's lead paragraphs (before its first section under the title) and its Summary section. */
export function buildOverview(root: Root, sections: Section[], source: string): Overview | undefined {
  const title = sections.find((s) => s.heading.depth === 1);
  const lead = title ? title.ownNodes : root.children.filter((n) => n.type !== 'heading' && (sections.length === 0 || spanOf(n).start < sections[0].span.start));
  const summary = sections.find((s) => OVERVIEW_HEADING.test(s.heading.normalized));
  const nodes = [...lead, ...(summary ? summary.ownNodes : [])];
  if (nodes.length === 0) return undefined;
  const { windows, durations, bare } = readStatements(nodes, source);
  return { nodes, windows, durations, bare };
}

function readStatements(nodes: RootContent[], source: string): Omit<Impact, 'section'> {
  const blocks = impactBlocks(nodes, source);
  const impact: Omit<Impact, 'section'> = { windows: [], durations: [], bare: [], tokens: [] };
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
        else if (windows.length === 0) {
          const bare = bareDuration(run, d);
          if (bare) impact.bare.push(bare);
        }
      }
    }
  });
  return impact;
}

/** Words that make a sentence about how long the outage lasted, not how long some step took. */
const OUTAGE_SENTENCE = /\b(lasted|lasting|outage|downtime|down|unavailable|disruption|degraded|failed|effect|persisted|went on)\b/i;
const LOWER = /\b(at least|more than|over|upwards of|in excess of)\s*$/i;
const UPPER = /\b(up to|at most|less than|under|nearly|almost|within)\s*$/i;

/** A duration in a sentence about the outage, with the bound its qualifier gives. */
function bareDuration(run: TextRun, d: { span: Span; text: string; minutes: number }): BareDuration | undefined {
  const at = d.span.start - run.offset;
  const before = run.text.slice(0, at);
  const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n\n')) + 1;
  const after = run.text.slice(at + d.text.length);
  const end = after.search(/[.!?](\s|$)/);
  const sentence = run.text.slice(sentenceStart, at + d.text.length + (end < 0 ? after.length : end));
  if (!OUTAGE_SENTENCE.test(sentence)) return undefined;
  const lead = before.slice(Math.max(0, before.length - 24));
  const written = d.text.trim();
  const bound = LOWER.test(lead) || /^(over)\b/i.test(written) ? 'lower' : UPPER.test(lead) || /^(nearly|almost)\b/i.test(written) ? 'upper' : 'about';
  return { span: d.span, text: d.text, minutes: d.minutes, bound };
}

/** Only a duration that sits beside its window describes it; "~5min delay" elsewhere in the sentence does not. */
function adjacent(source: string, span: Span, window: ImpactWindow): boolean {
  if (span.end <= window.start.span.start) {
    return /^[\s,:(\u2013\u2014-]*(?:from|between)?[\s(]*$/i.test(source.slice(span.end, window.start.span.start));
  }
  if (span.start >= window.end.span.end) {
    return /^[\s,;:)(\u2013\u2014-]*(?:for|lasting|totall?ing|or|i\.e\.|so)?[\s(]*$/i.test(source.slice(window.end.span.end, span.start));
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
