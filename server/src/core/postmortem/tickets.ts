import type { Root } from 'mdast';
import { preorder } from '../limits/walk';

/**
 * Link targets that are issue-tracker items: an issue, a pull/merge request, a Jira or Linear
 * ticket, a work item. A link to documentation, a dashboard or a tool's repository is not a
 * ticket: nobody tracks work there.
 */
const TRACKER_PATH =
  /\/(?:-\/)?(?:issues?|pulls?|pull-requests?|merge_requests|work_items|workitems|tickets?|bugs?|tasks?|stor(?:y|ies)|cards?)\/[\w.-]*\d|\/browse\/[A-Z][A-Z0-9]+-\d+|\/_workitems\/edit\/\d+|show_bug\.cgi\?id=\d+/;
const TRACKER_HOST = /(?:^|\.)(?:jira[\w-]*|[\w-]+\.atlassian\.net|linear\.app|youtrack[\w-]*|bugzilla[\w-]*|issuetracker[\w-]*|bugs|tracker|redmine|app\.shortcut\.com|app\.clubhouse\.io|[\w-]+\.service-now\.com|pivotaltracker\.com|app\.asana\.com|trello\.com)(?:\.|$)/i;

export function isTrackerUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (TRACKER_HOST.test(parsed.hostname)) return true;
  return TRACKER_PATH.test(parsed.pathname + parsed.search);
}

/** Reference-style link definitions (`[kiam-pr]: https://…`), by mdast identifier. */
export function linkDefinitions(root: Root): Map<string, string> {
  const out = new Map<string, string>();
  preorder<{ type: string; children?: unknown[]; identifier?: string; url?: string }>(root as never, (n) => {
    if (n.type === 'definition' && n.identifier && n.url && !out.has(n.identifier)) out.set(n.identifier, n.url);
    // Definitions are blocks: none inside a paragraph, heading or table (a timeline of thousands of rows).
    return n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'code' && n.type !== 'html' && n.type !== 'table';
  });
  return out;
}

/** Link targets inside a node: links, autolinks and resolved references. */
export function nodeLinks(node: object, definitions: Map<string, string>): string[] {
  const out: string[] = [];
  preorder<{ type: string; url?: string; identifier?: string; children?: unknown[] }>(node as never, (n) => {
    if ((n.type === 'link' || n.type === 'definition') && n.url) out.push(n.url);
    else if (n.type === 'linkReference' && n.identifier) {
      const url = definitions.get(n.identifier);
      if (url) out.push(url);
    }
  });
  return out;
}
