import type { Blockquote, Html, Nodes, Paragraph } from 'mdast';
import { preorderWithParentSteps } from '../../limits/walk';
import { deleteBlock } from '../../postmortem/edits';
import { normalizeGuidance } from '../../postmortem/guidance';
import { emptySections, inEmptySection } from '../../postmortem/emptiness';
import type { PostmortemModel } from '../../postmortem/model';
import { spanOf, textRuns } from '../../postmortem/runs';
import { guidanceSentence, placeholdersLeft, sentenceSpan } from '../../postmortem/leftovers';
import {
  CURLY_PLACEHOLDER,
  isCapsMarker,
  isGuidanceParagraph,
  isPromptBlockquote,
  isTemplateGuidance,
  labelledGuidance,
  labelPlaceholder,
  nodeText,
  placeholderCells,
  TODO_MARKER,
} from '../../postmortem/template';
import { quoteText } from '../../quote';
import type { Report, Rule } from '../../rule';
import { pacer } from '../../steps';
import type { Span } from '../../types';
import { userPatterns } from '../../userPatterns';

/** Nodes of the tree between two steps (a row of a timeline table is a dozen nodes). */
const NODES_PER_STEP = 2_000;

export const templateText: Rule<PostmortemModel> = {
  id: 'pm/template-text',
  defaultSeverity: 'info',
  docs: {
    summary: 'Template guidance left in the post-mortem.',
    details:
      'Italic-only paragraphs that instruct the author (“*Be specific here...*”, “*What details contributed to the incident?*”), a bold label whose value is italic guidance (“**Owner:** _Your name goes here._”), blockquote prompts (“> What happened?”), `{{ ... }}` placeholders, `<START OF OUTAGE>`-style markers, an empty task item `- [ ]`, `TODO`/`TBD`/`FIXME` in capitals, a value left as `?`, `XXX` or `TBD` (“Time to detection: ?”, a table cell `?mins` or `??%`; `N/A` where the row asks for a number). Nothing is reported inside a section pm/empty-section reports. Quick fix: remove it. With a `template` set, any paragraph, list item, blockquote or filled-in table cell of three words or more that is the template’s own text (compared ignoring case, spacing and closing punctuation; a placeholder as New Post-Mortem inserts it; a paragraph that is one placeholder, such as “{{ What helped }}”, at any length). Also the skeleton filled in part: a line with several placeholders where some were written over and others kept (“14:02 to 16:10 (duration)”), and a guidance sentence of three words or more kept before or after the author’s own sentences (quick fix: remove that sentence). Does not catch: a template cell left in an action item’s row (pm/action-item-ticket reports the row), guidance edited a little (one word changed), other template text of two words or fewer, lower-case “todo”, or example values left unchanged (“On the morning of August 99th…” without italics).',
    options: '`templatePatterns`: extra regular expressions that mark template text.',
    bad: '## Impact\n\n*Be specific here. Include numbers such as customers affected.*\n\nAll uploads failed for 4 hours.',
    good: '## Impact\n\nAll uploads failed for 4 hours.',
    fixes: [
      { title: 'Remove template text that is the template’s own text, or an empty task item', safe: true },
      {
        title: 'Remove template guidance, a prompt, a marker or a placeholder found by its shape',
        safe: false,
        note: 'italics, a question or capitals may be the author’s own words, and a placeholder or marker says something is still to be written',
      },
    ],
  },
  *check(model, report, { config }) {
    const lines = model.lines;
    const text = model.text;
    const extra = userPatterns(config.templatePatterns);
    const template = model.template.template;
    const guidance = template?.guidance;
    // Safe only when nothing a person wrote goes: the template's own words, an empty task box.
    const remove = (span: { start: number; end: number }, title = 'Remove template text', safe = false) => [{ title, edits: [deleteBlock(span, lines)], preferred: true, safe }];
    // Guidance long enough to be told from an author's sentence that merely starts the same way.
    const sentences = template ? [...template.guidance].filter((g) => g.split(' ').length >= 3) : [];
    /** The skeleton filled in part: placeholders kept among written words, a guidance sentence beside the author's. */
    const reportLeftovers = (paragraph: Paragraph, written: string, span: Span) => {
      const left = placeholdersLeft(written, template?.shapes ?? []);
      if (left.length > 0) {
        report({ message: `${placeholderWords(left)} left as the template inserted ${left.length === 1 ? 'it' : 'them'}: “${quoteText(written)}”.`, span: wordsSpan(left, span) ?? span });
        return;
      }
      const sentence = guidanceSentence(written, sentences);
      if (!sentence) return;
      const at = sentenceSpan(textRuns(paragraph, text), sentence.guidance, sentence.at);
      report({
        message: `Template text left in beside what was written: “${quoteText((at ? text.slice(at.start, at.end) : sentence.guidance).trim().replace(/[.!?\u2026]+$/u, ''))}”.`,
        span: at ?? span,
        fixes: at ? [{ title: 'Remove template text', edits: [{ span: at, newText: '' }], preferred: true }] : undefined,
      });
    };
    /** The span of the one occurrence of the placeholder's words in the source, when there is exactly one. */
    const wordsSpan = (left: string[], within: Span): Span | undefined => {
      if (left.length !== 1) return undefined;
      const source = text.slice(within.start, within.end).toLowerCase();
      const first = source.indexOf(left[0]);
      if (first < 0 || source.indexOf(left[0], first + 1) >= 0) return undefined;
      return { start: within.start + first, end: within.start + first + left[0].length };
    };
    // Iterative and without the ancestor lists unist-util-visit builds: a timeline of thousands of
    // rows is hundreds of thousands of nodes.
    const anyEmpty = emptySections(model).length > 0;
    // Looked for in text nodes only when the document has them at all.
    const mayHavePlaceholder = text.includes('{{');
    const mayHaveTodo = /TODO|TBD|FIXME/.test(text);
    yield* preorderWithParentSteps<Nodes>(model.root, NODES_PER_STEP, (node, parent) => {
      if (anyEmpty && node.type !== 'root' && 'position' in node && node.position && inEmptySection(model, spanOf(node))) return false;
      if (node.type === 'paragraph') {
        const paragraph = node as Paragraph;
        const span = spanOf(node);
        if (isGuidanceParagraph(paragraph, text)) {
          report({ message: `Template guidance left in: “${quoteText(nodeText(paragraph, text))}”.`, span, fixes: remove(span, undefined, isTemplateGuidance(paragraph, text, guidance)) });
          return false;
        }
        const labelled = labelledGuidance(paragraph, text);
        if (labelled) {
          const at = spanOf(labelled);
          report({ message: `Template guidance left in: “${quoteText(nodeText(labelled as Nodes, text))}”.`, span: at, fixes: [{ title: 'Remove template text', edits: [{ span: at, newText: '' }] }] });
          return false;
        }
        const written = nodeText(paragraph, text);
        if (parent?.type === 'listItem' && /^\[[ xX]?\]$/.test(written)) {
          const item = spanOf(parent);
          report({ message: 'Empty task item left in.', span: item, fixes: remove(item, 'Remove the empty item', true) });
          return false;
        }
        const placeholder = labelPlaceholder(written);
        if (placeholder) {
          report({ message: `Placeholder left in: “${quoteText(`${placeholder.label}: ${placeholder.value}`)}”.`, span });
          return false;
        }
        if (isTemplateGuidance(paragraph, text, guidance)) {
          report({ message: `Template text left in: “${quoteText(written)}”.`, span, fixes: remove(span, undefined, true) });
          return false;
        }
        if (template) reportLeftovers(paragraph, written, span);
        return undefined;
      }
      if (node.type === 'blockquote' && (isPromptBlockquote(node as Blockquote, text) || isTemplateGuidance(node as Blockquote, text, guidance))) {
        const span = spanOf(node);
        const ownText = isTemplateGuidance(node as Blockquote, text, guidance);
        report({ message: `Template prompt left in: “${quoteText(nodeText(node as Blockquote, text))}”.`, span, fixes: remove(span, undefined, ownText) });
        return false;
      }
      if (node.type === 'html' && isCapsMarker((node as Html).value)) {
        const span = spanOf(node);
        report({ message: `Template marker left in: ${quoteText((node as Html).value)}.`, span, fixes: remove(span, 'Remove template marker') });
        return undefined;
      }
      if (node.type === 'text') {
        const span = spanOf(node);
        const raw = text.slice(span.start, span.end);
        if (mayHavePlaceholder) scan(raw.matchAll(CURLY_PLACEHOLDER), span.start, 'Template placeholder left in', report);
        if (mayHaveTodo) scan(raw.matchAll(TODO_MARKER), span.start, 'Note to the author left in', report, false);
        for (const pattern of extra) scan(pattern.regex.matchAll(raw), span.start, 'Template text left in', report);
      }
      return undefined;
    });
    const inActionItem = containedIn((model.actionItems?.items ?? []).map((item) => item.span));
    const pace = pacer();
    for (const { table } of model.tables) {
      if (inEmptySection(model, table.span)) continue;
      for (const row of table.rows) {
        if (pace()) yield;
        const placeholders = placeholderCells(row);
        for (const cell of placeholders) {
          report({ message: `Placeholder left in: “${quoteText(`${row.cells[0]?.text ?? ''}: ${cell.text}`)}”.`, span: cell.span });
        }
        // Value cells only, as the template's are read: a row's first cell is its label. An action
        // item's row is pm/action-item-ticket's (one finding for a row left as the template wrote it).
        if (inActionItem(row.span)) continue;
        for (const cell of row.cells.slice(1)) {
          if (placeholders.includes(cell)) continue;
          if (guidance?.has(normalizeGuidance(cell.text))) {
            report({ message: `Template text left in: “${quoteText(cell.text)}”.`, span: cell.span });
            continue;
          }
          const left = placeholdersLeft(cell.text, template?.shapes ?? []);
          if (left.length > 0) {
            report({ message: `${placeholderWords(left)} left as the template inserted ${left.length === 1 ? 'it' : 'them'}: “${quoteText(cell.text)}”.`, span: wordsSpan(left, cell.span) ?? cell.span });
          }
        }
      }
    }
  },
};

/**
 * Whether a span lies inside one of `spans`, in log time: thousands of rows against thousands of
 * action items compared each with each took half a second. Sorted by start, a span is inside one
 * that starts at or before it exactly when the furthest end among those reaches its end.
 */
function containedIn(spans: Span[]): (span: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const furthestEnd: number[] = [];
  for (const s of sorted) furthestEnd.push(Math.max(s.end, furthestEnd[furthestEnd.length - 1] ?? -1));
  return (span) => {
    let low = 0;
    let high = sorted.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (sorted[mid].start <= span.start) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found >= 0 && furthestEnd[found] >= span.end;
  };
}

/** “Placeholder “duration””, “Placeholders “start”, “end””. */
function placeholderWords(left: string[]): string {
  return `Placeholder${left.length === 1 ? '' : 's'} ${left.map((w) => `“${quoteText(w)}”`).join(', ')}`;
}

function scan(matches: Iterable<{ 0: string; index?: number }>, offset: number, what: string, report: Report, fix = true): void {
  for (const m of matches) {
    if (m[0].length === 0) continue;
    const start = offset + (m.index ?? 0);
    const span = { start, end: start + m[0].length };
    report({
      message: `${what}: “${quoteText(m[0])}”.`,
      span,
      fixes: fix ? [{ title: 'Remove template text', edits: [{ span, newText: '' }] }] : undefined,
    });
  }
}
