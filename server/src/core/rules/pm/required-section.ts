import { distance } from 'fastest-levenshtein';
import type { PostmortemModel } from '../../postmortem/model';
import { spanOf } from '../../postmortem/runs';
import { normalizeHeading, type Heading, type Section } from '../../postmortem/sections';
import type { TemplateSection } from '../../postmortem/teamTemplate';
import type { FixSpec, Rule } from '../../rule';
import type { Span } from '../../types';
import { MAX_QUOTED_CHARS, quoteList, quoteText } from '../../quote';

type RequiredSection = TemplateSection;

function names(required: RequiredSection): string[] {
  return [required.name, ...required.aliases].map(normalizeHeading).filter(Boolean);
}

/** Words that qualify a section name without changing it: "Incident Impact", "Outage Timeline". */
const QUALIFIER = /^(?:(?:incident|outage|event|customer|user|business|service|technical|detailed|brief|overall|our|the|initial|key|final)\s+){1,2}/;

/**
 * "Timeline (all times UTC)" satisfies Timeline: the name, then anything after a word break;
 * so does "Incident Impact" (a qualifier, then the name).
 */
export function headingMatches(heading: Heading, required: RequiredSection): boolean {
  return nameMatches(heading.normalized, required);
}

function nameMatches(normalized: string, required: RequiredSection): boolean {
  if (required.shape) return showsShape(normalized, required.shape);
  const unqualified = normalized.replace(QUALIFIER, '');
  return names(required).some((n) => [normalized, unqualified].some((h) => h === n || h.startsWith(n + ' ')));
}

/**
 * `Incident write-up: {{ title }}` → ["incident write up", ""]: the literal parts in order, the
 * first at the start and the last at the end (plain string search, never a pattern).
 */
function showsShape(normalized: string, shape: string[]): boolean {
  // Padded so each part matches whole words only.
  const heading = ` ${normalized} `;
  const last = shape.length - 1;
  let at = 0;
  for (let i = 0; i <= last; i++) {
    if (!shape[i]) continue;
    const part = ` ${shape[i]} `;
    const found = i === last ? heading.lastIndexOf(part) : heading.indexOf(part, at);
    if (found < at || (i === 0 && found !== 0) || (i === last && found + part.length !== heading.length)) return false;
    at = found + part.length - 1;
  }
  return true;
}

/**
 * What the incident's resolution looks like when it has no heading of its own: the completed
 * immediate actions of a Remediation section ("Immediate Actions (Completed)"). Only for the
 * section named Resolution or Mitigation.
 */
const IMPLIED_RESOLUTION = /^immediate (?:actions?|fix(?:es)?|mitigations?|remediation|response|steps)\b/;

function presentAt(model: PostmortemModel, required: RequiredSection): Span | undefined {
  const section = model.sections.find((s) => headingMatches(s.heading, required));
  if (section) return section.heading.textSpan;
  if (names(required).some((n) => n === 'resolution' || n === 'mitigation')) {
    const implied = model.sections.find((s) => IMPLIED_RESOLUTION.test(s.heading.normalized));
    if (implied) return implied.heading.textSpan;
  }
  return labelParagraphs(model).find((l) => nameMatches(l.normalized, required))?.span;
}

/** "**Resolution:** We rolled back…": a bold label that opens a paragraph stands for a heading. */
function labelParagraphs(model: PostmortemModel): { normalized: string; span: Span }[] {
  const out: { normalized: string; span: Span }[] = [];
  for (const node of model.root.children) {
    if (node.type !== 'paragraph') continue;
    const [label, next] = node.children;
    if (label?.type !== 'strong') continue;
    const text = label.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
    const colon = /:\s*$/.test(text) || (next?.type === 'text' && /^\s*:/.test(next.value));
    if (!colon) continue;
    out.push({ normalized: normalizeHeading(text), span: spanOf(label) });
  }
  return out;
}

/** Longer section names are compared exactly only. */
const MAX_NAME_LENGTH = 200;

/** A heading a small edit away from a required name: "Timline", "Acton Items". */
function nearMiss(headings: Heading[], required: RequiredSection): Heading | undefined {
  let best: { heading: Heading; d: number } | undefined;
  for (const heading of headings) {
    for (const name of names(required)) {
      const limit = Math.max(1, Math.min(3, Math.floor(name.length / 4)));
      // The distance is at least the difference in length, and costs the product of the lengths:
      // two long texts (a heading and a configured name) would take minutes.
      if (Math.abs(heading.normalized.length - name.length) > limit || name.length > MAX_NAME_LENGTH) continue;
      const d = distance(heading.normalized, name);
      if (d > 0 && d <= limit && (!best || d < best.d)) best = { heading, d };
    }
  }
  return best?.heading;
}

export const requiredSection: Rule<PostmortemModel> = {
  id: 'pm/required-section',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A required section is missing.',
    details:
      'The sections come from the `template` setting: a preset or the team’s own template file, whose headings are the sections (those marked `<!-- optional -->` may be left out). The default template’s are: Overview, Contributing Factors, Resolution, Impact, Timeline, How’d We Do?, Action Items, Messaging. A template heading with a placeholder (`Incident write-up: {{ title }}`) matches any heading of that shape; a template that cannot be read is one finding. Headings match at any level, ignoring case, punctuation, numbering and curly apostrophes, and each section has aliases (Contributing Factors ← Root Cause(s)). A heading a small edit away from a required name is named in the message. A qualifier before the name counts (“Incident Impact”), so does a paragraph opening with a bold label (“**Resolution:** …”), and a Remediation section’s “Immediate actions” part counts as the Resolution (those actions are what resolved the incident). A document with none of the sections gets one finding that lists them. Does not catch: a section that is present but named in a way no alias covers (configure the team’s template), or a section whose heading is right but whose content belongs elsewhere.',
    options: '`template`: a preset (`default`, `google-sre`, `pagerduty`, `atlassian`, `kehoe`) or a template file. `requiredSections`: a list of names or `{name, aliases}`, in template order; when set, it replaces the template’s sections.',
    // Checked in test/core/rules/pm/docs-examples.test.ts with requiredSections: [Overview, Timeline].
    bad: '# Post-mortem: API outage\n## Overview\n...\n## Timline\n...',
    good: '# Post-mortem: API outage\n## Overview\n...\n## Timeline\n...',
    fixes: [
      { title: 'Rename the heading a small edit away to the required name', safe: true },
      { title: 'Insert the missing section', safe: false, note: 'it adds an empty section for the author to write' },
    ],
  },
  check(model, report) {
    const anchorAt = reportSpan(model);
    if (!model.requiredSections) {
      report({ message: `Template not used: ${model.template.problem ?? 'it cannot be read'}.`, span: anchorAt, data: { template: model.template.source } });
      return;
    }
    const all = model.requiredSections;
    const required = all.filter((r) => !r.optional);
    const present = required.map((r) => model.sections.find((s) => headingMatches(s.heading, r)));
    const found = required.map((r, index) => !!present[index] || !!presentAt(model, r));
    const anchor = anchorAt;
    if (required.length > 1 && !found.some(Boolean)) {
      // One fact: the document does not follow the template at all. Eight findings would say it eight times.
      report({
        message: `No section of the post-mortem template found (${quoteList(required.map((r) => r.name), undefined, 4 * MAX_QUOTED_CHARS)}).`,
        span: anchor,
        data: { sections: required.map((r) => r.name) },
      });
      return;
    }
    required.forEach((r, index) => {
      if (found[index]) return;
      const near = nearMiss(model.headings.filter((h) => !required.some((other) => headingMatches(h, other))), r);
      const fixes: FixSpec[] = [];
      if (near) {
        fixes.push({ title: `Rename heading to “${quoteText(r.name)}”`, edits: [{ span: near.textSpan, newText: r.name }], preferred: true, safe: true });
      }
      fixes.push(insertFix(model, all, all.map((r) => model.sections.find((s) => headingMatches(s.heading, r))), all.indexOf(r)));
      report({
        message: near
          ? `Missing required section “${quoteText(r.name)}”; did you mean the heading “${quoteText(near.text)}”?`
          : `Missing required section “${quoteText(r.name)}”${r.aliases.length ? ` (or ${quoteList(r.aliases, undefined, 2 * MAX_QUOTED_CHARS)})` : ''}.`,
        span: near ? near.textSpan : anchor,
        fixes,
        data: { section: r.name },
      });
    });
  },
};

/** Where the finding goes when there is no heading to point at: the title, else the first line. */
function reportSpan(model: PostmortemModel): Span {
  const title = model.headings.find((h) => h.depth === 1) ?? model.headings[0];
  if (title) return title.textSpan;
  return { start: 0, end: model.lines.lineEndOffset(0) };
}

/** Inserts the heading where the template order puts it: after the required section before it. */
function insertFix(model: PostmortemModel, required: RequiredSection[], present: (Section | undefined)[], index: number): FixSpec {
  const eol = model.lines.eol;
  const found = present.map((s, i) => ({ s, r: required[i] })).filter((p): p is { s: Section; r: RequiredSection } => !!p.s);
  const levels = found.map((p) => p.s.heading.depth);
  const wanted = required[index].depth;
  // At the template's level, moved as much as this document moves the template's levels.
  const shift = wanted !== undefined && found.every((p) => p.r.depth !== undefined) && found.length ? mostCommon(levels) - mostCommon(found.map((p) => p.r.depth!)) : 0;
  const depth = wanted !== undefined && (found.length === 0 || found.every((p) => p.r.depth !== undefined)) ? Math.min(6, Math.max(1, wanted + shift)) : levels.length ? mostCommon(levels) : 2;
  const heading = `${'#'.repeat(depth)} ${required[index].name}`;
  const before = present.slice(0, index).reverse().find((s): s is Section => !!s);
  const after = present.slice(index + 1).find((s): s is Section => !!s);
  let offset: number;
  let newText: string;
  if (before && (!after || before.span.end <= after.heading.span.start)) {
    offset = before.span.end; // after its subsections too
    newText = offset >= model.text.length ? `${model.text.endsWith('\n') ? '' : eol}${eol}${heading}${eol}` : `${heading}${eol}${eol}`;
  } else if (after) {
    offset = after.heading.span.start;
    newText = `${heading}${eol}${eol}`;
  } else {
    offset = model.text.length;
    newText = `${model.text.endsWith('\n') || model.text === '' ? '' : eol}${eol}${heading}${eol}`;
  }
  return { title: `Insert section “${required[index].name}”`, edits: [{ span: { start: offset, end: offset }, newText }] };
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
