import type { Nodes, Root } from 'mdast';
import { preorderSteps } from '../../limits/walk';
import { pacer, type Steps } from '../../steps';
import type { Span } from '../../types';
import type { Milestone } from './types';
import type { LocatedTable } from '../model';
import { textRuns, type TextRun } from '../runs';

/** "Time to detection: 54 minutes", "TTR: 148 min": a line that states how long a step took. */
export interface StatedMetric {
  milestone: Milestone;
  minutes: number;
  /** The duration as written ("54 minutes") and where. */
  text: string;
  span: Span;
  /** The label as written ("Time to detection", "TTR"). */
  label: string;
}

/** What the verb of "time to …" names. Recovery is the service back: resolved, as dfds's post-mortems use it. */
const VERBS: Record<string, Milestone> = {
  detect: 'detected', detection: 'detected', discover: 'detected', discovery: 'detected',
  acknowledge: 'acknowledged', acknowledgement: 'acknowledged', acknowledgment: 'acknowledged', ack: 'acknowledged',
  mitigate: 'mitigated', mitigation: 'mitigated',
  resolve: 'resolved', resolution: 'resolved', recover: 'resolved', recovery: 'resolved', restore: 'resolved', restoration: 'resolved', repair: 'resolved',
};
const ABBREVIATIONS: Record<string, Milestone> = { TTD: 'detected', TTA: 'acknowledged', TTM: 'mitigated', TTR: 'resolved' };

// Linear on any line: no two runs of blanks can trade characters (the optional "(TTD)" starts with its parenthesis).
const LABEL = String.raw`(?<label>time[ \t-]+to[ \t-]+(?<verb>[a-z]+)|(?<abbr>TT[DAMR]))(?:[ \t]*\([ \t]*TT[DAMR][ \t]*\))?`;
/** A line that starts with the label, then `:` or `=` (or a dash and a blank), then the value. */
const LINE = new RegExp(String.raw`^[ \t]*${LABEL}[ \t]*(?:[:=]|[-\u2013\u2014][ \t])[ \t]*`, 'i');
/** A table cell that holds only the label. */
const CELL = new RegExp(String.raw`^[ \t]*${LABEL}[ \t]*(?::[ \t]*)?$`, 'i');
/** Nodes walked between two steps (paragraphs are read, lists and quotes entered, the rest skipped). */
const NODES_PER_STEP = 500;
/** "54 minutes", "~2 h 28 min", "1h30m", "3 days": parts, after an optional "about". */
const QUALIFIER = /(?:~|\u2248|about|approximately|approx\.?|around|roughly|circa)\s*/iy;
const PART = /(\d{1,6}(?:\.\d{1,3})?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?!\p{L})/iuy;
const JOIN = /\s*(?:,|and)?\s*/iy;
const UNIT_MINUTES: Record<string, number> = { d: 24 * 60, h: 60, m: 1, s: 1 / 60 };

/**
 * Every stated duration of the document: lines of its paragraphs (in lists and quotes too) that
 * start with a label, and key/value table rows (a label cell, the duration in the next cell).
 * Code, HTML and front matter are not read.
 */
export function* statedMetrics(root: Root, source: string, tables: LocatedTable[]): Steps<StatedMetric[]> {
  const out: StatedMetric[] = [];
  yield* preorderSteps<Nodes>(root, NODES_PER_STEP, (node) => {
    if (node.type === 'paragraph') {
      for (const line of lines(textRuns(node, source), source)) {
        const stated = statedLine(line);
        if (stated) out.push(stated);
      }
      return false;
    }
    return node.type === 'root' || node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote';
  });
  const pace = pacer();
  for (const { table } of tables) {
    for (const row of [...(table.header ? [table.header] : []), ...table.rows]) {
      if (pace()) yield;
      row.cells.forEach((cell, i) => {
        const label = CELL.exec(cell.text);
        const value = row.cells[i + 1]?.runs[0];
        const milestone = label && milestoneOf(label.groups!);
        if (!milestone || !value) return;
        const lead = /^\s*/.exec(value.text)![0].length;
        const duration = readDuration(value.text, lead);
        if (duration) out.push({ milestone, ...duration, span: shift(duration.span, value.offset), label: label.groups!.label });
      });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** A line of a paragraph's text: its characters and the document offset of each run in it. */
interface Line {
  text: string;
  /** Where each piece of `text` starts in the document. */
  pieces: { at: number; offset: number }[];
}

/** The paragraph's runs as lines; emphasis markers between runs are left out, a line break between them kept. */
function lines(runs: TextRun[], source: string): Line[] {
  const out: Line[] = [{ text: '', pieces: [] }];
  let previousEnd: number | undefined;
  for (const run of runs) {
    if (previousEnd !== undefined && source.slice(previousEnd, run.offset).includes('\n')) out.push({ text: '', pieces: [] });
    let offset = run.offset;
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) out.push({ text: '', pieces: [] });
      const line = out[out.length - 1];
      line.pieces.push({ at: line.text.length, offset });
      line.text += part;
      offset += part.length + 1;
    });
    previousEnd = run.offset + run.text.length;
  }
  return out;
}

function statedLine(line: Line): StatedMetric | undefined {
  const label = LINE.exec(line.text);
  const milestone = label && milestoneOf(label.groups!);
  if (!milestone) return undefined;
  const duration = readDuration(line.text, label[0].length);
  if (!duration) return undefined;
  return { milestone, minutes: duration.minutes, text: duration.text, span: { start: offsetIn(line, duration.span.start), end: offsetIn(line, duration.span.end - 1) + 1 }, label: label.groups!.label };
}

function milestoneOf(groups: Record<string, string | undefined>): Milestone | undefined {
  return groups.abbr ? ABBREVIATIONS[groups.abbr.toUpperCase()] : VERBS[groups.verb!.toLowerCase()];
}

/** The duration that starts at `from` in `text` (after an optional "about"); undefined when none does ("N/A", "?", "YYY"). */
function readDuration(text: string, from: number): { minutes: number; text: string; span: Span } | undefined {
  QUALIFIER.lastIndex = from;
  let at = QUALIFIER.exec(text) ? QUALIFIER.lastIndex : from;
  let minutes = 0;
  let end = -1;
  for (;;) {
    PART.lastIndex = at;
    const part = PART.exec(text);
    if (!part) break;
    minutes += Number(part[1]) * UNIT_MINUTES[part[2][0].toLowerCase()];
    end = PART.lastIndex;
    JOIN.lastIndex = end;
    at = JOIN.exec(text) ? JOIN.lastIndex : end;
  }
  if (end < 0) return undefined;
  return { minutes: Math.round(minutes), text: text.slice(from, end), span: { start: from, end } };
}

/** The document offset of a character of the line. */
function offsetIn(line: Line, at: number): number {
  let piece = line.pieces[0];
  for (const p of line.pieces) if (p.at <= at) piece = p;
  return piece.offset + (at - piece.at);
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}
