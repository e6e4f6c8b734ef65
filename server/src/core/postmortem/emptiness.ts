import { firstAtOrAfter } from '../text';
import type { Span } from '../types';
import type { PostmortemModel } from './model';
import type { Section } from './sections';
import { isFillerBlock } from './template';

/**
 * The outermost sections that hold nothing but blank lines, template guidance, placeholders or
 * empty tables. pm/empty-section reports each once; the other rules say nothing more inside them
 * (one finding per fact: a template's empty section is not also its guidance, rows and items).
 */
export function emptySections(model: PostmortemModel): Section[] {
  let found = cache.get(model);
  if (!found) {
    found = computeEmptySections(model);
    cache.set(model, found);
  }
  return found;
}

const cache = new WeakMap<PostmortemModel, Section[]>();

/**
 * Whether a span lies in a section pm/empty-section reports (its heading included). Rules ask it
 * for every node, row and item: a binary search over the sections (outermost, so apart from one
 * another), not a scan of them all each time (quadratic in a post-mortem of many empty sections).
 */
export function inEmptySection(model: PostmortemModel, span: Span): boolean {
  const spans = emptySpans(model);
  // The last section starting at or before the span: the only one that can hold it.
  const last = spans[firstAtOrAfter(spans, span.start + 1, (s) => s.start) - 1];
  return last !== undefined && span.end <= last.end;
}

/** The empty sections' spans by start. */
function emptySpans(model: PostmortemModel): Span[] {
  let spans = spanCache.get(model);
  if (!spans) {
    spans = emptySections(model)
      .map((s) => s.span)
      .sort((a, b) => a.start - b.start);
    spanCache.set(model, spans);
  }
  return spans;
}

const spanCache = new WeakMap<PostmortemModel, Span[]>();

function computeEmptySections(model: PostmortemModel): Section[] {
  const text = model.text;
  const guidance = model.template.template?.guidance;
  const isEmpty = (section: Section) => section.nodes.every((n) => n.type === 'heading' || isFillerBlock(n, text, guidance));
  const out: Section[] = [];
  const pending = [...model.topSections];
  while (pending.length > 0) {
    const section = pending.shift()!;
    // The document title's section holds the whole report; it is never "empty" in this sense.
    if (isEmpty(section) && !(section.heading.depth === 1 && section.children.length > 0)) out.push(section);
    else pending.unshift(...section.children);
  }
  return out;
}
