import type { Span } from '../../types';
import type { TimelineEntry } from '../timeline';

/** The moments whose time from the start makes the incident metrics, in the order they happen. */
export const MILESTONES = ['detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** "Time to detect" … "Time to resolve". */
export const METRIC_NAMES: Record<Milestone, string> = {
  detected: 'Time to detect',
  acknowledged: 'Time to acknowledge',
  mitigated: 'Time to mitigate',
  resolved: 'Time to resolve',
};

/** Where a metric was read, most trusted first: it is taken from the first of these that has it. */
export const METRIC_SOURCES = ['front-matter', 'timeline-tag', 'stated'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/** One statement of when a moment happened, as minutes after the start. */
export interface MetricFact {
  milestone: Milestone;
  source: MetricSource;
  /** Minutes after the start; may be negative when the document says it happened before. */
  minutes: number;
  /** Where it is written: the front-matter value, the tagged entry's time, the stated duration. */
  span: Span;
  /** As written: "2020-01-21T16:30+01:00", "16:30", "54 minutes". */
  text: string;
  /** The front-matter key (`incident.detected`), the tag word (`detected`) or the stated label (`Time to detection`). */
  label: string;
  /** The tagged timeline entry. */
  entry?: TimelineEntry;
}

/** Where durations are measured from: `incident.started`, else an entry tagged `[started]`, else the earliest timed entry. */
export interface IncidentStart {
  source: 'front-matter' | 'timeline-tag' | 'first-entry';
  span: Span;
  text: string;
  entry?: TimelineEntry;
  /** An entry tagged `[started]` beside `incident.started`, in minutes after it (pm/metrics-mismatch compares them). */
  tagged?: { entry: TimelineEntry; word: string; minutes: number };
}

/** One metric: its minutes and the fact it was taken from, or unknown (neither). */
export interface MetricDuration {
  milestone: Milestone;
  minutes?: number;
  fact?: MetricFact;
}

export interface IncidentMetrics {
  start?: IncidentStart;
  /** Time to detect, acknowledge, mitigate and resolve, keyed by the moment. */
  durations: Record<Milestone, MetricDuration>;
  /** Every statement found, by moment, then source (most trusted first), then document order. */
  facts: MetricFact[];
}
