/**
 * The model every cert/* rule and editor service reads: the YAML documents of one file, the
 * inventory they hold (if any) and their cert-manager resources, with spans from the YAML AST.
 */
import { dirname } from 'node:path';
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Config } from '../config';
import { matchesGlobs } from '../globs';
import type { BaseModel } from '../rule';
import { quoteText } from '../quote';
import { drain, type Steps } from '../steps';
import { LineIndex } from '../text';
import type { SourceDocument, Span } from '../types';
import { certManagerResources, isCertManagerDocument, type CertManagerResource } from './certManager';
import { parseByEntriesSteps } from './chunked';
import { INHERITED_KEYS } from './keys';
import { deref, directivesFrom, keyText, pairOf, parseYaml, spanOf, type ParsedYaml } from './yaml';

/** A key and its value, as written (own) or taken from `defaults` (inherited). */
export interface Field {
  key: string;
  pair: Pair;
  keySpan: Span;
  /** The value, aliases followed. */
  node: Node | null;
  /** Where the value is written; the key's span when the value is empty. */
  span: Span;
  inherited: boolean;
}

export interface InventoryEntry {
  index: number;
  /** The list item as parsed (an entry is reused while the same node stands at its index). */
  item: unknown;
  /** The entry's mapping; null when the list item is not a mapping. */
  map: YAMLMap | null;
  span: Span;
  /** Where entry-level findings and lenses go: the name's value, else the first key. */
  anchor: Span;
  name?: string;
  /** The entry's own value for `key`. */
  own(key: string): Field | undefined;
  /** Its own value, else the one inherited from `defaults`. */
  field(key: string): Field | undefined;
}

/** How a message names an entry: by its name (quoted, shortened), else by its position. */
export function entryLabel(entry: InventoryEntry): string {
  return entry.name !== undefined ? `"${quoteText(entry.name)}"` : `#${entry.index + 1}`;
}

/** A host as written in the document, for a message. */
export function hostLabel(host: { text: string }): string {
  return quoteText(host.text);
}

export interface Inventory {
  doc: Document.Parsed;
  root: YAMLMap | null;
  /** The `certificates` key and value, when present. */
  certificates?: Field;
  defaults?: { map: YAMLMap | null; field: Field };
  entries: InventoryEntry[];
}

export interface CertModel extends BaseModel {
  path?: string;
  yaml: ParsedYaml;
  inventory?: Inventory;
  resources: CertManagerResource[];
  /** Helm/Jinja/envsubst markers were seen: syntax findings say so. */
  templated: boolean;
  /** Where pemFile may point (see SourceDocument.root), and whether it may leave it. */
  fileRoot?: string;
  allowPathsOutsideWorkspace: boolean;
}

/**
 * Spans are read from the nodes on each access: an incremental re-parse moves the nodes of
 * unchanged entries in place, and their fields (and entries) stay valid from one version to the
 * next. A class, so the getters live on the prototype (object literals with getters cost ~0.5 KB
 * each; an inventory has tens of thousands of fields).
 */
class YamlField implements Field {
  readonly key: string;
  readonly node: Node | null;

  constructor(
    doc: Document.Parsed,
    readonly pair: Pair,
    readonly inherited: boolean,
  ) {
    this.key = keyText(pair) ?? '';
    this.node = deref(doc, pair.value);
  }

  get keySpan(): Span {
    return spanOf(this.pair.key as Node | null);
  }

  get span(): Span {
    const keySpan = this.keySpan;
    const written = spanOf(this.pair.value as Node | null, keySpan);
    return written.end > written.start ? written : keySpan;
  }
}

export function fieldOf(doc: Document.Parsed, pair: Pair, inherited = false): Field {
  return new YamlField(doc, pair, inherited);
}

/** Parses a YAML file into the model; `applies` when it is an inventory or holds cert-manager resources. */
export function buildCertModel(document: SourceDocument, config: Config): CertModel {
  return drain(certModelSteps(document, config));
}

/** buildCertModel in steps (core/steps.ts): a large inventory's batches, then the model. */
export function* certModelSteps(document: SourceDocument, config: Config): Steps<CertModel> {
  // A large inventory parses by batches of entries (less memory, less garbage); else whole.
  const yaml = (yield* parseByEntriesSteps(document.text)) ?? parseYaml(document.text);
  yield;
  return certModelFrom(document, config, yaml);
}

/**
 * Builds the model from the document's YAML, parsed whole or re-parsed in part (see
 * incremental.ts, which gives the new text's line index too).
 */
export function certModelFrom(document: SourceDocument, config: Config, yaml: ParsedYaml, previous?: Inventory, lines?: LineIndex): CertModel {
  const model = modelOf(document, config, yaml, previous, lines);
  if (model.inventory) return { ...model, kind: 'inventory', applies: true };
  return { ...model, kind: 'cert-manager', applies: model.resources.length > 0 };
}

function modelOf(document: SourceDocument, config: Config, yaml: ParsedYaml, previous?: Inventory, lines = new LineIndex(document.text)): CertModel {
  const text = document.text;
  return {
    kind: 'inventory',
    text,
    lines,
    applies: false,
    directives: directivesFrom(yaml.comments, lines),
    path: document.path,
    yaml,
    inventory: findInventory(yaml.documents, document, config, previous),
    resources: yaml.documents.flatMap((doc) => certManagerResources(doc)),
    templated: isTemplated(text),
    fileRoot: document.root ?? (document.path ? dirname(document.path) : undefined),
    allowPathsOutsideWorkspace: config.allowPathsOutsideWorkspace === true,
  };
}

/** Helm/Jinja/envsubst markers anywhere in the text. */
export function isTemplated(text: string): boolean {
  return /\{\{|\{%|#%|\$\{[A-Za-z_]/.test(text);
}

/**
 * The first document with a top-level `certificates:` list; any document when the path matches
 * the globs, unless the file holds cert-manager resources: content decides before the name does.
 */
function findInventory(docs: Document.Parsed[], document: SourceDocument, config: Config, previous?: Inventory): Inventory | undefined {
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const pair = pairOf(doc, root, 'certificates');
    if (pair && isSeq(deref(doc, pair.value))) return buildInventory(doc, root, previous);
  }
  if (!matchesGlobs(document.path, config.inventoryGlobs) || docs.some(isCertManagerDocument)) return undefined;
  const doc = docs.find((d) => isMap(d.contents)) ?? docs[0];
  if (!doc) return undefined;
  return buildInventory(doc, isMap(doc.contents) ? doc.contents : null);
}

function buildInventory(doc: Document.Parsed, root: YAMLMap | null, previous?: Inventory): Inventory {
  const certificatesPair = root ? pairOf(doc, root, 'certificates') : undefined;
  const defaultsPair = root ? pairOf(doc, root, 'defaults') : undefined;
  const defaults = defaultsPair ? { field: fieldOf(doc, defaultsPair), map: null as YAMLMap | null } : undefined;
  if (defaults && isMap(defaults.field.node)) defaults.map = defaults.field.node;
  const certificates = certificatesPair ? fieldOf(doc, certificatesPair) : undefined;
  const items = isSeq(certificates?.node) ? certificates.node.items : [];
  const defaultsMap = defaults?.map ?? null;
  // An entry whose item node is unchanged (same node, same index, same defaults) is the same entry.
  const reusable = previous && previous.doc === doc && (previous.defaults?.map ?? null) === defaultsMap ? previous.entries : [];
  const entries = items.map((item, index) =>
    reusable[index]?.item === item ? reusable[index] : buildEntry(doc, item, index, defaultsMap),
  );
  return { doc, root, certificates, defaults, entries };
}

function buildEntry(doc: Document.Parsed, item: unknown, index: number, defaults: YAMLMap | null): InventoryEntry {
  return new Entry(doc, item, index, defaults);
}

class Entry implements InventoryEntry {
  readonly map: YAMLMap | null;
  readonly name?: string;
  private readonly nameField: Field | undefined;
  // Every rule asks every entry for its fields: each is looked up once per entry. Key and
  // field side by side in small arrays (two Maps per entry were 3 MB for 5,000 entries).
  private readonly owned: (string | Field | undefined)[] = [];
  private readonly inherited: (string | Field | undefined)[] = [];

  constructor(
    private readonly doc: Document.Parsed,
    readonly item: unknown,
    readonly index: number,
    private readonly defaults: YAMLMap | null,
  ) {
    const node = deref(doc, item);
    this.map = isMap(node) ? node : null;
    this.nameField = this.own('name');
    const value = this.nameField?.node;
    this.name = isScalar(value) && value.value !== null ? String(value.value) : undefined;
  }

  get span(): Span {
    return spanOf(this.item as Node | null);
  }

  get anchor(): Span {
    if (this.name !== undefined && this.nameField) return this.nameField.span;
    const span = this.span;
    return this.map?.items[0] ? spanOf(this.map.items[0].key as Node | null, span) : span;
  }

  own(key: string): Field | undefined {
    return remembered(this.owned, key, () => {
      const pair = this.map ? pairOf(this.doc, this.map, key) : undefined;
      return pair ? fieldOf(this.doc, pair) : undefined;
    });
  }

  field(key: string): Field | undefined {
    return this.own(key) ?? remembered(this.inherited, key, () => {
      if (!this.defaults || !INHERITED_KEYS.includes(key)) return undefined;
      const pair = pairOf(this.doc, this.defaults, key);
      return pair ? fieldOf(this.doc, pair, true) : undefined;
    });
  }
}

function remembered(looked: (string | Field | undefined)[], key: string, find: () => Field | undefined): Field | undefined {
  for (let i = 0; i < looked.length; i += 2) if (looked[i] === key) return looked[i + 1] as Field | undefined;
  const found = find();
  looked.push(key, found);
  return found;
}

/** The model with only the entries that start in [fromLine, toLine), and no cert-manager resources. */
export function restrictToLines(model: CertModel, fromLine: number, toLine: number): CertModel {
  const inventory = model.inventory;
  if (!inventory) return { ...model, resources: [] };
  const entries = inventory.entries.filter((entry) => {
    const line = model.lines.positionAt(entry.span.start).line;
    return line >= fromLine && line < toLine;
  });
  return { ...model, inventory: { ...inventory, entries }, resources: [] };
}
