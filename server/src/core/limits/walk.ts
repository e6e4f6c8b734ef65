/**
 * Tree walks without recursion: a document can nest deeper than the call stack, and a walk
 * that overflows turns a valid (if odd) document into an internal error. Each is written once, in
 * steps; the plain walk drains it without a yield.
 */
import { drain, pacer } from '../steps';

/**
 * Visits `root` and its descendants in document order (pre-order). `enter` returns false to skip
 * a node's children.
 */
export function preorder<T extends object>(root: T, enter: (node: T) => boolean | void): void {
  drain(preorderWithParentSteps(root, Infinity, (node) => enter(node)));
}

/** `preorder`, telling `enter` each node's parent (undefined for the root). */
export function preorderWithParent<T extends object>(root: T, enter: (node: T, parent: T | undefined) => boolean | void): void {
  drain(preorderWithParentSteps(root, Infinity, enter));
}

/** `preorder` in steps (core/steps.ts): a yield every `perStep` nodes, for a walk over a whole large document. */
export function* preorderSteps<T extends object>(root: T, perStep: number, enter: (node: T) => boolean | void): Generator<void, void, void> {
  yield* preorderWithParentSteps(root, perStep, (node) => enter(node));
}

/** `preorderWithParent` in steps (core/steps.ts): a yield every `perStep` nodes (never, for Infinity). */
export function* preorderWithParentSteps<T extends object>(root: T, perStep: number, enter: (node: T, parent: T | undefined) => boolean | void): Generator<void, void, void> {
  const pace = pacer(perStep);
  const stack: { node: T; parent: T | undefined }[] = [{ node: root, parent: undefined }];
  while (stack.length > 0) {
    if (pace()) yield;
    const { node, parent } = stack.pop()!;
    if (enter(node, parent) === false) continue;
    const children = (node as { children?: readonly T[] }).children;
    if (!children) continue;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], parent: node });
  }
}

/** Every value reachable through `fields` of objects and arrays, in any order: for CST-like trees. */
export function reachable(root: unknown, fields: readonly string[], visit: (value: Record<string, unknown>) => boolean | void): void {
  drain(reachableSteps(root, fields, Infinity, visit));
}

/** `reachable` in steps (core/steps.ts): a yield every `perStep` values (never, for Infinity). */
export function* reachableSteps(root: unknown, fields: readonly string[], perStep: number, visit: (value: Record<string, unknown>) => boolean | void): Generator<void, void, void> {
  const pace = pacer(perStep);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    if (pace()) yield;
    const value = stack.pop();
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (visit(record) === false) continue;
    for (const field of fields) if (record[field] !== undefined) stack.push(record[field]);
  }
}
