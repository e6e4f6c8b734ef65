/** What counts as a ticket reference in an action item unless `ticketPatterns` says otherwise. */

/** Upper-case prefixes that look like ticket keys but are not: SEV-1, CVE-2021-44228, UTF-8. */
const NOT_TICKET_PREFIXES = 'SEV|CVE|UTC|GMT|ISO|RFC|TLS|SSL|HTTP|UTF|SHA|AES|RSA|TCP|UDP|P';

/**
 * A Jira-style key (RHCLOUD-8613), as a regular expression source. The excluded prefixes are a
 * look-behind at the dash: ticketPatterns run on RE2 semantics, which has no look-ahead.
 */
export const TICKET_KEY_PATTERN = `\\b[A-Z][A-Z0-9]{1,9}(?<!\\b(?:${NOT_TICKET_PREFIXES}))-\\d+\\b`;

/**
 * TICKET_KEY_PATTERN as a JavaScript RegExp: the same matches (ASCII classes, no anchors) and
 * linear in the text (bounded key, one digit run per key), where re2js needs its slowest engine
 * for the look-behind: a tenth of a millisecond per action item.
 */
export const TICKET_KEY_REGEX = new RegExp(TICKET_KEY_PATTERN);

export const DEFAULT_TICKET_PATTERNS = [
  TICKET_KEY_PATTERN, // Jira-style keys: RHCLOUD-8613
  '(?:^|[\\s(\\[])#\\d+\\b', // #123
  '\\b[\\w.-]+/[\\w.-]+#\\d+\\b', // owner/repo#123
  // Links count when they point at an issue tracker (postmortem/tickets.ts), not any link: a link
  // to documentation or a dashboard is not a ticket. A team widens it here ('\\bhttps?://\\S+').
];
