/**
 * Two versions of an inventory compared in certificate terms, for a reviewer: which entries came
 * and went, and of those in both, what moved (expiry, people, hosts, renewal, other keys), with
 * the findings the change introduces or resolves. Entries match by `name` (the k-th entry of a
 * name with the k-th of the same name), then, among those left, by the hosts they share (a
 * rename). The caller reads the versions and lints them; this only compares.
 */
import type { ExpiryState } from '../../../../contract/src/expiry';
import { quoteText } from '../quote';
import type { Finding } from '../types';
import { expiryState } from './dates';
import {
  defaultsChanges,
  defaultsSource,
  entryChanges,
  hostsOf,
  warnDaysOf,
  type DiffSettings,
  type FieldChange,
} from './diffFields';
import { compareFindings, diffFinding, placeFindings, type FindingChanges, type PlacedFindings } from './diffFindings';
import type { CertModel, InventoryEntry } from './model';
import { expiryOf } from './refs';

export type { DiffAddress, DiffSettings, FieldChange } from './diffFields';
export type { DiffFinding, FindingChanges } from './diffFindings';

/** One version of the file: its inventory model (undefined when it is not one, or absent) and its findings. */
export interface InventoryVersion {
  model: CertModel | undefined;
  findings: readonly Finding[];
}

export interface EntryDiff {
  status: 'added' | 'removed' | 'changed';
  /** The entry's name (the new one when renamed); absent when it has none. */
  name?: string;
  /** Its name, else its position (#3). */
  label: string;
  /** 1-based line of the entry in the version it is shown from (the old one when removed). */
  line: number;
  /** A changed entry whose name changed: what it was called (matched by its hosts). */
  previous?: { name?: string; label: string };
  matchedBy?: 'name' | 'hosts';
  /** Of an added or removed entry: what it holds. */
  hosts?: string[];
  expires?: string;
  /** Of an added entry: its expiry against "now" and its warn window. */
  state?: ExpiryState;
  changes: FieldChange[];
  findings: FindingChanges;
}

/** A change to `defaults`, and how many entries of the new version take that key from it. */
export type DefaultsChange = FieldChange & { inheritedBy: number };

export interface InventoryDiff {
  entries: EntryDiff[];
  defaults: DefaultsChange[];
  /** Findings of no entry (defaults, syntax, the file as a whole). */
  findings: FindingChanges;
  counts: { added: number; removed: number; changed: number; renamed: number; introduced: number; resolved: number };
}

/** Candidates read per host when matching by hosts: a host listed by thousands of entries stays linear. */
const MAX_CANDIDATES_PER_HOST = 16;
/** Names and hosts are kept to this many characters (quoted: controls escaped, one line). */
const MAX_NAME = 200;

export function diffInventories(before: InventoryVersion, after: InventoryVersion, settings: DiffSettings): InventoryDiff {
  const oldEntries = before.model?.inventory?.entries ?? [];
  const newEntries = after.model?.inventory?.entries ?? [];
  const placedBefore = placeFindings(before.model, before.findings);
  const placedAfter = placeFindings(after.model, after.findings);
  const { pairs, matchedBy } = matchEntries(oldEntries, newEntries);

  const entries: EntryDiff[] = [];
  const oldMatched = new Set<number>();
  for (const entry of newEntries) {
    const partner = pairs.get(entry.index);
    if (partner === undefined) {
      entries.push(addedOrRemoved('added', after.model!, entry, placedAfter, settings));
      continue;
    }
    oldMatched.add(partner);
    const old = oldEntries[partner];
    const changes = entryChanges({ model: before.model!, entry: old }, { model: after.model!, entry }, settings);
    const findings = compareFindings(
      { findings: placedBefore.byEntry[partner], entry: old },
      { findings: placedAfter.byEntry[entry.index], entry },
    );
    const renamed = old.name !== entry.name;
    if (changes.length === 0 && !renamed && findings.introduced.length === 0 && findings.resolved.length === 0) continue;
    entries.push({
      status: 'changed',
      ...named(entry),
      line: lineOf(after.model!, entry),
      ...(renamed ? { previous: named(old) } : {}),
      matchedBy: matchedBy.get(entry.index),
      changes,
      findings,
    });
  }
  for (const entry of oldEntries) {
    if (!oldMatched.has(entry.index)) entries.push(addedOrRemoved('removed', before.model!, entry, placedBefore, settings));
  }

  const defaults = after.model && before.model ? defaultsOf(before.model, after.model, settings) : [];
  const findings = compareFindings({ findings: placedBefore.outside }, { findings: placedAfter.outside });
  return { entries, defaults, findings, counts: countsOf(entries, findings) };
}

function addedOrRemoved(
  status: 'added' | 'removed',
  model: CertModel,
  entry: InventoryEntry,
  placed: PlacedFindings,
  settings: DiffSettings,
): EntryDiff {
  const own = placed.byEntry[entry.index].map(diffFinding);
  const expiry = expiryOf(entry);
  const date = expiry && !('error' in expiry.parsed) ? expiry.parsed.date : undefined;
  return {
    status,
    ...named(entry),
    line: lineOf(model, entry),
    hosts: [...hostsOf(entry).values()].map((h) => quoteText(h, MAX_NAME)),
    ...(expiry ? { expires: quoteText('error' in expiry.parsed ? String(expiry.field.node ?? '') : expiry.parsed.text) } : {}),
    ...(date && status === 'added' ? { state: expiryState(date, settings.now, warnDaysOf({ model, entry }, settings.config)) } : {}),
    changes: [],
    findings: status === 'added' ? { introduced: own, resolved: [] } : { introduced: [], resolved: own },
  };
}

/** The key of an entry a defaults change is about: what an entry inherits it through. */
function inheritedKey(change: FieldChange): string | undefined {
  if (change.kind === 'addresses') return change.role === 'escalation' ? 'renewal' : change.role;
  if (change.kind === 'renewal') return 'renewal';
  if (change.kind === 'value') return change.key;
  return undefined;
}

function defaultsOf(before: CertModel, after: CertModel, settings: DiffSettings): DefaultsChange[] {
  const changes = defaultsChanges(defaultsSource(before), defaultsSource(after), settings.config);
  const entries = after.inventory?.entries ?? [];
  const inheriting = new Map<string, number>();
  return changes.map((change) => {
    const key = inheritedKey(change);
    if (key === undefined) return { ...change, inheritedBy: 0 };
    let count = inheriting.get(key);
    if (count === undefined) {
      count = entries.filter((e) => e.field(key)?.inherited === true).length;
      inheriting.set(key, count);
    }
    return { ...change, inheritedBy: count };
  });
}

function named(entry: InventoryEntry): { name?: string; label: string } {
  if (entry.name === undefined) return { label: `#${entry.index + 1}` };
  const name = quoteText(entry.name, MAX_NAME);
  return { name, label: name };
}

function lineOf(model: CertModel, entry: InventoryEntry): number {
  return model.lines.positionAt(entry.anchor.start).line + 1;
}

/**
 * Pairs of (new index → old index): by name first, then the entries left over by the hosts they
 * share most (the first such old entry on a tie), each old entry used once.
 */
function matchEntries(
  oldEntries: readonly InventoryEntry[],
  newEntries: readonly InventoryEntry[],
): { pairs: Map<number, number>; matchedBy: Map<number, 'name' | 'hosts'> } {
  const pairs = new Map<number, number>();
  const matchedBy = new Map<number, 'name' | 'hosts'>();
  const used = new Set<number>();
  const oldByName = new Map<string, number[]>();
  for (const entry of oldEntries) {
    if (entry.name === undefined) continue;
    const list = oldByName.get(entry.name);
    if (list) list.push(entry.index);
    else oldByName.set(entry.name, [entry.index]);
  }
  for (const entry of newEntries) {
    const list = entry.name === undefined ? undefined : oldByName.get(entry.name);
    const partner = list?.shift();
    if (partner === undefined) continue;
    pairs.set(entry.index, partner);
    matchedBy.set(entry.index, 'name');
    used.add(partner);
  }

  // By hosts: each host's old entries still unmatched, read from a cursor past the matched ones.
  const oldByHost = new Map<string, { indexes: number[]; cursor: number }>();
  for (const entry of oldEntries) {
    if (used.has(entry.index)) continue;
    for (const key of hostsOf(entry).keys()) {
      const list = oldByHost.get(key);
      if (list) list.indexes.push(entry.index);
      else oldByHost.set(key, { indexes: [entry.index], cursor: 0 });
    }
  }
  for (const entry of newEntries) {
    if (pairs.has(entry.index)) continue;
    const shared = new Map<number, number>();
    for (const key of hostsOf(entry).keys()) {
      const list = oldByHost.get(key);
      if (!list) continue;
      while (list.cursor < list.indexes.length && used.has(list.indexes[list.cursor])) list.cursor++;
      for (let i = list.cursor, read = 0; i < list.indexes.length && read < MAX_CANDIDATES_PER_HOST; i++) {
        if (used.has(list.indexes[i])) continue;
        read++;
        shared.set(list.indexes[i], (shared.get(list.indexes[i]) ?? 0) + 1);
      }
    }
    let best: number | undefined;
    for (const [index, count] of shared) {
      const bestCount = best === undefined ? 0 : shared.get(best)!;
      if (count > bestCount || (count === bestCount && index < best!)) best = index;
    }
    if (best === undefined) continue;
    pairs.set(entry.index, best);
    matchedBy.set(entry.index, 'hosts');
    used.add(best);
  }
  return { pairs, matchedBy };
}

function countsOf(entries: EntryDiff[], file: FindingChanges): InventoryDiff['counts'] {
  const counts = { added: 0, removed: 0, changed: 0, renamed: 0, introduced: file.introduced.length, resolved: file.resolved.length };
  for (const e of entries) {
    counts[e.status]++;
    if (e.previous) counts.renamed++;
    counts.introduced += e.findings.introduced.length;
    counts.resolved += e.findings.resolved.length;
  }
  return counts;
}
