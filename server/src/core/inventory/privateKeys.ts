/**
 * Private keys committed in a YAML file: found in the raw text (values, comments, block scalars)
 * and in the parsed string values, where YAML escapes (`"\x2d\x2d\x2d\x2d\x2dBEGIN ..."`) hide the
 * armour from the text. One block is one finding, whichever way it was found.
 */
import { isScalar, isSeq, type Node } from 'yaml';
import { reachable, reachableSteps } from '../limits/walk';
import { pacer, type Steps } from '../steps';
import type { Span } from '../types';
import type { CertModel } from './model';
import { PRIVATE_KEY_BLOCK, privateKeySpans } from './pem';
import { spanOf } from './yaml';

export interface PrivateKeyBlock {
  span: Span;
  /** "RSA PRIVATE KEY", "PRIVATE KEY". */
  label: string;
}

/** The fields of YAML nodes that hold nodes: collections' items, pairs' keys and values. */
const NODE_FIELDS = ['contents', 'items', 'key', 'value'] as const;
/** Values walked between two steps (an entry of an inventory is a few dozen). */
const NODES_PER_STEP = 5_000;
/** Inventory entries read between two steps. */
const ENTRIES_PER_STEP = 250;

/** A string value that holds a private key block, found by the walk. */
interface KeyValue {
  node: Node;
  label: string;
}

/**
 * The key values under one list item of an inventory, kept while the item is: an edit elsewhere
 * leaves it as it was (moved, perhaps: spans are read from the nodes when reported). The walk
 * follows no alias, so what lies under an item is the item's alone.
 */
const itemKeyValues = new WeakMap<object, KeyValue[]>();

/** In steps (core/steps.ts): every node of every document is looked at. */
export function* privateKeyBlocks(model: CertModel): Steps<PrivateKeyBlock[]> {
  const out: PrivateKeyBlock[] = privateKeySpans(model.text);
  const inText = out.map((b) => b.span.start).sort((a, b) => a - b);
  const found: KeyValue[] = [];
  const list = model.inventory?.certificates?.node;
  const items = isSeq(list) ? list : undefined;
  for (const doc of model.yaml.documents) {
    yield* reachableSteps(doc, NODE_FIELDS, NODES_PER_STEP, (node) => {
      // The inventory's entries: read below, each once while it stays.
      if ((node as unknown) === items) return false;
      return visit(node, found);
    });
  }
  const pace = pacer(ENTRIES_PER_STEP);
  for (const item of items?.items ?? []) {
    if (pace()) yield;
    if (!item || typeof item !== 'object') continue;
    let values = itemKeyValues.get(item);
    if (!values) {
      const own: KeyValue[] = [];
      reachable(item, NODE_FIELDS, (node) => visit(node, own));
      itemKeyValues.set(item, (values = own));
    }
    for (const value of values) found.push(value);
  }
  for (const { node, label } of found) {
    const span = spanOf(node);
    // Written plainly, the text scan has it already: one finding per key.
    if (span.end > span.start && !anyWithin(inText, span)) out.push({ span, label });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function visit(node: Record<string, unknown>, found: KeyValue[]): boolean | void {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('PRIVATE KEY')) return;
  const label = firstLabel(node.value);
  if (label === undefined) return false;
  found.push({ node, label });
  return false;
}

function firstLabel(value: string): string | undefined {
  const m = new RegExp(PRIVATE_KEY_BLOCK.source).exec(value);
  return m ? `${m[1]}PRIVATE KEY` : undefined;
}

/** Is any of the sorted offsets inside the span? */
function anyWithin(sorted: number[], span: Span): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < span.start) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low] < span.end;
}
