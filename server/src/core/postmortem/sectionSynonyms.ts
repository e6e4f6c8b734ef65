import { normalizeHeading } from './sections';

/**
 * Names teams give the same section. A section of a team's template gets the other names of its
 * group as aliases ("Timeline summary" is satisfied by "Timeline"), so a post-mortem is not told it
 * lacks a section it has under a common name. Explicit `<!-- aliases: … -->` in a template win.
 */
const GROUPS: readonly string[][] = [
  ['Summary', 'Overview', 'Executive Summary', 'Incident Summary', 'Description'],
  ['Contributing Factors', 'Root Cause', 'Root Causes', 'Root Cause Analysis', 'Causes', 'Cause', 'Identified Cause', 'What Caused the Incident'],
  ['Resolution', 'Mitigation', 'Recovery', 'Fix', 'Resolution and Recovery', 'Mitigation and Resolution'],
  ['Impact', 'Customer Impact', 'User Impact'],
  ['Timeline', 'Chronology', 'Timeline of Events', 'Incident Timeline'],
  ['Lessons Learned', 'Lessons Learnt', 'Lessons', 'How’d We Do?', 'Retrospective', 'Takeaways', 'Learnings', 'Insights', 'Conclusion', 'Conclusions'],
  ['Action Items', 'Follow-ups', 'Follow ups', 'Followups', 'Follow-up Actions', 'Next Steps', 'Remediation', 'Corrective Actions'],
  ['Messaging', 'Communication', 'Communications', 'Comms'],
  ['Attendees', 'Participants', 'Responders', 'Postmortem Attendees'],
];

const NORMALIZED = GROUPS.map((group) => group.map((name) => ({ name, normalized: normalizeHeading(name) })));

/** The other names of the group `name` belongs to ("Timeline summary" → Timeline's group). */
export function synonymsOf(name: string): string[] {
  const n = normalizeHeading(name);
  if (!n) return [];
  const group = NORMALIZED.find((g) => g.some((m) => n === m.normalized || n.startsWith(m.normalized + ' ')));
  return group ? group.filter((m) => m.normalized !== n).map((m) => m.name) : [];
}
