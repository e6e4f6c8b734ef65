/**
 * What a calendar needs of an inventory: per certificate, the day it expires, the day automated
 * renewal is due, the warn window and who to call. Dates come from the facts the cert/* rules read
 * (the PEM, else the typed fields), so the calendar and the linter agree on every date.
 */
import { createHash } from 'node:crypto';
import { isMap, isSeq } from 'yaml';
import { certFacts, effectiveWarnWindow, isAutomated, renewalMethod, renewalPoint, sourceLabel, type FactSource } from '../inventory/facts';
import { entryLabel, type CertModel, type InventoryEntry } from '../inventory/model';
import { hostRefs, textOf } from '../inventory/refs';
import { deref, stringOf } from '../inventory/yaml';
import type { InventorySource } from './entries';

/** At most this many addresses of one list go into a description. */
const MAX_ADDRESSES = 20;

export interface CalendarEntry {
  /** Stable across exports: the inventory's path as given and the entry's name (or first host). */
  key: string;
  title: string;
  file: string;
  hosts: string[];
  expires: Date;
  /** Automated renewal is due (renewAtShare of the lifetime); absent for manual renewal. */
  renewalDue?: Date;
  method?: string;
  warnDays: number;
  source: FactSource;
  owner?: string;
  notify: string[];
  sop?: string;
  escalation: string[];
}

export interface CalendarEntries {
  entries: CalendarEntry[];
  /** Entries left out and why; the export still goes ahead. */
  warnings: string[];
}

export function calendarEntries(sources: InventorySource[]): CalendarEntries {
  const entries: CalendarEntry[] = [];
  const warnings: string[] = [];
  const keys = new Set<string>();
  for (const { file, model, config } of sources) {
    for (const entry of model.inventory?.entries ?? []) {
      const where = `${file}: entry ${entryLabel(entry)}`;
      const hosts = hostRefs(entry).map((h) => h.text);
      const title = entry.name?.trim() || hosts[0];
      if (!title) {
        warnings.push(`${where} has neither a name nor a host to call its events by; skipped`);
        continue;
      }
      // Live facts are left out: a calendar is written from the repository, not from a check.
      const facts = certFacts(entry, model, { live: undefined });
      if (!facts?.notAfter) {
        warnings.push(`${where} has no expiry date (no PEM, no \`expires\`, no \`issued\` with \`lifetime\`); skipped`);
        continue;
      }
      const key = `${file}\u0000${title}`;
      if (keys.has(key)) {
        warnings.push(`${where}: an earlier entry of the file has the same name; its events get the first one's UID and calendars keep one`);
      }
      keys.add(key);
      const method = renewalMethod(entry, model);
      const renewalDue = isAutomated(method) ? renewalPoint(facts, config) : undefined;
      entries.push({
        key,
        title,
        file,
        hosts,
        expires: facts.notAfter,
        renewalDue,
        method,
        warnDays: effectiveWarnWindow(entry, config, facts).days,
        source: facts.source,
        owner: textOf(entry.field('owner')),
        notify: addressesOf(entry, model, 'notify'),
        sop: renewalField(entry, model, 'sop')[0],
        escalation: renewalField(entry, model, 'escalation'),
      });
    }
  }
  return { entries, warnings };
}

/** A UID that stays the same on every export of the same entry, so calendars update instead of duplicating. */
export function stableUid(entry: CalendarEntry, kind: 'expiry' | 'renewal'): string {
  return `${createHash('sha256').update(entry.key).digest('hex').slice(0, 32)}-${kind}@incident-docs`;
}

/** The text under an event: what a person seeing the reminder needs to act. */
export function eventDescription(entry: CalendarEntry, kind: 'expiry' | 'renewal'): string {
  const lines: string[] = [];
  if (kind === 'renewal') {
    lines.push(
      `Renewal (${entry.method}) is due today. If the certificate has not been replaced by ${isoDate(entry.expires)}, automation is broken and it expires then.`,
    );
  } else {
    lines.push(`Expires ${entry.expires.toISOString().replace('.000Z', 'Z')} (${sourceLabel(entry.source)}). Warn window: ${entry.warnDays} days.`);
  }
  if (entry.hosts.length > 0) lines.push(`Hosts: ${entry.hosts.join(', ')}`);
  if (entry.owner) lines.push(`Owner: ${entry.owner}`);
  if (entry.notify.length > 0) lines.push(`Notify: ${entry.notify.join(', ')}`);
  if (entry.sop) lines.push(`How to renew: ${entry.sop}`);
  if (entry.escalation.length > 0) lines.push(`Escalation: ${entry.escalation.join(', ')}`);
  lines.push(`Inventory: ${entry.file}`);
  return lines.join('\n');
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A string or a list of strings (one level), as written or inherited from defaults. */
function addressesOf(entry: InventoryEntry, model: CertModel, key: string): string[] {
  const doc = model.inventory?.doc;
  const field = entry.field(key);
  if (!doc || !field) return [];
  return stringsOf(doc, field.node);
}

function renewalField(entry: InventoryEntry, model: CertModel, key: string): string[] {
  const doc = model.inventory?.doc;
  const renewal = entry.field('renewal');
  if (!doc || !renewal) return [];
  const node = deref(doc, renewal.node);
  return isMap(node) ? stringsOf(doc, node.get(key, true)) : [];
}

function stringsOf(doc: Parameters<typeof deref>[0], raw: unknown): string[] {
  const node = deref(doc, raw);
  const items = isSeq(node) ? node.items.slice(0, MAX_ADDRESSES) : [node];
  return items.map((item) => stringOf(deref(doc, item))?.trim()).filter((s): s is string => !!s);
}
