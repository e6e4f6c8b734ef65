/**
 * What one YAML file tells the cross-file rules (cert/not-in-inventory, cert/no-certificate-resource):
 * its cert-manager Certificates (names from `spec.dnsNames` and `spec.commonName`, namespace from
 * `metadata.namespace`) and its inventory entries' hosts, with positions from the YAML parser.
 * Kept small, so a workspace of them is cheap: names, namespace, a label and one position per
 * Certificate and per entry, nothing else of the file.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import { quoteText } from '../quote';
import type { BaseModel } from '../rule';
import { drain, pacer, type Steps } from '../steps';
import type { Span } from '../types';
import type { CertManagerResource } from './certManager';
import { renewalMethod } from './facts';
import { namespaceName, normalizeHost } from './hostMatch';
import { entryLabel, type CertModel, type InventoryEntry } from './model';
import { hostRefs, isPlaceholder, textOf } from './refs';
import { at, deref, pairOf, spanOf } from './yaml';
import type { CertFileFacts, CertWorkspace, IndexedCertificate, IndexedEntry, Place } from './workspaceFacts';
import { FileAmongOthers, otherFilesHoldCertificates } from './workspaceLookups';

export { HostLookup } from './hostLookup';
export type { FileAmongOthers } from './workspaceLookups';

export type { CertFileFacts, CertWorkspace, IndexedCertificate, IndexedEntry, Place } from './workspaceFacts';

/** A file's facts, computed once per model (both cross-file rules read them). */
const factsOfModel = new WeakMap<CertModel, CertFileFacts>();

/**
 * In steps (core/steps.ts): the file being linted among the other files of its workspace (see
 * workspaceLookups.ts); the first rule to ask reads every entry of the file. Undefined while the
 * workspace is not read yet, and when no file holds a cert-manager Certificate: both rules compare
 * Certificates with entries, so neither has anything to say, and an inventory's facts (every entry)
 * are not computed on each edit.
 */
export function* workspaceView(model: CertModel, context: { workspace?: CertWorkspace; document: { path?: string } }): Steps<FileAmongOthers | undefined> {
  const { workspace } = context;
  if (workspace && !workspace.complete) return undefined;
  const path = context.document.path;
  if (!holdsCertificate(model) && !otherFilesHoldCertificates(workspace, path)) return undefined;
  return new FileAmongOthers(yield* factsOfSteps(model), path, workspace);
}

/** Whether a model holds a cert-manager Certificate (one whose names are all templated counts: its facts say so). */
export function holdsCertificate(model: CertModel): boolean {
  return model.resources.some((r) => r.kind === 'Certificate');
}

function factsOf(model: CertModel): CertFileFacts {
  return drain(factsOfSteps(model));
}

function* factsOfSteps(model: CertModel): Steps<CertFileFacts> {
  let facts = factsOfModel.get(model);
  if (!facts) factsOfModel.set(model, (facts = yield* certFileFactsSteps(model)));
  return facts;
}

/** Related information at a place of `file`: within the linted file as a span, in another as its URI, path and range. */
export function relatedAt(view: FileAmongOthers, file: CertFileFacts, place: Place, message: string) {
  if (file === view.own) return { span: place.span, message };
  return { span: place.span, message, uri: file.uri, path: file.path, range: place.range };
}

/** The facts of a parsed YAML file; none for a file that neither is an inventory nor holds a Certificate. */
export function certFileFacts(model: CertModel, where: { path?: string; uri?: string } = {}): CertFileFacts {
  return drain(certFileFactsSteps(model, where));
}

function* certFileFactsSteps(model: CertModel, where: { path?: string; uri?: string } = {}): Steps<CertFileFacts> {
  const pace = pacer();
  const certificates: IndexedCertificate[] = [];
  for (const r of model.resources) {
    if (pace()) yield;
    if (r.kind === 'Certificate') certificates.push(...certificateOf(model, r));
  }
  const inventory = model.inventory;
  const place = (span: Span): Place => ({ span, range: model.lines.rangeOf(span) });
  const entries: IndexedEntry[] = [];
  if (inventory && model.kind === 'inventory') {
    for (const e of inventory.entries) {
      if (pace()) yield;
      entries.push(...entryOf(model, e));
    }
  }
  return {
    path: where.path ?? model.path,
    uri: where.uri,
    certificates,
    inventory: inventory && model.kind === 'inventory' ? place(inventory.certificates?.keySpan ?? { start: 0, end: 0 }) : undefined,
    entries,
  };
}

/** The facts of a parsed file (its certificate YAML model, if any), for an index; undefined for other kinds. */
export function factsOfParsed(parsed: readonly { model: BaseModel }[], where: { path?: string; uri?: string }): CertFileFacts | undefined {
  const model = parsed.find((p) => p.model.kind === 'inventory' || p.model.kind === 'cert-manager')?.model as CertModel | undefined;
  // The same facts the model's own lint computes (once per model), named for other files.
  return model ? { ...factsOf(model), path: where.path ?? model.path, uri: where.uri } : undefined;
}

/** Whether the facts say anything the cross-file rules read. */
export function hasCrossFileFacts(facts: CertFileFacts): boolean {
  return facts.certificates.length > 0 || facts.inventory !== undefined;
}

/**
 * A key that changes when what other files' findings say changes: hosts, namespaces and labels of
 * Certificates and entries, whether the file is an inventory, and the lines related information
 * points at.
 */
const keys = new WeakMap<CertFileFacts, { certificates: string; entries: string }>();

export function crossFileKey(facts: CertFileFacts): { certificates: string; entries: string } {
  let key = keys.get(facts);
  if (!key) keys.set(facts, (key = computeKey(facts)));
  return key;
}

function computeKey(facts: CertFileFacts): { certificates: string; entries: string } {
  return {
    certificates: JSON.stringify(facts.certificates.map((c) => [c.label, c.namespace, c.hosts, c.range.start.line])),
    entries: JSON.stringify([facts.inventory?.range.start.line, facts.entries.map((e) => [e.label, e.namespace, e.hosts, e.certManager])]),
  };
}

function certificateOf(model: CertModel, resource: CertManagerResource): IndexedCertificate[] {
  const spec = at(resource.doc, resource.map, 'spec');
  const dnsNames = at(resource.doc, spec, 'dnsNames');
  const commonName = at(resource.doc, spec, 'commonName');
  const names = [...(isSeq(dnsNames) ? dnsNames.items : []), commonName].flatMap((node) => scalarText(deref(resource.doc, node)));
  const { hosts, written } = usable(names);
  // A Certificate whose names are all templated (or absent) cannot be matched either way.
  if (hosts.length === 0) return [];
  const span = isSeq(dnsNames) && dnsNames.items.length > 0 ? keyToLastItem(resource, spec, dnsNames) : commonName ? spanOf(commonName) : resource.selectionSpan;
  return [{ label: certificateLabel(resource), namespace: namespaceName(resource.namespace), hosts, written, span, range: model.lines.rangeOf(span) }];
}

/** `Certificate "prod/api"` as kubectl names it (namespace/name), for messages that reach another file. */
function certificateLabel(resource: CertManagerResource): string {
  if (resource.name === undefined) return 'Certificate (unnamed)';
  const name = resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name;
  return `Certificate "${quoteText(name)}"`;
}

/** `dnsNames:` from its key to its last name, as written (a block list's own range runs on to the next line; an alias is its own text). */
function keyToLastItem(resource: CertManagerResource, spec: Node | null, dnsNames: YAMLSeq): Span {
  const pair = isMap(spec) ? pairOf(resource.doc, spec, 'dnsNames') : undefined;
  const written = (pair?.value ?? dnsNames) as Node;
  const last = isSeq(written) && !written.flow ? (written.items[written.items.length - 1] as Node | null) : written;
  const start = spanOf(pair?.key as Node | null, spanOf(written)).start;
  return { start, end: Math.max(start, spanOf(last, spanOf(written)).end) };
}

/**
 * What an entry says, kept per entry: an edit re-parses only the entries it touched and keeps the
 * others (the same objects), so a keystroke in a large inventory recomputes one entry, not all.
 */
type EntryData = Omit<IndexedEntry, 'span' | 'range'>;
const entryData = new WeakMap<InventoryEntry, EntryData | null>();

function entryOf(model: CertModel, entry: InventoryEntry): IndexedEntry[] {
  let data = entryData.get(entry);
  if (data === undefined) {
    const { hosts, written } = usable(hostRefs(entry).map((h) => h.text));
    data =
      hosts.length === 0
        ? null
        : { label: entryLabel(entry), namespace: namespaceName(textOf(entry.field('namespace'))), hosts, written, certManager: renewalMethod(entry, model) === 'cert-manager' };
    entryData.set(entry, data);
  }
  if (!data) return [];
  // Positions are read now: the entry's nodes move with edits above it.
  const span = entry.anchor;
  return [{ ...data, span, range: model.lines.rangeOf(span) }];
}

function scalarText(node: unknown): string[] {
  return isScalar(node as Node) && (node as { value: unknown }).value !== null && typeof (node as { value: unknown }).value !== 'object'
    ? [String((node as { value: unknown }).value)]
    : [];
}

/** Names that can be compared: templated ones (`{{ .Values.host }}`, `${HOST}`) are left out; each once. */
function usable(names: string[]): { hosts: string[]; written: string[] } {
  const hosts: string[] = [];
  const written: string[] = [];
  for (const name of names) {
    if (isPlaceholder(name)) continue;
    const host = normalizeHost(name);
    if (host === undefined || hosts.includes(host)) continue;
    hosts.push(host);
    written.push(name.trim());
  }
  return { hosts, written };
}

/**
 * The facts of a workspace's files, by path: what the CLI builds from the files it is given and
 * the language server keeps for its workspace. A file with nothing to say is not kept.
 */
export class CertWorkspaceIndex implements CertWorkspace {
  private readonly byPath = new Map<string, CertFileFacts>();
  private changes = 0;

  constructor(public complete = true) {}

  /** Stores the file's facts; returns whether what other files' findings depend on changed. */
  set(path: string, facts: CertFileFacts | undefined): boolean {
    const before = this.byPath.get(path);
    const kept = facts && hasCrossFileFacts(facts) ? facts : undefined;
    if (kept) this.byPath.set(path, kept);
    else this.byPath.delete(path);
    if (kept || before) this.changes++;
    return changedFor(before, kept);
  }

  delete(path: string): boolean {
    return this.set(path, undefined);
  }

  get(path: string): CertFileFacts | undefined {
    return this.byPath.get(path);
  }

  *others(path: string | undefined): Iterable<CertFileFacts> {
    for (const [key, facts] of this.byPath) if (key !== path) yield facts;
  }

  all(): Iterable<CertFileFacts> {
    return this.byPath.values();
  }

  files(): Iterable<readonly [string, CertFileFacts]> {
    return this.byPath.entries();
  }

  get version(): number {
    return this.changes;
  }
}

/** What changed between two versions of a file's facts, as the other files see it. */
export function changedFor(before: CertFileFacts | undefined, after: CertFileFacts | undefined): boolean {
  const a = before ? crossFileKey(before) : undefined;
  const b = after ? crossFileKey(after) : undefined;
  return a?.certificates !== b?.certificates || a?.entries !== b?.entries;
}
