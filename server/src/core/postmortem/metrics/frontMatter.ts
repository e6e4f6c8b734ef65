import { isScalar, parseDocument } from 'yaml';
import { METRIC_TAGS, type MetricTag } from '../../config';
import type { Span } from '../../types';
import type { PostmortemModel } from '../model';
import { spanOf } from '../runs';
import { scanTimes, type TimeToken } from '../time';

/** One of `incident.started` … `incident.resolved` in the front matter, read as a date and time. */
export interface FrontMatterTime {
  key: MetricTag;
  /** The value as written (a YAML timestamp read as a date is written back in ISO form). */
  text: string;
  /** Its date (with a year) and time. */
  token: TimeToken;
  /** Where the value is in the document; the front matter as a whole when that cannot be told. */
  span: Span;
}

/**
 * The incident's times from `frontMatter.data.incident`. A value that is not a date with a year
 * and a time ("2020-01-21T15:36:00+01:00", "2020-01-21 15:36 CET") is left out: front-matter
 * validation reports it, and metrics take the time from elsewhere.
 */
export function frontMatterTimes(model: PostmortemModel): Partial<Record<MetricTag, FrontMatterTime>> {
  const incident = model.frontMatter?.data.incident;
  if (!incident || typeof incident !== 'object' || Array.isArray(incident)) return {};
  const out: Partial<Record<MetricTag, FrontMatterTime>> = {};
  let spans: ((key: MetricTag) => Span | undefined) | undefined;
  for (const key of METRIC_TAGS) {
    const value = (incident as Record<string, unknown>)[key];
    const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? undefined : value.toISOString()) : typeof value === 'string' ? value.trim() : undefined;
    const token = text ? dateTime(text) : undefined;
    if (!text || !token) continue;
    spans ??= valueSpans(model);
    out[key] = { key, text, token, span: spans(key) ?? model.frontMatter!.span };
  }
  return out;
}

/** The text as one date and time, nothing else around it. */
function dateTime(text: string): TimeToken | undefined {
  if (text.length > 64) return undefined;
  const [token, ...rest] = scanTimes(text);
  if (!token || rest.length > 0 || token.invalid || !token.time || token.date?.year === undefined) return undefined;
  return token.span.start === 0 && token.span.end === text.length ? token : undefined;
}

/**
 * Where each `incident.<key>` value sits, from the yaml Document API's ranges over the front
 * matter's text (the model keeps only its data).
 */
function valueSpans(model: PostmortemModel): (key: MetricTag) => Span | undefined {
  const node = model.root.children[0];
  if (node?.type !== 'yaml') return () => undefined;
  const span = spanOf(node);
  const base = model.text.indexOf(node.value, span.start);
  if (base < 0 || base + node.value.length > span.end) return () => undefined;
  // Ranges only: aliases are never resolved here, so no alias limit is needed.
  const doc = parseDocument(node.value);
  return (key) => {
    const value = doc.getIn(['incident', key], true);
    const range = isScalar(value) ? value.range : undefined;
    return range ? { start: base + range[0], end: base + range[1] } : undefined;
  };
}
