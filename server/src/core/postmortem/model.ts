import type { Html, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { DEFAULT_REQUIRED_SECTIONS, type Config, type RequiredSection } from '../config';
import { preorder } from '../limits/walk';
import { matchesGlobs } from '../globs';
import type { BaseModel, SuppressionDirective } from '../rule';
import { parseDirective } from '../suppress';
import { LineIndex } from '../text';
import type { SourceDocument } from '../types';
import { buildActionItems, findActionSections, type ActionItems } from './actionItems';
import { readFrontMatter, type FrontMatter } from './frontMatter';
import { POSTMORTEM_TITLE } from './detect';
import { buildImpact, buildOverview, findImpactSection, type Impact, type Overview } from './impact';
import { reparseMarkdown } from './incremental';
import { parseMarkdown } from './markdown';
import { spanOf } from './runs';
import { buildSections, type Heading, type Section } from './sections';
import { isHtmlTable, readHtmlTable, readPipeTable, type Table } from './tables';
import type { TemplateSection } from './teamTemplate';
import { DEFAULT_PRESET, loadTemplate, type TemplateState } from './templateSource';
import { buildTimeline, findTimelineSection, type Timeline } from './timeline';

export type { FrontMatter } from './frontMatter';

export interface LocatedTable {
  table: Table;
  /** The innermost section it sits in. */
  section?: Section;
}

export interface PostmortemModel extends BaseModel {
  kind: 'postmortem';
  root: Root;
  frontMatter?: FrontMatter;
  /** Front-matter title, else the first heading's text. */
  title?: string;
  headings: Heading[];
  /** Every section, in document order; `topSections` is the tree. */
  sections: Section[];
  topSections: Section[];
  tables: LocatedTable[];
  timeline?: Timeline;
  impact?: Impact;
  /** The lead paragraphs and Summary: durations and windows stated outside Impact. */
  overview?: Overview;
  /** The Resolution (Mitigation, Recovery, Fix) section. */
  resolution?: Section;
  actionItems?: ActionItems;
  /** The configured template (preset or the team's file), or why it cannot be used. */
  template: TemplateState;
  /**
   * The sections to check, in template order: `requiredSections` when set to other than its
   * default, else the template's headings. Absent when the template cannot be used.
   */
  requiredSections?: TemplateSection[];
}

const RESOLUTION_HEADING = /^(resolution|mitigation|recovery|fix|resolution and recovery)\b/;

export function buildPostmortemModel(document: SourceDocument, config: Config): PostmortemModel {
  return postmortemModelFrom(document, config, parseMarkdown(document.text));
}

/** Re-parses only the edited top-level sections (see incremental.ts); undefined to parse whole. */
export function reparsePostmortemModel(previous: PostmortemModel, document: SourceDocument, config: Config): PostmortemModel | undefined {
  const lines = new LineIndex(document.text);
  const root = reparseMarkdown(previous.root, previous.lines, lines);
  return root ? postmortemModelFrom(document, config, root, lines) : undefined;
}

function postmortemModelFrom(document: SourceDocument, config: Config, root: Root, lines = new LineIndex(document.text)): PostmortemModel {
  const text = document.text;
  const first = root.children[0];
  const frontMatter = first?.type === 'yaml' ? readFrontMatter(first, text) : undefined;
  const { all, top } = buildSections(root, text);
  const headings = all.map((s) => s.heading);
  const title = stringValue(frontMatter?.data.title) ?? headings[0]?.text;
  const applies =
    POSTMORTEM_TITLE.test(title ?? '') ||
    POSTMORTEM_TITLE.test(headings[0]?.text ?? '') ||
    matchesGlobs(document.path, config.postmortemGlobs);

  const timelineSection = findTimelineSection(all);
  const impactSection = findImpactSection(all);
  const zone = stringValue(frontMatter?.data.timezone ?? frontMatter?.data.time_zone ?? frontMatter?.data.tz);
  const template = loadTemplate(config, document);
  return {
    kind: 'postmortem',
    text,
    lines,
    applies,
    directives: readDirectives(root),
    root,
    frontMatter,
    title,
    headings,
    sections: all,
    topSections: top,
    tables: readTables(root, text, all),
    timeline: timelineSection ? buildTimeline(timelineSection, root, text, zone) : undefined,
    impact: impactSection ? buildImpact(impactSection, text) : undefined,
    overview: buildOverview(root, all, text),
    resolution: all.find((s) => RESOLUTION_HEADING.test(s.heading.normalized)),
    actionItems: buildActionItems(findActionSections(all), root, text, { doneWords: config.actionItemDoneWords }),
    template,
    requiredSections: requiredSectionsFor(config, template),
  };
}

/** `requiredSections` when set (or when the template is the default one, whose sections it lists), else the template's. */
function requiredSectionsFor(config: Config, template: TemplateState): TemplateSection[] | undefined {
  const own = !isDefaultList(config.requiredSections) || template.source === DEFAULT_PRESET;
  return own ? config.requiredSections.map((r) => ({ ...r, optional: false })) : template.template?.sections;
}

const DEFAULT_LIST = JSON.stringify(DEFAULT_REQUIRED_SECTIONS);
const defaultLists = new WeakMap<RequiredSection[], boolean>();

/** `requiredSections` left at its default: the template decides. */
function isDefaultList(list: RequiredSection[]): boolean {
  let known = defaultLists.get(list);
  if (known === undefined) {
    known = JSON.stringify(list) === DEFAULT_LIST;
    defaultLists.set(list, known);
  }
  return known;
}

function stringValue(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** `<!-- incident-docs-disable pm/empty-row -->` anywhere, inline or block. */
function readDirectives(root: Root): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  visit(root, 'html', (node: Html) => {
    const comments = node.value.matchAll(/<!--([\s\S]*?)-->/g);
    for (const c of comments) {
      const before = node.value.slice(0, c.index ?? 0);
      const line = (node.position?.start.line ?? 1) - 1 + (before.match(/\n/g)?.length ?? 0);
      const directive = parseDirective(c[1], line);
      if (directive) out.push(directive);
    }
  });
  return out;
}

function readTables(root: Root, text: string, sections: Section[]): LocatedTable[] {
  const out: LocatedTable[] = [];
  let coveredUntil = -1;
  const innermost = (offset: number) => {
    let found: Section | undefined;
    for (const s of sections) if (s.span.start <= offset && offset < s.span.end) found = s;
    return found;
  };
  preorder<Root | RootContent>(root, (node) => {
    if (node.type === 'root') return true;
    const span = spanOf(node);
    if (span.start < coveredUntil) return false;
    if (node.type === 'table') out.push({ table: readPipeTable(node, text), section: innermost(span.start) });
    else if (node.type === 'html' && isHtmlTable(node)) {
      const table = readHtmlTable(node, text);
      coveredUntil = table.span.end; // the rest of a table split by blank lines is not a second table
      out.push({ table, section: innermost(span.start) });
    }
    return node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote';
  });
  return out;
}
