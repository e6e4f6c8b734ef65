import type { Html, Root, RootContent, Table as MdastTable } from 'mdast';
import { visit } from 'unist-util-visit';
import { DEFAULT_REQUIRED_SECTIONS, type Config, type RequiredSection } from '../config';
import { preorder } from '../limits/walk';
import { matchesGlobs } from '../globs';
import type { BaseModel, SuppressionDirective } from '../rule';
import { DIRECTIVE_PREFIX, parseDirective } from '../suppress';
import { drain, type Steps } from '../steps';
import { LineIndex } from '../text';
import type { SourceDocument } from '../types';
import { buildActionItemsSteps, findActionSections, type ActionItems } from './actionItems';
import { readFrontMatter, type FrontMatter } from './frontMatter';
import { POSTMORTEM_TITLE } from './detect';
import { buildImpact, buildOverview, findImpactSection, type Impact, type Overview } from './impact';
import { reparseMarkdown } from './incremental';
import { PieceParser } from './pieces';
import { spanOf } from './runs';
import { buildSections, readHeading, type Heading, type Section } from './sections';
import { htmlTableSpan, isHtmlTable, readHtmlTableSteps, readPipeTableSteps, type Table } from './tables';
import type { TemplateSection } from './teamTemplate';
import { DEFAULT_PRESET, loadTemplate, type TemplateState } from './templateSource';
import { buildTimelineSteps, findTimelineSection, type Timeline } from './timeline';

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
  return drain(postmortemModelSteps(document, config, true));
}

/**
 * The model, parsed by pieces (pieces.ts), a step each. Unless `forced`, a document that is no
 * post-mortem (its title and first heading say so, its path does not match postmortemGlobs) stops
 * at its first heading, with a model that does not apply: Markdown in general costs little.
 */
export function* postmortemModelSteps(document: SourceDocument, config: Config, forced: boolean): Steps<PostmortemModel> {
  const text = document.text;
  const verdict = forced || matchesGlobs(document.path, config.postmortemGlobs) ? undefined : new EarlyVerdict(text);
  const pieces = new PieceParser(text);
  while (!pieces.done) {
    pieces.step();
    if (verdict?.notPostmortem(pieces.root)) return notPostmortem(document, pieces.root);
    yield;
  }
  let root = pieces.root;
  if (pieces.found.links.length > 0 || pieces.found.footnotes.length > 0) {
    // Definitions seen in one piece make references in others: parse again, every piece knowing them all.
    const again = new PieceParser(text, pieces.found);
    while (!again.done) {
      again.step();
      yield;
    }
    root = again.root;
  }
  return yield* postmortemModelFromSteps(document, config, root);
}

/** How much of a document too large to check is read for its title (see mayBePostmortem). */
const TITLE_WINDOW = 64 * 1024;

/**
 * Whether a Markdown document too large to check may be a post-mortem, from a look at its start:
 * its path matches postmortemGlobs, or its front-matter title or first heading in the first 64 KB
 * names one, or there is no heading there to tell. Other Markdown gets no findings, however large.
 */
export function mayBePostmortem(document: SourceDocument, config: Config): boolean {
  if (matchesGlobs(document.path, config.postmortemGlobs)) return true;
  // Whole lines: a heading cut in two would read as another.
  const cut = document.text.lastIndexOf('\n', TITLE_WINDOW);
  const start = document.text.length <= TITLE_WINDOW || cut < 0 ? document.text : document.text.slice(0, cut + 1);
  const verdict = new EarlyVerdict(start);
  const pieces = new PieceParser(start);
  while (!pieces.done) {
    pieces.step();
    if (verdict.notPostmortem(pieces.root)) return false;
  }
  return true;
}

/**
 * Tells from the parse so far whether the document cannot be a post-mortem: its front-matter title
 * and first heading (once parsed; a heading node never changes after its piece) do not name one.
 * A heading with brackets may read differently once later definitions are known: no verdict then.
 */
class EarlyVerdict {
  private scanned = 0;
  /** Set at the first heading: the verdict does not change after it. */
  private verdict: boolean | undefined;

  constructor(private readonly text: string) {}

  notPostmortem(root: Root): boolean {
    if (this.verdict !== undefined) return this.verdict;
    const children = root.children;
    // A piece parsed again (pieces.ts goes back on a continuation that did not hold) drops children.
    this.scanned = Math.min(this.scanned, children.length);
    for (; this.scanned < children.length; this.scanned++) {
      const node = children[this.scanned];
      if (node.type !== 'heading') continue;
      const span = spanOf(node);
      if (this.text.slice(span.start, span.end).includes('[')) return (this.verdict = false);
      const first = root.children[0];
      const title = first?.type === 'yaml' ? stringValue(readFrontMatter(first, this.text).data.title) : undefined;
      return (this.verdict = !POSTMORTEM_TITLE.test(title ?? '') && !POSTMORTEM_TITLE.test(readHeading(node, this.text).text));
    }
    return false;
  }
}

/** The model of Markdown that is no post-mortem: nothing in it is looked at. */
function notPostmortem(document: SourceDocument, root: Root): PostmortemModel {
  return {
    kind: 'postmortem',
    text: document.text,
    lines: new LineIndex(document.text),
    applies: false,
    directives: [],
    root,
    headings: [],
    sections: [],
    topSections: [],
    tables: [],
    // Never read: a model that does not apply is not checked.
    template: { source: '' },
  };
}

/** Re-parses only the edited top-level sections (see incremental.ts); undefined to parse whole. */
export function reparsePostmortemModel(previous: PostmortemModel, document: SourceDocument, config: Config): PostmortemModel | undefined {
  return drain(reparsePostmortemModelSteps(previous, document, config));
}

export function* reparsePostmortemModelSteps(previous: PostmortemModel, document: SourceDocument, config: Config): Steps<PostmortemModel | undefined> {
  const lines = new LineIndex(document.text);
  const root = reparseMarkdown(previous.root, previous.lines, lines);
  if (!root) return undefined;
  yield;
  return yield* postmortemModelFromSteps(document, config, root, lines);
}

/** The model from the tree, a step per part (a table a step): a 5 MB timeline takes a second to read. */
function* postmortemModelFromSteps(document: SourceDocument, config: Config, root: Root, lines = new LineIndex(document.text)): Steps<PostmortemModel> {
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
  yield;
  const directives = readDirectives(root, text);
  yield;
  const tables = yield* readTables(root, text, all);

  const timelineSection = findTimelineSection(all);
  const impactSection = findImpactSection(all);
  const zone = stringValue(frontMatter?.data.timezone ?? frontMatter?.data.time_zone ?? frontMatter?.data.tz);
  const timeline = timelineSection ? yield* buildTimelineSteps(timelineSection, root, text, zone) : undefined;
  yield;
  const impact = impactSection ? buildImpact(impactSection, text) : undefined;
  yield;
  const overview = buildOverview(root, all, text);
  yield;
  yield;
  const actionItems = yield* buildActionItemsSteps(findActionSections(all), root, text, { doneWords: config.actionItemDoneWords });
  yield;
  const template = loadTemplate(config, document);
  return {
    kind: 'postmortem',
    text,
    lines,
    applies,
    directives,
    root,
    frontMatter,
    title,
    headings,
    sections: all,
    topSections: top,
    tables,
    timeline,
    impact,
    overview,
    resolution: all.find((s) => RESOLUTION_HEADING.test(s.heading.normalized)),
    actionItems,
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
function readDirectives(root: Root, text: string): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  // Without the prefix no comment is a directive: skip the walk over every node.
  if (!text.includes(DIRECTIVE_PREFIX)) return out;
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

function* readTables(root: Root, text: string, sections: Section[]): Steps<LocatedTable[]> {
  const found: { section?: Section; pipe?: MdastTable; html?: Html }[] = [];
  let coveredUntil = -1;
  const innermost = (offset: number) => {
    let section: Section | undefined;
    for (const s of sections) if (s.span.start <= offset && offset < s.span.end) section = s;
    return section;
  };
  preorder<Root | RootContent>(root, (node) => {
    if (node.type === 'root') return true;
    const span = spanOf(node);
    if (span.start < coveredUntil) return false;
    // Tables are read below, in steps: a table of thousands of rows takes a while.
    if (node.type === 'table') found.push({ pipe: node, section: innermost(span.start) });
    else if (node.type === 'html' && isHtmlTable(node)) {
      coveredUntil = htmlTableSpan(node, text).end; // the rest of a table split by blank lines is not a second table
      found.push({ html: node, section: innermost(span.start) });
    }
    return node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote';
  });
  const out: LocatedTable[] = [];
  for (const { section, pipe, html } of found) {
    yield;
    out.push({ table: pipe ? yield* readPipeTableSteps(pipe, text) : yield* readHtmlTableSteps(html!, text), section });
  }
  return out;
}
