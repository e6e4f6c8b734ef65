import { METRIC_TAGS, type MetricTag } from '../../config';
import type { Span } from '../../types';
import type { PostmortemModel } from '../model';
import { locate, nodeSpan } from '../frontMatter';
import { wholeDateTime, type TimeToken } from '../time';

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
  for (const key of METRIC_TAGS) {
    const value = (incident as Record<string, unknown>)[key];
    const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? undefined : value.toISOString()) : typeof value === 'string' ? value.trim() : undefined;
    const token = text ? wholeDateTime(text) : undefined;
    if (!text || !token) continue;
    const frontMatter = model.frontMatter!;
    out[key] = { key, text, token, span: nodeSpan(frontMatter, locate(frontMatter, ['incident', key])?.node) ?? frontMatter.span };
  }
  return out;
}

