/**
 * Questions about one action item that the rules and anything counting action items (a report)
 * answer the same way: does it carry a ticket, is it a template's sample row.
 */
import { TICKET_KEY_PATTERN, TICKET_KEY_REGEX } from '../config';
import { userPatterns, type UserPattern } from '../userPatterns';
import type { ActionItem } from './actionItems';
import { CURLY_PLACEHOLDER, isPlaceholderText } from './template';
import { isTrackerUrl } from './tickets';

/**
 * A test for "this item carries a ticket": a key or link matching `ticketPatterns`, or a link to an
 * issue tracker, in the item, its sub-items, a heading above it in the section, or the paragraph
 * just before or after its list or table.
 */
export function ticketChecker(ticketPatterns: readonly string[]): (item: ActionItem) => boolean {
  const patterns = userPatterns(ticketPatterns, { multiline: true });
  // The default key pattern as a JavaScript RegExp (see ticketPatterns.ts): thousands of items took half a second.
  const matches = (p: UserPattern, source: string) => (p.source === TICKET_KEY_PATTERN ? TICKET_KEY_REGEX.test(source) : p.regex.test(source));
  const hasTicket = (source: string, links: string[]) => links.some(isTrackerUrl) || patterns.some((p) => matches(p, source));
  return (item) => hasTicket(item.source, item.links) || item.context.some((c) => hasTicket(c.source, c.links));
}

/** "{{ summary }} [link to github issue]": a template's sample item is pm/template-text's, not a missing ticket, owner or date. */
export function isTemplateItem(item: Pick<ActionItem, 'text'>): boolean {
  // search() leaves the shared /g RegExp's lastIndex as it was; test() moved it, and pm/template-text's
  // matchAll then started from there, missing placeholders in whichever document came next.
  return item.text.search(CURLY_PLACEHOLDER) >= 0 || isPlaceholderText(item.text);
}
