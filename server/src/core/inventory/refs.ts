/** Typed views of an inventory's values for rules and editor services: e-mails, hosts, expiry, warn days. */
import { isMap, isNode, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Config } from '../config';
import { describeValue, quoteText } from '../quote';
import { drain, pacer, type Steps } from '../steps';
import type { Span } from '../types';
import { resourceLabel } from './certManager';
import { parseExpiry, type Expiry } from './dates';
import { parseHostPort, type HostPort } from './hosts';
import { noAnchors } from './itemSplice';
import { tlsScheme, type TlsScheme } from '../../../../contract/src/tlsScheme';
import type { CertModel, Field, InventoryEntry } from './model';
import { at, deref, spanOf, stringOf } from './yaml';

export type EmailRole = 'owner' | 'notify' | 'escalation' | 'acme';

/** Lists in lists of addresses are followed this deep (an alias loop or a pathological file stops there). */
const MAX_ADDRESS_NESTING = 8;

export interface EmailRef {
  address: string;
  span: Span;
  role: EmailRole;
  /** "defaults", "entry api-gateway", "ClusterIssuer/letsencrypt-prod". */
  where: string;
  /** cert-manager addresses: templates there are expected, not malformed. */
  inManifest: boolean;
}

/** A value that is a template placeholder (${EMAIL}, {{ .Values.x }}) is not checked as data. */
/**
 * Several rules and services read the same views of a model; the model is immutable once built,
 * so each view is computed once per model (or entry) and kept as long as the model lives.
 */
const emailRefsCache = new WeakMap<object, EmailRef[]>();
const hostRefsCache = new WeakMap<object, HostRef[]>();
const expiryCache = new WeakMap<object, EntryExpiry | undefined>();
const issuedCache = new WeakMap<object, EntryExpiry | undefined>();

function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}

export function isPlaceholder(text: string): boolean {
  return /\$\{[^}]*\}|\{\{|\$\([^)]*\)|^\$[A-Z_]/.test(text);
}

/** Every address the file names, each once: defaults, entries (own values), ACME registrations. */
export function emailRefs(model: CertModel): EmailRef[] {
  return memo(emailRefsCache, model, () => drain(computeEmailRefs(model)));
}

/** emailRefs in steps (core/steps.ts), for the rules: every entry of a large inventory is read. */
export function* emailRefsSteps(model: CertModel): Steps<EmailRef[]> {
  let refs = emailRefsCache.get(model);
  if (!refs) emailRefsCache.set(model, (refs = yield* computeEmailRefs(model)));
  return refs;
}

/**
 * An entry's own addresses, kept while the entry is (an edit elsewhere keeps it: model.ts); null
 * when its nodes hold an anchor or an alias, so that what it names may be shared with other parts
 * of the file (it is then read with them, in file order).
 */
const entryEmailCache = new WeakMap<InventoryEntry, EmailRef[] | null>();

function* computeEmailRefs(model: CertModel): Steps<EmailRef[]> {
  const collector = new EmailCollector(model.inventory?.doc);
  const inv = model.inventory;
  if (inv?.defaults?.map) {
    const d = inv.defaults.map;
    collector.addAll(d.get('owner', true), 'owner', 'defaults');
    collector.addAll(d.get('notify', true), 'notify', 'defaults');
    const renewal = deref(inv.doc, d.get('renewal', true));
    if (isMap(renewal)) collector.addAll(renewal.get('escalation', true), 'escalation', 'defaults');
  }
  const pace = pacer();
  for (const entry of inv?.entries ?? []) {
    if (pace()) yield;
    const own = ownEmailRefs(entry, inv!.doc);
    // Nothing in it is shared: its addresses are its own, whatever the others hold.
    if (own) for (const ref of own) collector.out.push(ref);
    else collector.addEntry(entry);
  }
  for (const r of model.resources) {
    const email = at(r.doc, r.map, 'spec', 'acme', 'email');
    if (email) collector.add(email, email, 'acme', resourceLabel(r), true);
  }
  return collector.out;
}

function ownEmailRefs(entry: InventoryEntry, doc: Document.Parsed): EmailRef[] | null {
  let refs = entryEmailCache.get(entry);
  if (refs === undefined) {
    refs = isNode(entry.item) && noAnchors([entry.item]) ? new EmailCollector(doc).addEntry(entry).out : null;
    entryEmailCache.set(entry, refs);
  }
  return refs;
}

/** Collects addresses in file order, each node once. */
class EmailCollector {
  readonly out: EmailRef[] = [];
  private readonly seen = new Set<number>();
  /** Lists already read: aliases can make a list of lists an alias bomb, each list is read once. */
  private readonly listsRead = new Set<Node>();

  constructor(private readonly doc: Document.Parsed | undefined) {}

  /** `written`: where the value is written (an alias is reported where it is written, not at its anchor). */
  add(node: Node | null, written: Node | null, role: EmailRole, where: Place, inManifest = false): void {
    const start = spanOf(written).start;
    if (!isScalar(node) || typeof node.value !== 'string' || this.seen.has(start)) return;
    this.seen.add(start);
    this.out.push(new WrittenEmail(node.value.trim(), written, role, where, inManifest));
  }

  /**
   * A single address or a list of them, written at `raw`. A list inside the list is wrong
   * (cert/invalid-value says so) but its addresses are still checked: nesting must not hide a
   * personal one.
   */
  addAll(raw: unknown, role: EmailRole, where: Place, depth = 0): void {
    if (!this.doc) return;
    const node = deref(this.doc, raw);
    if (!isSeq(node)) return this.add(node, raw as Node | null, role, where);
    if (depth >= MAX_ADDRESS_NESTING || this.listsRead.has(node)) return;
    this.listsRead.add(node);
    for (const item of node.items) this.addAll(item, role, where, depth + 1);
  }

  addEntry(entry: InventoryEntry): this {
    this.addField(entry.own('owner'), 'owner', entry);
    this.addField(entry.own('notify'), 'notify', entry);
    const renewal = entry.own('renewal');
    if (renewal && isMap(renewal.node)) this.addAll(renewal.node.get('escalation', true), 'escalation', entry);
    return this;
  }

  private addField(field: Field | undefined, role: EmailRole, where: Place): void {
    if (field && !field.inherited) this.addAll(field.pair.value, role, where);
  }
}

/** Where an address is written: "defaults", a resource's label, or an entry (named only when a message asks). */
type Place = string | InventoryEntry;

/**
 * Its span is read on access, like a Field's: the entry (and this view) may outlive a re-parse that
 * moves it. So is `where`: a first lint of 5,000 entries built one for each and used a few.
 */
class WrittenEmail implements EmailRef {
  constructor(
    readonly address: string,
    private readonly written: Node | null,
    readonly role: EmailRole,
    private readonly place: Place,
    readonly inManifest: boolean,
  ) {}

  get where(): string {
    const entry = this.place;
    return typeof entry === 'string' ? entry : `entry ${entry.name === undefined ? `#${entry.index + 1}` : quoteText(entry.name)}`;
  }

  get span(): Span {
    return spanOf(this.written);
  }
}

export interface HostRef {
  text: string;
  span: Span;
  parsed: HostPort | { error: string };
}

/** Its span is read on access, like a Field's: the entry (and this view) may outlive a re-parse that moves it. */
class WrittenHost implements HostRef {
  constructor(
    readonly text: string,
    private readonly written: Node | Field,
    readonly parsed: HostPort | { error: string },
  ) {}

  get span(): Span {
    return 'pair' in this.written ? this.written.span : spanOf(this.written);
  }
}

/** `hosts:` as a list, or one host written as a plain string. */
export function hostRefs(entry: InventoryEntry): HostRef[] {
  return memo(hostRefsCache, entry, () => computeHostRefs(entry));
}

function computeHostRefs(entry: InventoryEntry): HostRef[] {
  const field = entry.own('hosts');
  if (!field) return [];
  const protocol = protocolOf(entry);
  const items: { node: Node | null; written: Node | Field }[] = isSeq(field.node)
    ? field.node.items.map((i) => ({ node: i as Node, written: i as Node }))
    : [{ node: field.node, written: field }];
  return items.flatMap(({ node, written }) => {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') return [];
    const text = String(node.value);
    return [new WrittenHost(text, written, parseHostPort(text, protocol))];
  });
}

/** The entry's `protocol` (or defaults'), when it names a known scheme; cert/invalid-value reports others. */
export function protocolOf(entry: InventoryEntry): TlsScheme | undefined {
  const name = textOf(entry.field('protocol'));
  // Exactly as the schema's enum writes them: lower case.
  return name === undefined || name !== name.toLowerCase() ? undefined : tlsScheme(name.trim());
}

export interface EntryExpiry {
  field: Field;
  parsed: Expiry | { error: string };
}

export function expiryOf(entry: InventoryEntry): EntryExpiry | undefined {
  return memo(expiryCache, entry, () => dateFieldOf(entry, 'expires'));
}

/** `issued` (notBefore), read like `expires`. */
export function issuedOf(entry: InventoryEntry): EntryExpiry | undefined {
  return memo(issuedCache, entry, () => dateFieldOf(entry, 'issued'));
}

function dateFieldOf(entry: InventoryEntry, key: 'expires' | 'issued'): EntryExpiry | undefined {
  const field = entry.own(key);
  if (!field) return undefined;
  const node = field.node;
  if (isScalar(node) && node.value instanceof Date) {
    return { field, parsed: { date: node.value, dateOnly: false, text: node.value.toISOString() } };
  }
  const text = isScalar(node) && node.value !== null ? String(node.value) : '';
  if (!text) return { field, parsed: { error: 'no date is given' } };
  return { field, parsed: parseExpiry(text) };
}

export interface WarnWindow {
  days: number;
  /** Where it was set; absent when the configured warnDays applies. */
  field?: Field;
}

/** A positive whole number of days: the entry's, else defaults', else the configured warnDays. */
export function warnDaysValue(field: Field | undefined): number | { error: string } | undefined {
  if (!field) return undefined;
  const node = field.node;
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    return { error: `warnDays must be a positive whole number of days, not ${isScalar(node) ? describeValue(node.value) : 'a collection'}` };
  }
  return value;
}

export function warnWindow(entry: InventoryEntry, config: Config): WarnWindow {
  const field = entry.field('warnDays');
  const value = warnDaysValue(field);
  return typeof value === 'number' ? { days: value, field } : { days: config.warnDays };
}

/** Plain string value of a field, or undefined. */
export function textOf(field: Field | undefined): string | undefined {
  return stringOf(field?.node);
}
