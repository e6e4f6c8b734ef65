import type { PostmortemModel } from '../../postmortem/model';
import type { Section } from '../../postmortem/sections';
import type { TemplateSection } from '../../postmortem/teamTemplate';
import type { Rule } from '../../rule';
import { headingMatches } from './required-section';

interface Placed {
  required: TemplateSection;
  /** Position in the template. */
  order: number;
  section: Section;
}

export const sectionOrder: Rule<PostmortemModel> = {
  id: 'pm/section-order',
  defaultSeverity: 'info',
  offByDefault: true,
  docs: {
    summary: 'A section of the template is out of the template’s order.',
    details:
      'The template’s sections (the `template` setting, or `requiredSections`) present in the document are compared in document order with their order in the template; the fewest sections that break it are reported (the longest run in order is kept), each naming a section it should come before or after. Optional sections count when present. Off by default: many teams reorder on purpose (Timeline last, Action Items first). Does not catch: a section under the wrong parent (the order is of headings, not of the tree), sections the template does not name, or a section present twice (the first one counts).',
    options: '`template` or `requiredSections` give the order.',
    // Checked in test/core/rules/pm/docs-examples.test.ts with requiredSections: [Overview, Impact, Timeline].
    bad: '# Post-mortem: API outage\n## Overview\n...\n## Timeline\n...\n## Impact\n...',
    good: '# Post-mortem: API outage\n## Overview\n...\n## Impact\n...\n## Timeline\n...',
  },
  check(model, report) {
    const required = model.requiredSections;
    if (!required) return;
    const placed: Placed[] = [];
    required.forEach((r, order) => {
      const section = model.sections.find((s) => headingMatches(s.heading, r));
      if (section && !placed.some((p) => p.section === section)) placed.push({ required: r, order, section });
    });
    placed.sort((a, b) => a.section.span.start - b.section.span.start);
    const kept = longestInOrder(placed);
    for (const p of placed) {
      if (kept.has(p)) continue;
      const inOrder = [...kept].sort((a, b) => a.section.span.start - b.section.span.start);
      const after = inOrder.find((k) => k.order > p.order && k.section.span.start < p.section.span.start);
      const before = [...inOrder].reverse().find((k) => k.order < p.order && k.section.span.start > p.section.span.start);
      const where = after ? `before “${after.section.heading.text}”` : before ? `after “${before.section.heading.text}”` : 'elsewhere';
      report({
        message: `“${p.section.heading.text}” is out of the template’s order: the template puts it ${where}.`,
        span: p.section.heading.textSpan,
        data: { section: p.required.name },
      });
    }
  },
};

/** The longest subsequence (in document order) whose template order increases: O(n log n). */
function longestInOrder(placed: Placed[]): Set<Placed> {
  const tails: number[] = []; // index into placed of the smallest tail of each length
  const previous: number[] = new Array(placed.length).fill(-1);
  placed.forEach((p, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (placed[tails[mid]].order < p.order) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const out = new Set<Placed>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) out.add(placed[i]);
  return out;
}
