/**
 * Items (Certificates, entries) found by host as hostsMatch matches: the same name, or a wildcard
 * on either side covering one label. Built in one pass, each look-up a few map reads, so
 * comparing a workspace stays linear in its hosts.
 */
import { namespacesAgree } from './hostMatch';

export interface HostItem {
  readonly hosts: readonly string[];
  readonly namespace?: string;
}

export class HostLookup<T extends HostItem> {
  private readonly byHost = new Map<string, T[]>();
  /** Items by the parent domain of their plain (non-wildcard) hosts, for a wildcard looked up. */
  private readonly byParent = new Map<string, T[]>();

  constructor(items: Iterable<T>) {
    for (const item of items) {
      for (const host of item.hosts) {
        push(this.byHost, host, item);
        const parent = host.startsWith('*.') ? undefined : parentOf(host);
        if (parent !== undefined && !host.startsWith('*')) push(this.byParent, parent, item);
      }
    }
  }

  /** The items with a host matching `host` whose namespace agrees with `namespace`, each once. */
  matching(host: string, namespace: string | undefined): T[] {
    return matchingIn([this], host, namespace, () => true);
  }

  /**
   * Those with the same name, then those a wildcard relates (on either side); unfiltered, in the
   * order they were given. matchingIn merges several lookups in that order.
   */
  candidates(host: string): [readonly T[] | undefined, readonly T[] | undefined] {
    if (host.startsWith('*.')) return [this.byHost.get(host), this.byParent.get(host.slice(2))];
    const parent = parentOf(host);
    return [this.byHost.get(host), parent === undefined ? undefined : this.byHost.get(`*.${parent}`)];
  }
}

/**
 * What one lookup of all the lookups' items together would answer (their items in the lookups'
 * order), leaving out the items `keep` refuses; at most `limit` of them.
 */
export function matchingIn<T extends HostItem>(lookups: readonly HostLookup<T>[], host: string, namespace: string | undefined, keep: (item: T) => boolean, limit = Infinity): T[] {
  const parts = lookups.map((lookup) => lookup.candidates(host));
  const found = new Set<T>();
  for (const part of [0, 1] as const) {
    for (const candidates of parts) {
      for (const item of inNamespace(candidates[part], namespace)) {
        if (!keep(item)) continue;
        found.add(item);
        if (found.size >= limit) return [...found];
      }
    }
  }
  return [...found];
}

/**
 * The items of a candidate list whose namespace agrees with `namespace` (namespacesAgree), in the
 * list's order: thousands of entries of one host in as many namespaces were each compared at every
 * look-up (quadratic); the list is indexed by namespace once, when first asked.
 */
function inNamespace<T extends HostItem>(list: readonly T[] | undefined, namespace: string | undefined): readonly T[] {
  if (!list) return [];
  if (namespace === undefined || list.length < INDEX_FROM) return namespace === undefined ? list : list.filter((item) => namespacesAgree(item.namespace, namespace));
  let index = namespaceIndexes.get(list);
  if (!index) {
    index = { named: new Map(), unnamed: [] };
    list.forEach((item, at) => {
      if (item.namespace === undefined) index!.unnamed.push(at);
      else push(index!.named, item.namespace, at);
    });
    namespaceIndexes.set(list, index);
  }
  const named = index.named.get(namespace) ?? [];
  const { unnamed } = index;
  // Both lists of positions are ascending: merged, they give the list's order.
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < named.length || j < unnamed.length) {
    if (j >= unnamed.length || (i < named.length && named[i] < unnamed[j])) out.push(list[named[i++]]);
    else out.push(list[unnamed[j++]]);
  }
  return out;
}

/** Shorter lists are filtered as they are: an index would cost more than it saves. */
const INDEX_FROM = 16;

/** Positions in a candidate list, by namespace. The lists are complete once the lookup is built. */
const namespaceIndexes = new WeakMap<readonly HostItem[], { named: Map<string, number[]>; unnamed: number[] }>();

/** The domain a wildcard over `host` names (`api.example.com` -> `example.com`); undefined for a single label. */
function parentOf(host: string): string | undefined {
  const dot = host.indexOf('.');
  return dot > 0 && dot < host.length - 1 ? host.slice(dot + 1) : undefined;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== item) list.push(item);
  } else map.set(key, [item]);
}
