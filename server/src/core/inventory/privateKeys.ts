/**
 * Private keys committed in a YAML file: found in the raw text (values, comments, block scalars)
 * and in the parsed string values, where YAML escapes (`"\x2d\x2d\x2d\x2d\x2dBEGIN ..."`) hide the
 * armour from the text. One block is one finding, whichever way it was found.
 */
import { isScalar } from 'yaml';
import { reachableSteps } from '../limits/walk';
import type { Steps } from '../steps';
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

/** In steps (core/steps.ts): every node of every document is looked at. */
export function* privateKeyBlocks(model: CertModel): Steps<PrivateKeyBlock[]> {
  const out: PrivateKeyBlock[] = privateKeySpans(model.text);
  const inText = out.map((b) => b.span.start).sort((a, b) => a - b);
  for (const doc of model.yaml.documents) {
    yield* reachableSteps(doc, NODE_FIELDS, NODES_PER_STEP, (node) => {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('PRIVATE KEY')) return;
      const label = firstLabel(node.value);
      if (label === undefined) return false;
      const span = spanOf(node);
      // Written plainly, the text scan has it already: one finding per key.
      if (span.end > span.start && !anyWithin(inText, span)) out.push({ span, label });
      return false;
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
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
