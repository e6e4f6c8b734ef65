/**
 * A team's front-matter schema comes from the repository: untrusted. Patterns run in linear time
 * (see schemaValidator.ts); what is left is the schema's shape. A validator's work on one value
 * grows with the schema as its `$ref`s unfold: a few dozen references, each used twice by the
 * next, stand for billions of checks, and a reference back to itself never ends. Before a schema
 * is compiled, its unfolded size is counted (each reference's target once, memoized) and bounded;
 * references are local JSON pointers (`#/definitions/x`), never circular.
 */
import { quoteText } from '../quote';

/** Subschemas once every `$ref` is replaced by its target: far above any real front-matter schema. */
export const MAX_UNFOLDED_SUBSCHEMAS = 20_000;
/** Objects nested in the schema (compiling recurses through them). */
export const MAX_SCHEMA_DEPTH = 64;
/** References followed one inside another (each is a stack frame here and in the compiler). */
const MAX_REF_CHAIN = 32;

/** Keywords whose values are data, not subschemas: a `$ref` inside them is not a reference. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);
/** References resolved by the validator at run time, or by an anchor: not bounded here, refused. */
const DYNAMIC_REFS = ['$dynamicRef', '$recursiveRef'];

/** Why the schema is not used, or undefined when it may be compiled. */
export function unsafeSchemaReason(schema: unknown): string | undefined {
  const deep = depthOver(schema, MAX_SCHEMA_DEPTH);
  if (deep) return `it nests more than ${MAX_SCHEMA_DEPTH} levels deep`;
  const counter = new UnfoldedCounter(schema);
  try {
    const size = counter.count(schema, 0);
    if (size > MAX_UNFOLDED_SUBSCHEMAS) return tooLarge();
  } catch (e) {
    if (e instanceof SchemaRefused) return e.message;
    throw e;
  }
  return undefined;
}

const tooLarge = () => `its references unfold into more than ${MAX_UNFOLDED_SUBSCHEMAS.toLocaleString('en-US')} subschemas`;

class SchemaRefused extends Error {}

function depthOver(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(value as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}

class UnfoldedCounter {
  private readonly sizes = new Map<string, number>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly root: unknown) {}

  /** Subschemas of `value` with every reference unfolded; refuses circular and non-local ones. */
  count(value: unknown, refDepth: number): number {
    if (!value || typeof value !== 'object') return 0;
    if (Array.isArray(value)) return value.reduce((sum: number, item) => this.add(sum, this.count(item, refDepth)), 0);
    const record = value as Record<string, unknown>;
    for (const keyword of DYNAMIC_REFS) if (typeof record[keyword] === 'string') throw new SchemaRefused(`it uses ${keyword}, which is not supported here`);
    // A nested $id starts a resource of its own, against which its references resolve: not followed here.
    if (record !== this.root && typeof record.$id === 'string') throw new SchemaRefused('it gives a subschema an $id of its own, which is not supported here');
    let size = 1;
    if (typeof record.$ref === 'string') size = this.add(size, this.countRef(record.$ref, refDepth));
    for (const [key, child] of Object.entries(record)) {
      if (DATA_KEYWORDS.has(key) || key === '$ref') continue;
      size = this.add(size, this.count(child, refDepth));
    }
    return size;
  }

  private add(a: number, b: number): number {
    const sum = a + b;
    // Stop counting early: the number may grow exponentially, the work must not.
    if (sum > MAX_UNFOLDED_SUBSCHEMAS) throw new SchemaRefused(tooLarge());
    return sum;
  }

  private countRef(ref: string, refDepth: number): number {
    if (ref !== '#' && !ref.startsWith('#/')) {
      throw new SchemaRefused(`it refers to "${quoteText(ref, 60)}"; only references inside the file (#/definitions/…) are supported`);
    }
    const known = this.sizes.get(ref);
    if (known !== undefined) return known;
    if (this.inProgress.has(ref)) throw new SchemaRefused(`"${quoteText(ref, 60)}" refers to itself (a recursive schema), which is not supported here`);
    if (refDepth > MAX_REF_CHAIN) throw new SchemaRefused(`its references chain more than ${MAX_REF_CHAIN} deep`);
    const target = pointer(this.root, ref);
    if (target === undefined) throw new SchemaRefused(`"${quoteText(ref, 60)}" points to nothing in the file`);
    this.inProgress.add(ref);
    const size = this.count(target, refDepth + 1);
    this.inProgress.delete(ref);
    this.sizes.set(ref, size);
    return size;
  }
}

/** The value a local JSON pointer (`#/definitions/a~1b`) names; undefined when there is none. */
export function pointer(root: unknown, ref: string): unknown {
  let value = root;
  const fragment = ref.slice(1);
  if (fragment === '') return root;
  for (const raw of fragment.slice(1).split('/')) {
    let step: string;
    try {
      step = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}
