/**
 * A post-mortem template (a preset or the team's own Markdown file) read with the same parser as
 * post-mortems: its headings are the required sections, in order, with their levels; the rest of
 * its text is guidance a post-mortem must not keep.
 *
 * Conventions a template may use (HTML comments, invisible when rendered):
 * - `<!-- optional -->` in a heading or right below it: the section (and its subsections) may be left out;
 * - subsections (a heading under another section, not under the title) are optional unless marked
 *   `<!-- required -->`: templates use them as prompts and samples ("What went well", "Process
 *   improvements"), and reports regroup them; the main sections are what every report must have;
 * - `<!-- aliases: Summary, Overview -->`: other names that count for the section;
 * - `{{ placeholder }}` (`{{ a | b }}` for a choice): text the author replaces. A heading with one
 *   matches any heading of that shape (`Incident write-up: {{ title }}`).
 */
import type { Html, Nodes, Root, RootContent } from 'mdast';
import type { RequiredSection } from '../config';
import { preorder } from '../limits/walk';
import { hasPlaceholder, isGuidanceWorthy, normalizeGuidance, renderPlaceholders } from './guidance';
import { guidanceShape, type GuidanceShape } from './leftovers';
import { parseMarkdown } from './markdown';
import { runsText, textRuns } from './runs';
import { buildSections, normalizeHeading, type Section } from './sections';
import { synonymsOf } from './sectionSynonyms';
import { isHtmlTable, readHtmlTable, readPipeTable, type Table } from './tables';

export interface TemplateSection extends RequiredSection {
  /** The heading level in the template; absent for sections given by `requiredSections`. */
  depth?: number;
  optional: boolean;
  /** For a heading with placeholders: its literal parts, normalized, that a heading must show in order. */
  shape?: string[];
}

export interface PostmortemTemplate {
  sections: TemplateSection[];
  /** Normalized (normalizeGuidance) text of every block and placeholder cell a post-mortem must not keep. */
  guidance: ReadonlySet<string>;
  /** Lines with placeholders among other words, to find the placeholders a filled-in line still holds. */
  shapes: readonly GuidanceShape[];
  /** The template's Markdown, from which New Post-Mortem builds its skeleton. */
  text: string;
}

const PLACEHOLDER_SPLIT = /\{\{[^{}\n]{0,200}\}\}/;

export function parseTemplate(text: string): PostmortemTemplate {
  const root = parseMarkdown(text);
  return { sections: templateSections(root, text), ...templateGuidance(root, text), text };
}

function templateSections(root: Root, text: string): TemplateSection[] {
  const { all } = buildSections(root, text);
  const hasDeeper = all.some((s) => s.heading.depth > 1);
  const out: TemplateSection[] = [];
  const optionalSections = new Set<Section>();
  const title = all[0]?.heading.depth === 1 && hasDeeper ? all[0] : undefined;
  /** Headings that are not sections (the title, `{{ }}`-only slots): what sits under them is a main section. */
  const notSections = new Set<Section>();
  all.forEach((section) => {
    const marks = markers(section);
    const isSubsection = !!section.parent && section.parent !== title && !notSections.has(section.parent);
    if (marks.optional || (section.parent && optionalSections.has(section.parent)) || (isSubsection && !marks.required)) optionalSections.add(section);
    const written = withoutTrailingNote(section.heading.text);
    const placeholder = hasPlaceholder(written);
    const literal = written.split(PLACEHOLDER_SPLIT).map(normalizeHeading);
    // The author's own words go there: entries under a timeline (`### {{ hh:mm }}`), a title slot.
    // The template's own title ("Incident Title", "Template for reports") names the document, not a section.
    if ((placeholder && !literal.some(Boolean)) || (section === title && !placeholder)) {
      notSections.add(section);
      return;
    }
    out.push({
      name: written,
      aliases: marks.aliases ?? (placeholder ? [] : synonymsOf(written)),
      depth: section.heading.depth,
      optional: optionalSections.has(section),
      shape: placeholder ? literal : undefined,
    });
  });
  return out;
}

/** "Identified cause (to be done pre-meeting)" → "Identified cause", "Incident Lead:" → "Incident Lead". */
function withoutTrailingNote(heading: string): string {
  const stripped = heading.replace(/\s*\([^()]*\)\s*$/, '').replace(/\s*:\s*$/, '').trim();
  return stripped || heading.trim();
}

/** `<!-- optional; aliases: A, B -->` (or `required`) inside the heading or as the first block under it. */
function markers(section: Section): { optional: boolean; required: boolean; aliases?: string[] } {
  const comments: string[] = [];
  for (const child of section.heading.node.children) if (child.type === 'html') comments.push(child.value);
  const first = section.ownNodes[0];
  if (first?.type === 'html') comments.push(first.value);
  let optional = false;
  let required = false;
  let aliases: string[] | undefined;
  for (const comment of comments) {
    for (const m of comment.matchAll(/<!--([\s\S]*?)-->/g)) {
      for (const part of m[1].split(';')) {
        const p = part.trim();
        if (/^optional$/i.test(p)) optional = true;
        if (/^required$/i.test(p)) required = true;
        const named = /^aliases?\s*:\s*([\s\S]*)$/i.exec(p);
        if (named) aliases = [...(aliases ?? []), ...named[1].split(',').map((a) => a.trim()).filter(Boolean)];
      }
    }
  }
  return { optional, required, aliases };
}

function templateGuidance(root: Root, text: string): { guidance: Set<string>; shapes: GuidanceShape[] } {
  const out = new Set<string>();
  const shapes: GuidanceShape[] = [];
  const add = (written: string, block = false) => {
    const rendered = renderPlaceholders(written);
    // A paragraph that is one placeholder is a prompt whatever its length ("{{ What helped }}"); a
    // short cell value ("{{ none }}") may well be the answer.
    if (isGuidanceWorthy(rendered) || (block && isPromptPlaceholder(written, rendered))) out.add(normalizeGuidance(rendered));
    const shape = guidanceShape(written);
    if (shape) shapes.push(shape);
  };
  preorder<Root | RootContent>(root, (node) => {
    switch (node.type) {
      case 'heading':
      case 'yaml':
      case 'code':
        return false;
      case 'paragraph':
        add(visibleText(node, text), true);
        return false;
      case 'blockquote':
        add(visibleText(node, text), true);
        return true;
      case 'table':
        addCells(readPipeTable(node, text), add);
        return false;
      case 'html':
        if (isHtmlTable(node as Html)) addCells(readHtmlTable(node as Html, text), add);
        return false;
      default:
        return true;
    }
  });
  return { guidance: out, shapes };
}

/** `{{ What helped }}` alone: words to replace, not a label ("Owner:") or a choice. */
function isPromptPlaceholder(written: string, rendered: string): boolean {
  const only = /^\{\{([^{}\n]{0,200})\}\}$/.exec(written.trim());
  return !!only && !only[1].includes('|') && /\p{L}/u.test(rendered) && !/:\s*$/.test(rendered);
}

/** Value cells only: a row's first cell is its label, which a filled-in table keeps. */
function addCells(table: Table, add: (text: string) => void): void {
  for (const row of table.rows) for (const cell of row.cells.slice(1)) add(cell.text);
}

/** Visible text with placeholders kept as written (`{{ x }}` is plain text to the parser). */
function visibleText(node: Nodes, text: string): string {
  return runsText(textRuns(node, text));
}
