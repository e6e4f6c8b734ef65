/**
 * The syntax both host readers share: `host`, `host:port`, `[v6]`, `[v6]:port` split at the
 * port's colon, and a port's digits. What each accepts beyond that, and how it words a problem,
 * is its own: the server's core/inventory/hosts.ts validates what an inventory holds, hostPort.ts
 * reads what a person types (URLs, bare IPv6).
 */
/** The port a host is probed on, and an inventory's host is keyed with, when none is written. */
export const DEFAULT_TLS_PORT = 443;

export type HostPortParts =
  | { host: string; port?: string; bracketed: boolean }
  | { problem: 'unclosed-bracket' | 'text-after-bracket' | 'several-colons' };

export function splitHostPort(text: string): HostPortParts {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return { problem: 'unclosed-bracket' };
    const rest = text.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return { problem: 'text-after-bracket' };
    return { host: text.slice(1, close), port: rest === '' ? undefined : rest.slice(1), bracketed: true };
  }
  const colon = text.indexOf(':');
  if (colon < 0) return { host: text, bracketed: false };
  if (text.indexOf(':', colon + 1) >= 0) return { problem: 'several-colons' };
  return { host: text.slice(0, colon), port: text.slice(colon + 1), bracketed: false };
}

/** A port written as 1 to 5 digits, 1-65535; undefined for anything else. */
export function portNumber(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}
