/**
 * How an inventory entry and a cert-manager Certificate are matched across files: by host name,
 * a wildcard on either side covering exactly one label, and by namespace when both name one.
 */

/** A DNS name as compared: lower case, no trailing dot, no port (an entry may say `host:8443`). */
export function normalizeHost(text: string): string | undefined {
  let host = text.trim().toLowerCase();
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1] || undefined;
  // One colon: host:port. More: an IPv6 address, kept whole.
  if (host.indexOf(':') === host.lastIndexOf(':')) host = host.replace(/:\d*$/, '');
  host = host.replace(/\.$/, '');
  return host === '' ? undefined : host;
}

/** `*.example.com` covers `api.example.com` (one label, as TLS wildcards do), not `example.com` or `a.b.example.com`. */
function wildcardCovers(wildcard: string, host: string): boolean {
  if (!wildcard.startsWith('*.')) return false;
  const suffix = wildcard.slice(1);
  if (!host.endsWith(suffix) || host.length <= suffix.length) return false;
  const label = host.slice(0, host.length - suffix.length);
  return label !== '*' && !label.includes('.');
}

/** Both normalized (normalizeHost): the same name, or a wildcard on either side covering the other. */
export function hostsMatch(a: string, b: string): boolean {
  return a === b || wildcardCovers(a, b) || wildcardCovers(b, a);
}

/**
 * An entry's `namespace` may be qualified by its cluster (`prod-cluster/gateway`, see
 * cert/namespace-ambiguous); the Kubernetes namespace is its last part.
 */
export function namespaceName(text: string | undefined): string | undefined {
  const name = text?.trim().split('/').pop()?.trim().toLowerCase();
  return name ? name : undefined;
}

/** Namespaces must agree only when both sides name one. */
export function namespacesAgree(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
