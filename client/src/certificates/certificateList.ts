/** Ordering, grouping and wording of inventory certificates for the view, look-up and status bar. Pure: no `vscode`. */
import type { InventoryCertificate } from '../../../contract/src/requests';

export type Tone = 'expired' | 'expiring' | 'valid' | 'unknown';

/** The colour names of the Certificates view's icons (theme colours every theme defines). */
export const TONE_COLORS: Record<Tone, string | undefined> = {
  expired: 'charts.red',
  expiring: 'charts.yellow',
  valid: 'charts.green',
  unknown: undefined,
};

/**
 * The server's judgement (same clock and window as the cert/expir* rules), as a colour; an
 * automatically renewed certificate at or past its renewal point and not yet expired is yellow,
 * however far its expiry: its automation is what needs a look (cert/renewal-overdue), as the
 * row's words say ("renewal 3 days overdue").
 */
export function toneOf(certificate: Pick<InventoryCertificate, 'state'> & Partial<Pick<InventoryCertificate, 'renewalDue' | 'renewalDaysLeft'>>): Tone {
  const renewal = certificate.renewalDaysLeft;
  if (certificate.state === 'valid' && judgedByRenewal({ renewalDue: certificate.renewalDue ?? null, state: certificate.state }) && renewal !== undefined && renewal <= 0) return 'expiring';
  return certificate.state;
}

/**
 * Soonest first by the date that matters, when a person must look: the renewal point of an
 * automatically renewed certificate (the server's `renewalDue`; its expiry is a third of the
 * lifetime later), else the expiry; entries without a date last; then by name.
 */
export function compareByExpiry(a: InventoryCertificate, b: InventoryCertificate): number {
  return compareKeyed(a, expiryTime(a), b, expiryTime(b));
}

/** Whether an entry is judged by its renewal point: automated, known lifetime, not expired yet. */
export function judgedByRenewal(c: Pick<InventoryCertificate, 'renewalDue' | 'state'>): c is Pick<InventoryCertificate, 'state'> & { renewalDue: string } {
  return typeof c.renewalDue === 'string' && c.state !== 'expired';
}

function expiryTime(c: InventoryCertificate): number {
  const when = judgedByRenewal(c) ? c.renewalDue : c.expires;
  return when ? Date.parse(when) : Number.POSITIVE_INFINITY;
}

function compareKeyed(a: InventoryCertificate, at: number, b: InventoryCertificate, bt: number): number {
  if (at !== bt) return at < bt ? -1 : 1;
  return a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri) || a.index - b.index;
}

/** Each date parsed once, not once per comparison: 5,000 entries sorted on every refresh took seconds. */
export function sortByExpiry(certificates: readonly InventoryCertificate[]): InventoryCertificate[] {
  return certificates
    .map((c) => ({ c, t: expiryTime(c) }))
    .sort((x, y) => compareKeyed(x.c, x.t, y.c, y.t))
    .map((x) => x.c);
}

export interface InventoryGroup {
  uri: string;
  certificates: InventoryCertificate[];
}

/** One group per inventory file, each sorted by expiry; the group whose soonest entry expires first comes first. */
export function groupByInventory(certificates: readonly InventoryCertificate[], inventories: readonly string[] = []): InventoryGroup[] {
  const groups = new Map<string, InventoryCertificate[]>(inventories.map((u) => [u, []]));
  for (const c of certificates) groups.set(c.uri, [...(groups.get(c.uri) ?? []), c]);
  const sorted = [...groups].map(([uri, list]) => ({ uri, certificates: sortByExpiry(list) }));
  return sorted.sort((a, b) => {
    const first = (g: InventoryGroup) => g.certificates[0];
    const fa = first(a);
    const fb = first(b);
    if (fa && fb) return compareByExpiry(fa, fb) || a.uri.localeCompare(b.uri);
    return fa ? -1 : fb ? 1 : a.uri.localeCompare(b.uri);
  });
}

/** The certificate to look at first (renewal point or expiry), if any has a date. */
export function soonest(certificates: readonly InventoryCertificate[]): InventoryCertificate | undefined {
  let first: { c: InventoryCertificate; t: number } | undefined;
  for (const c of certificates) {
    const t = expiryTime(c);
    if (!first || compareKeyed(c, t, first.c, first.t) < 0) first = { c, t };
  }
  return first?.c.expires ? first.c : undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The date that matters, and which it is: "renews in 12 days" (automated, by its renewal point),
 * "renewal 3 days overdue", "expires in 40 days", "expires today", "expired 3 days ago",
 * "no expiry date".
 */
export function describeDaysLeft(certificate: Pick<InventoryCertificate, 'daysLeft' | 'state'> & Partial<Pick<InventoryCertificate, 'renewalDue' | 'renewalDaysLeft'>>): string {
  const renewal = certificate.renewalDaysLeft;
  if (judgedByRenewal({ renewalDue: certificate.renewalDue ?? null, state: certificate.state }) && renewal !== undefined) {
    if (renewal > 0) return `renews in ${plural(renewal, 'day')}`;
    return renewal === 0 ? 'renewal due today' : `renewal ${plural(-renewal, 'day')} overdue`;
  }
  const days = certificate.daysLeft;
  if (days === undefined) return 'no expiry date';
  if (certificate.state === 'expired') return days >= 0 ? 'expired today' : `expired ${plural(-days, 'day')} ago`;
  return days === 0 ? 'expires today' : `expires in ${plural(days, 'day')}`;
}

/** The dates behind it: "2026-12-14 (expires 2027-01-10)" for a renewal point, else "2027-01-10"; "" without a date. */
export function describeDueDate(certificate: Pick<InventoryCertificate, 'expires' | 'renewalDue' | 'state'>): string {
  const expires = certificate.expires?.slice(0, 10);
  if (judgedByRenewal(certificate)) return `${certificate.renewalDue.slice(0, 10)}${expires ? ` (expires ${expires})` : ''}`;
  return expires ?? '';
}

/** The status bar's text: "$(shield) api-gateway: renews in 12 days", "$(shield) www: expires in 40 days". */
export function statusBarText(certificate: InventoryCertificate): string {
  return `$(shield) ${certificate.name}: ${describeDaysLeft(certificate)}`;
}

/** "api.example.com, www.example.com" or "no hosts". */
export function describeHosts(certificate: Pick<InventoryCertificate, 'hosts'>): string {
  return certificate.hosts.length > 0 ? certificate.hosts.join(', ') : 'no hosts';
}

/** An inventory larger than this starts collapsed and is split by state; Look Up shows its soonest first. */
export const LARGE_GROUP = 50;
/** Entries of each inventory that Look Up shows before the rest of any inventory. */
export const LOOK_UP_HEAD = 5;

const STATE_ORDER: Tone[] = ['expired', 'expiring', 'valid', 'unknown'];
const STATE_NAMES: Record<Tone, string> = { expired: 'Expired', expiring: 'Expiring', valid: 'Valid', unknown: 'No expiry date' };

export interface StateGroup {
  uri: string;
  state: Tone;
  label: string;
  certificates: InventoryCertificate[];
}

/** A large inventory's entries by state, each sorted by expiry: the few expiring are not buried under thousands expired. */
export function stateGroups(group: InventoryGroup): StateGroup[] {
  return STATE_ORDER.map((state) => ({ uri: group.uri, state, label: STATE_NAMES[state], certificates: group.certificates.filter((c) => toneOf(c) === state) })).filter(
    (g) => g.certificates.length > 0,
  );
}

const count = (n: number) => n.toLocaleString('en-US');

/** "5,000 certificates · 4,800 expired, 200 expiring". */
export function describeGroup(certificates: readonly InventoryCertificate[]): string {
  const expired = certificates.filter((c) => c.state === 'expired').length;
  const expiring = certificates.filter((c) => c.state === 'expiring').length;
  const attention = [expired ? `${count(expired)} expired` : '', expiring ? `${count(expiring)} expiring` : ''].filter(Boolean).join(', ');
  return `${count(certificates.length)} certificate${certificates.length === 1 ? '' : 's'}${attention ? ` · ${attention}` : ''}`;
}

/**
 * What the Explorer badge counts: the inventories with a certificate expired or expiring, the
 * files to open. Explorer adds every badge of its views to its own unsaved-file count, so a count
 * of certificates (5,000 in a large inventory) showed as "5K+" and hid how many files are unsaved.
 */
export function inventoriesNeedingAction(certificates: readonly InventoryCertificate[]): { inventories: number; expired: number; expiring: number } {
  const files = new Set<string>();
  let expired = 0;
  let expiring = 0;
  for (const c of certificates) {
    if (c.state === 'expired') expired++;
    else if (c.state === 'expiring') expiring++;
    else continue;
    files.add(c.uri);
  }
  return { inventories: files.size, expired, expiring };
}

export interface LookUpSection {
  /** The separator above the section; none when the workspace has one inventory. */
  title?: string;
  certificates: InventoryCertificate[];
}

/**
 * Look Up's list: with one inventory, all of it by expiry. With several, each inventory's
 * soonest few first (a large one cannot bury a small one), then the rest of each.
 */
export function lookUpSections(certificates: readonly InventoryCertificate[], relative: (uri: string) => string, head = LOOK_UP_HEAD): LookUpSection[] {
  const groups = groupByInventory(certificates).filter((g) => g.certificates.length > 0);
  if (groups.length <= 1) return groups.map((g) => ({ certificates: g.certificates }));
  const first = groups.map((g) => ({ title: `${relative(g.uri)} · ${describeGroup(g.certificates)}`, certificates: g.certificates.slice(0, head) }));
  const rest = groups
    .filter((g) => g.certificates.length > head)
    .map((g) => ({ title: `${relative(g.uri)} · the other ${count(g.certificates.length - head)}`, certificates: g.certificates.slice(head) }));
  return [...first, ...rest];
}
