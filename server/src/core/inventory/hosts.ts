import { isIP } from 'node:net';
import { DEFAULT_TLS_PORT, portNumber, splitHostPort } from '../../../../contract/src/hostSyntax';
import { schemeNames, splitScheme, type StartTlsProtocol, type TlsScheme } from '../../../../contract/src/tlsScheme';
import { quoteText } from '../quote';

export interface HostPort {
  host: string;
  port: number;
  family: 'dns' | 'ipv4' | 'ipv6';
  /** Normalised `host:port` (lower case, the scheme's default port, else 443) for duplicate detection. */
  key: string;
  /** How TLS is reached: the host's own scheme, else the entry's `protocol`, else https (implicit TLS). */
  scheme: string;
  /** The dialogue before TLS that scheme asks for; null for implicit TLS. */
  starttls: StartTlsProtocol | null;
}

/**
 * Parses `host`, `host:port`, `[v6]:port`, each optionally after a scheme (`smtp://`, contract's
 * tlsScheme.ts); `protocol` is the entry's, for hosts without one. Returns a reason instead of throwing.
 */
export function parseHostPort(text: string, protocol?: TlsScheme): HostPort | { error: string } {
  let trimmed = text.trim();
  if (!trimmed) return { error: 'an empty host' };
  const written = splitScheme(trimmed);
  if ('problem' in written) return { error: `"${quoteText(trimmed)}" has an unknown scheme ${quoteText(written.name)}://; known: ${schemeNames()}` };
  const scheme = written.scheme ?? protocol;
  if (written.scheme) {
    trimmed = written.rest;
    // Never echoed: it may hold a password.
    if (trimmed.includes('@')) return { error: `a ${written.scheme.name}:// host with "user@"; credentials do not belong in an inventory, write ${written.scheme.name}://host:port` };
    if (/[/?#]/.test(trimmed)) return { error: `"${quoteText(text.trim())}" has a path; write ${written.scheme.name}://host:port only` };
  }
  const parts = splitHostPort(trimmed);
  if ('problem' in parts) {
    if (parts.problem === 'unclosed-bracket') return { error: `"${quoteText(trimmed)}" opens an IPv6 bracket but does not close it` };
    if (parts.problem === 'text-after-bracket') return { error: `"${quoteText(trimmed)}" has text after the IPv6 address` };
    return { error: `"${quoteText(trimmed)}" looks like an IPv6 address; write it in brackets: [${quoteText(trimmed)}]:443` };
  }
  const host = parts.host;
  if (parts.bracketed && isIP(host) !== 6) return { error: `"${quoteText(host)}" is not an IPv6 address` };
  let port = scheme?.defaultPort ?? DEFAULT_TLS_PORT;
  if (parts.port !== undefined) {
    const written = portNumber(parts.port);
    if (written === undefined) return { error: `"${quoteText(parts.port)}" is not a port (1-65535)` };
    port = written;
  }
  const family = isIP(host) === 4 ? 'ipv4' : isIP(host) === 6 ? 'ipv6' : 'dns';
  if (family === 'dns') {
    const problem = hostnameProblem(host);
    if (problem) return { error: problem };
  }
  const lower = host.toLowerCase();
  const key = `${family === 'ipv6' ? `[${lower}]` : lower}:${port}`;
  return { host: lower, port, family, key, scheme: scheme?.name ?? 'https', starttls: scheme?.starttls ?? null };
}

function hostnameProblem(host: string): string | undefined {
  if (host.length > 253) return `"${quoteText(host)}" is longer than 253 characters`;
  const labels = host.replace(/\.$/, '').split('.');
  for (const [i, label] of labels.entries()) {
    if (label === '*' && i === 0 && labels.length > 1) continue;
    if (!/^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(label)) {
      return `"${quoteText(host)}" is not a host name (label "${quoteText(label)}")`;
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1]) && labels.length === 4) return `"${quoteText(host)}" is not a valid IPv4 address`;
  return undefined;
}
