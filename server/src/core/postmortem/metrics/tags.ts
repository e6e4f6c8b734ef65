import { METRIC_TAGS, type Config, type MetricTag } from '../../config';
import { pacer, type Steps } from '../../steps';
import type { Timeline, TimelineEntry } from '../timeline';

/** Entries between two steps: a tag look-up is a regular expression over an entry's text. */
const ENTRIES_PER_STEP = 1_000;

/** A timeline entry marked with the moment it records: `| 16:30 | [detected] First alert |`. */
export interface TaggedEntry {
  tag: MetricTag;
  /** The tag as written, without brackets. */
  word: string;
  entry: TimelineEntry;
}

/** `[detected]`, `[ ack ]`: a bracketed word or two in the entry's text. */
const BRACKETED = /\[\s*([^[\]\n]{1,40}?)\s*\]/g;

/**
 * The timed entries of the timeline that carry a tag word of `metricTags`, in document order
 * (an entry may carry several). Words are compared ignoring case; nothing else counts: an entry
 * that says "alert" or "restored" records no moment unless tagged.
 */
export function* taggedEntries(timeline: Timeline, tags: Config['metricTags']): Steps<TaggedEntry[]> {
  const byWord = new Map<string, MetricTag>();
  for (const tag of METRIC_TAGS) for (const word of tags[tag] ?? []) if (!byWord.has(word.toLowerCase())) byWord.set(word.toLowerCase(), tag);
  const out: TaggedEntry[] = [];
  const pace = pacer(ENTRIES_PER_STEP);
  for (const entry of timeline.entries) {
    if (pace()) yield;
    if (entry.precision !== 'minute' || entry.minutes === undefined || entry.token?.invalid) continue;
    BRACKETED.lastIndex = 0;
    for (let m = BRACKETED.exec(entry.text); m; m = BRACKETED.exec(entry.text)) {
      const tag = byWord.get(m[1].toLowerCase());
      if (tag && !out.some((t) => t.entry === entry && t.tag === tag)) out.push({ tag, word: m[1], entry });
    }
  }
  return out;
}
