import type { Html, Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';
import { deleteBlock } from '../../postmortem/edits';
import type { PostmortemModel } from '../../postmortem/model';
import { spanOf } from '../../postmortem/runs';
import { CURLY_PLACEHOLDER, isCapsMarker, isGuidanceParagraph, nodeText } from '../../postmortem/template';
import type { Report, Rule } from '../../rule';

export const templateText: Rule<PostmortemModel> = {
  id: 'pm/template-text',
  defaultSeverity: 'info',
  docs: {
    summary: 'Template guidance left in the post-mortem.',
    details:
      'Italic-only paragraphs that instruct the author (“*Be specific here...*”, “*What details contributed to the incident?*”), `{{ ... }}` placeholders and `<START OF OUTAGE>`-style markers. Quick fix: remove it.',
    options: '`templatePatterns`: extra regular expressions that mark template text.',
    bad: '## Impact\n\n*Be specific here. Include numbers such as customers affected.*\n\nAll uploads failed for 4 hours.',
    good: '## Impact\n\nAll uploads failed for 4 hours.',
  },
  check(model, report, { config }) {
    const lines = model.lines;
    const text = model.text;
    const extra = config.templatePatterns.map((p) => new RegExp(p, 'g'));
    visit(model.root, (node) => {
      if (node.type === 'paragraph' && isGuidanceParagraph(node as Paragraph, text)) {
        const span = spanOf(node);
        report({
          message: `Template guidance left in: “${shorten(nodeText(node as Paragraph, text))}”.`,
          span,
          fixes: [{ title: 'Remove template text', edits: [deleteBlock(span, lines)], preferred: true }],
        });
        return 'skip';
      }
      if (node.type === 'html' && isCapsMarker((node as Html).value)) {
        const span = spanOf(node);
        report({
          message: `Template marker left in: ${(node as Html).value.trim()}.`,
          span,
          fixes: [{ title: 'Remove template marker', edits: [deleteBlock(span, lines)], preferred: true }],
        });
        return undefined;
      }
      if (node.type === 'text') {
        const span = spanOf(node);
        const raw = text.slice(span.start, span.end);
        scan(raw, span.start, CURLY_PLACEHOLDER, 'Template placeholder left in', report);
        for (const pattern of extra) scan(raw, span.start, pattern, 'Template text left in', report);
      }
      return undefined;
    });
  },
};

function scan(raw: string, offset: number, pattern: RegExp, what: string, report: Report): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(raw); m; m = pattern.exec(raw)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const span = { start: offset + m.index, end: offset + m.index + m[0].length };
    report({
      message: `${what}: “${shorten(m[0])}”.`,
      span,
      fixes: [{ title: 'Remove template text', edits: [{ span, newText: '' }] }],
    });
  }
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 77)}…` : one;
}
