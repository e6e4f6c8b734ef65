/**
 * Tickets of a post-mortem for the report: what `ticketPatterns` matches in an action item (and
 * the headings and paragraphs around it) and links to an issue tracker, as pm/action-item-ticket
 * decides it. test/core/report/facts.test.ts checks the two agree on the corpus.
 */
import type { Config } from '../config';
import { cutText } from './cut';
import type { ActionItem } from '../postmortem/actionItems';
import { isTrackerUrl } from '../postmortem/tickets';
import { userPatterns, type UserPattern } from '../userPatterns';

/** A post-mortem lists more than this only by mistake (or malice); the report keeps the first ones. */
export const MAX_TICKETS = 100;
/** A ticket longer than this is cut: it is a cell of the report. */
const MAX_TICKET_CHARS = 200;

export interface TicketFinder {
  /** Whether the source or one of its links is a ticket. */
  has(source: string, links: string[]): boolean;
  /** Each ticket of the source and its links, in order, into `out` (a Set keeps them once). */
  collect(source: string, links: string[], out: Set<string>): void;
}

export function ticketFinder(config: Config): TicketFinder {
  const patterns = userPatterns(config.ticketPatterns, { multiline: true });
  return {
    has: (source, links) => links.some(isTrackerUrl) || patterns.some((p) => p.regex.test(source)),
    collect: (source, links, out) => {
      const trackerLinks = links.filter(isTrackerUrl);
      const named = linkTokens(trackerLinks);
      const add = (ticket: string) => {
        if (!isLinkText(ticket, named)) out.add(cut(ticket));
      };
      for (const pattern of patterns) collectMatches(pattern, source, add, () => out.size >= MAX_TICKETS);
      for (const link of trackerLinks) if (out.size < MAX_TICKETS) out.add(cut(link));
    },
  };
}

/** Front matter `tickets` first, then the references of the action items and their context. */
export function ticketsOf(frontMatter: string[], items: ActionItem[], finder: TicketFinder): string[] {
  const out = new Set<string>();
  for (const ticket of frontMatter) {
    const trimmed = ticket.trim();
    if (trimmed && out.size < MAX_TICKETS) out.add(cut(trimmed));
  }
  const seenContext = new Set<object>();
  for (const item of items) {
    if (out.size >= MAX_TICKETS) break;
    finder.collect(item.source, item.links, out);
    for (const context of item.context) {
      // A heading or paragraph shared by many items is read once.
      if (seenContext.has(context)) continue;
      seenContext.add(context);
      finder.collect(context.source, context.links, out);
    }
  }
  return [...out].slice(0, MAX_TICKETS);
}

/**
 * A reference its own tracker link already names: `[#12829](https://github.com/o/r/issues/12829)`,
 * `RHCLOUD-8613` beside `https://jira.example.com/browse/RHCLOUD-8613`. The link is kept: it says
 * which tracker. `named` holds the links' runs of letters, digits, `_` and `-` (linkTokens).
 */
function isLinkText(ticket: string, named: Set<string>): boolean {
  return named.has(/^#\d+$/.test(ticket) ? ticket.slice(1) : ticket);
}

/** Every run of word characters and dashes in the links, once: a set, so each lookup is constant. */
function linkTokens(links: string[]): Set<string> {
  const tokens = new Set<string>();
  for (const link of links) for (const token of link.split(/[^\w-]+/)) if (token) tokens.add(token);
  return tokens;
}

function collectMatches(pattern: UserPattern, source: string, found: (ticket: string) => void, full: () => boolean): void {
  const matcher = pattern.regex.matcher(source);
  // At most one match per character: the loop ends on any pattern, even one that matches nothing.
  for (let n = 0; n <= source.length && !full() && matcher.find(); n++) {
    // The default `#123` pattern takes the space or bracket before it: the ticket is what follows.
    const ticket = (matcher.group() ?? '').replace(/^[\s([]+/, '').trim();
    if (ticket) found(ticket);
    if (matcher.end() >= source.length) break;
  }
}

function cut(ticket: string): string {
  return cutText(ticket, MAX_TICKET_CHARS);
}
