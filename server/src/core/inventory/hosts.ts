import { isIP } from 'node:net';
import { DEFAULT_TLS_PORT, portNumber, splitHostPort } from '../../../../contract/src/hostSyntax';
import { quoteText } from '../quote';

export interface HostPort {
  host: string;
  port: number;
  family: 'dns' | 'ipv4' | 'ipv6';
  /** Normalised `host:port` (lower case, default port 443) for duplicate detection. */
  key: string;
}

/** Parses `host`, `host:port` or `[v6]:port`; returns a reason instead of throwing. */
export function parseHostPort(text: string): HostPort | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: 'an empty host' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return { error: `"${quoteText(trimmed)}" is a URL; write the host (and port) only` };
  const parts = splitHostPort(trimmed);
  if ('problem' in parts) {
    if (parts.problem === 'unclosed-bracket') return { error: `"${quoteText(trimmed)}" opens an IPv6 bracket but does not close it` };
    if (parts.problem === 'text-after-bracket') return { error: `"${quoteText(trimmed)}" has text after the IPv6 address` };
    return { error: `"${quoteText(trimmed)}" looks like an IPv6 address; write it in brackets: [${quoteText(trimmed)}]:443` };
  }
  const host = parts.host;
  if (parts.bracketed && isIP(host) !== 6) return { error: `"${quoteText(host)}" is not an IPv6 address` };
  let port = DEFAULT_TLS_PORT;
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
  return { host: lower, port, family, key };
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
