/**
 * What changed in one entry, or in `defaults`, between two versions of an inventory, in
 * certificate terms: the expiry, the addresses, the hosts, the renewal, and any other key. Each
 * side is read from its own model; nothing here knows of git or files.
 */
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { ExpiryState } from '../../../../contract/src/expiry';
import type { Config } from '../config';
import { quoteText } from '../quote';
import { expiryState } from './dates';
import { classifyEmail } from './emails';
import { certFacts, effectiveWarnWindow } from './facts';
import { fieldOf, type CertModel, type Field, type InventoryEntry } from './model';
import { expiryOf, hostRefs } from './refs';
import { at, deref, keyText, pairOf, spanOf } from './yaml';

export type AddressRole = 'owner' | 'notify' | 'escalation';

export interface DiffAddress {
  address: string;
  valid: boolean;
  /** A person's mailbox rather than a team's (the cert/personal-email verdict). */
  personal: boolean;
}

export interface ExpiresChange {
  kind: 'expires';
  /** As written; absent when the side has no `expires`. */
  before?: string;
  after?: string;
  /** after − before when both are dates: positive when it moved later. */
  movedMs?: number;
  /** Against "now" and each side's warn window: valid, expiring (inside the window) or expired. */
  stateBefore?: ExpiryState;
  stateAfter?: ExpiryState;
  /** The warn window of the new version, in days. */
  warnDays?: number;
}

export interface AddressChange {
  kind: 'addresses';
  role: AddressRole;
  before: DiffAddress[];
  after: DiffAddress[];
  added: DiffAddress[];
  removed: DiffAddress[];
  /** A team address went and a personal one came: notices now reach one person. */
  teamReplacedByPersonal: boolean;
  /** The value comes from `defaults` on that side. */
  inheritedBefore: boolean;
  inheritedAfter: boolean;
}

export interface HostsChange {
  kind: 'hosts';
  added: string[];
  removed: string[];
}

export interface RenewalChange {
  kind: 'renewal';
  part: 'method' | 'sop';
  before?: string;
  after?: string;
  inheritedBefore: boolean;
  inheritedAfter: boolean;
}

/** Any other key, its value quoted (and shortened) as written. */
export interface ValueChange {
  kind: 'value';
  key: string;
  before?: string;
  after?: string;
}

export type FieldChange = ExpiresChange | AddressChange | HostsChange | RenewalChange | ValueChange;

/** Lists of addresses in lists are followed this deep, and this many addresses are read per value. */
const MAX_ADDRESS_NESTING = 4;
const MAX_ADDRESSES = 200;
/** Keys compared in their own terms; every other key is compared as a value. */
const ENTRY_KEYS_COMPARED = new Set(['name', 'hosts', 'expires', 'owner', 'notify', 'renewal']);
const DEFAULTS_KEYS_COMPARED = new Set(['owner', 'notify', 'renewal']);

/** One side of a comparison: where its fields come from. */
export interface FieldSource {
  doc: Document.Parsed;
  text: string;
  /** The value for `key`: own, or inherited from defaults (marked so). */
  field(key: string): Field | undefined;
  /** The keys written on it (not inherited ones). */
  ownKeys(): string[];
}

export interface DiffSettings {
  config: Config;
  now: Date;
}

export function entrySource(model: CertModel, entry: InventoryEntry): FieldSource {
  return {
    doc: model.inventory!.doc,
    text: model.text,
    field: (key) => entry.field(key),
    ownKeys: () => keysOf(entry.map),
  };
}

/** The `defaults` block as a source, when the inventory has one that is a mapping. */
export function defaultsSource(model: CertModel): FieldSource | undefined {
  const inventory = model.inventory;
  const map = inventory?.defaults?.map;
  if (!inventory || !map) return undefined;
  return {
    doc: inventory.doc,
    text: model.text,
    field: (key) => {
      const pair = pairOf(inventory.doc, map, key);
      return pair ? fieldOf(inventory.doc, pair) : undefined;
    },
    ownKeys: () => keysOf(map),
  };
}

/** The changes between two versions of one entry, in a fixed order: expiry, people, hosts, renewal, the rest. */
export function entryChanges(
  before: { model: CertModel; entry: InventoryEntry },
  after: { model: CertModel; entry: InventoryEntry },
  settings: DiffSettings,
): FieldChange[] {
  const a = entrySource(before.model, before.entry);
  const b = entrySource(after.model, after.entry);
  const changes: FieldChange[] = [];
  const expires = expiresChange(before, after, settings);
  if (expires) changes.push(expires);
  changes.push(...addressChanges(a, b, settings.config, true));
  const hosts = hostsChange(before.entry, after.entry);
  if (hosts) changes.push(hosts);
  changes.push(...renewalChanges(a, b, true));
  changes.push(...valueChanges(a, b, ENTRY_KEYS_COMPARED));
  return changes;
}

/** The changes to `defaults`; either side may have none. */
export function defaultsChanges(before: FieldSource | undefined, after: FieldSource | undefined, config: Config): FieldChange[] {
  if (!before && !after) return [];
  return [
    ...addressChanges(before, after, config, false),
    ...renewalChanges(before, after, false),
    ...valueChanges(before, after, DEFAULTS_KEYS_COMPARED),
  ];
}

function expiresChange(
  before: { model: CertModel; entry: InventoryEntry },
  after: { model: CertModel; entry: InventoryEntry },
  settings: DiffSettings,
): ExpiresChange | undefined {
  const a = expiryOf(before.entry);
  const b = expiryOf(after.entry);
  if (!a && !b) return undefined;
  const dateA = a && !('error' in a.parsed) ? a.parsed.date : undefined;
  const dateB = b && !('error' in b.parsed) ? b.parsed.date : undefined;
  const textA = a ? quoteText(comparableText(before.model.text, a.field)) : undefined;
  const textB = b ? quoteText(comparableText(after.model.text, b.field)) : undefined;
  if (dateA && dateB ? dateA.getTime() === dateB.getTime() : textA === textB) return undefined;
  const change: ExpiresChange = { kind: 'expires', before: textA, after: textB };
  if (dateA && dateB) change.movedMs = dateB.getTime() - dateA.getTime();
  if (dateA) change.stateBefore = expiryState(dateA, settings.now, warnDaysOf(before, settings.config));
  if (dateB) {
    change.warnDays = warnDaysOf(after, settings.config);
    change.stateAfter = expiryState(dateB, settings.now, change.warnDays);
  }
  return change;
}

/** The window cert/expiring uses for the entry: its warnDays, else a share of a known lifetime, else the setting. */
export function warnDaysOf(side: { model: CertModel; entry: InventoryEntry }, config: Config): number {
  return effectiveWarnWindow(side.entry, config, certFacts(side.entry, side.model, { live: undefined })).days;
}

function addressChanges(a: FieldSource | undefined, b: FieldSource | undefined, config: Config, skipInherited: boolean): AddressChange[] {
  const out: AddressChange[] = [];
  for (const role of ['owner', 'notify', 'escalation'] as const) {
    const fieldA = role === 'escalation' ? escalationField(a) : a?.field(role);
    const fieldB = role === 'escalation' ? escalationField(b) : b?.field(role);
    // Both from defaults: the change (if any) is reported once, under defaults.
    if (skipInherited && fieldA?.inherited && fieldB?.inherited) continue;
    const before = addressesOf(a, fieldA, config);
    const after = addressesOf(b, fieldB, config);
    const keysBefore = new Set(before.map(addressKey));
    const keysAfter = new Set(after.map(addressKey));
    const added = after.filter((x) => !keysBefore.has(addressKey(x)));
    const removed = before.filter((x) => !keysAfter.has(addressKey(x)));
    if (added.length === 0 && removed.length === 0) continue;
    out.push({
      kind: 'addresses',
      role,
      before,
      after,
      added,
      removed,
      teamReplacedByPersonal: removed.some((x) => x.valid && !x.personal) && added.some((x) => x.personal),
      inheritedBefore: !!fieldA?.inherited,
      inheritedAfter: !!fieldB?.inherited,
    });
  }
  return out;
}

/** `renewal.escalation`, inherited with the renewal block it is in. */
function escalationField(source: FieldSource | undefined): Field | undefined {
  const renewal = source?.field('renewal');
  if (!source || !renewal || !isMap(renewal.node)) return undefined;
  const pair = pairOf(source.doc, renewal.node, 'escalation');
  return pair ? fieldOf(source.doc, pair, renewal.inherited) : undefined;
}

const addressKey = (a: DiffAddress) => a.address.toLowerCase();

function addressesOf(source: FieldSource | undefined, field: Field | undefined, config: Config): DiffAddress[] {
  if (!source || !field) return [];
  const texts: string[] = [];
  const read = (raw: unknown, depth: number) => {
    const node = deref(source.doc, raw);
    if (texts.length >= MAX_ADDRESSES) return;
    if (isSeq(node)) {
      if (depth < MAX_ADDRESS_NESTING) for (const item of node.items) read(item, depth + 1);
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) {
      texts.push(node.value.trim());
    }
  };
  read(field.pair.value, 0);
  const seen = new Set<string>();
  return texts.flatMap((address) => {
    if (seen.has(address.toLowerCase())) return [];
    seen.add(address.toLowerCase());
    const verdict = classifyEmail(address, config);
    return [{ address: quoteText(address, 200), valid: verdict.valid, personal: verdict.personal }];
  });
}

/** Hosts compare as host:port (lower case, port 443 when none is written); shown as written. */
function hostsChange(a: InventoryEntry, b: InventoryEntry): HostsChange | undefined {
  const before = hostsOf(a);
  const after = hostsOf(b);
  const added = [...after].filter(([key]) => !before.has(key)).map(([, text]) => text);
  const removed = [...before].filter(([key]) => !after.has(key)).map(([, text]) => text);
  return added.length > 0 || removed.length > 0 ? { kind: 'hosts', added, removed } : undefined;
}

/** The entry's hosts by their comparison key, each with its text as first written. */
export function hostsOf(entry: InventoryEntry): Map<string, string> {
  const out = new Map<string, string>();
  for (const host of hostRefs(entry)) {
    const key = 'error' in host.parsed ? host.text.trim().toLowerCase() : host.parsed.key;
    if (!out.has(key)) out.set(key, host.text);
  }
  return out;
}

function renewalChanges(a: FieldSource | undefined, b: FieldSource | undefined, skipInherited: boolean): RenewalChange[] {
  const renewalA = a?.field('renewal');
  const renewalB = b?.field('renewal');
  if (skipInherited && renewalA?.inherited && renewalB?.inherited) return [];
  const out: RenewalChange[] = [];
  for (const part of ['method', 'sop'] as const) {
    const before = renewalPart(a, renewalA, part);
    const after = renewalPart(b, renewalB, part);
    if (before === after) continue;
    out.push({ kind: 'renewal', part, before, after, inheritedBefore: !!renewalA?.inherited, inheritedAfter: !!renewalB?.inherited });
  }
  return out;
}

function renewalPart(source: FieldSource | undefined, renewal: Field | undefined, part: 'method' | 'sop'): string | undefined {
  if (!source || !renewal || !isMap(renewal.node)) return undefined;
  const node = at(source.doc, renewal.node, part);
  return isScalar(node) && node.value !== null ? quoteText(String(node.value), 200) : undefined;
}

/** Every other key written on either side whose value differs, in the order they are written. */
function valueChanges(a: FieldSource | undefined, b: FieldSource | undefined, compared: Set<string>): ValueChange[] {
  const keys = [...new Set([...(b?.ownKeys() ?? []), ...(a?.ownKeys() ?? [])])].filter((k) => !compared.has(k));
  const out: ValueChange[] = [];
  for (const key of keys) {
    const fieldA = a?.field(key);
    const fieldB = b?.field(key);
    const before = fieldA && !fieldA.inherited ? comparableText(a!.text, fieldA) : undefined;
    const after = fieldB && !fieldB.inherited ? comparableText(b!.text, fieldB) : undefined;
    if (before === after) continue;
    out.push({
      kind: 'value',
      key: quoteText(key),
      before: before === undefined ? undefined : quoteText(before),
      after: after === undefined ? undefined : quoteText(after),
    });
  }
  return out;
}

/** A scalar's value, else the value's text as written with its whitespace collapsed (a list, a mapping, a PEM). */
function comparableText(text: string, field: Field): string {
  const node = field.node;
  if (isScalar(node)) return node.value === null ? '' : String(node.value instanceof Date ? node.value.toISOString() : node.value);
  const span = spanOf(node as Node | null, field.span);
  return text.slice(span.start, span.end).trim().replace(/\s+/g, ' ');
}

function keysOf(map: { items: unknown[] } | null): string[] {
  if (!map) return [];
  const out: string[] = [];
  for (const pair of map.items) {
    const key = keyText(pair as Parameters<typeof keyText>[0]);
    if (key !== undefined && key !== '<<') out.push(key);
  }
  return out;
}
