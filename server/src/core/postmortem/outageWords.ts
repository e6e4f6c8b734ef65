/**
 * Words of a timeline entry that say the outage began or ended. pm/impact-timeline uses them to
 * pick the entries an Impact window is compared with; incident metrics never do (they take only
 * what the front matter, a tag or a stated line says).
 */

/** An entry that says the impact ended. */
export const RESOLVED =
  /\b(resolved|resolution is confirmed|all clear|recovered|mitigated|restored|back online|back to normal|outage ends|outage ended|fixed|fully operational|operational again|(?:issue|problem|errors?) (?:goes|went) away)\b/i;

/** An entry that says the impact began. */
export const STARTED = /\b(?:outage|incident|problem|issue|impact|errors?|degradation|disruption) (?:starts|started|begins|began)\b|\bstart of (?:the )?(?:outage|incident|impact)\b/i;
