/**
 * Host and port as a person types them and as both halves show them: the client validates the
 * live-check input box with it, the server and the CLI read their arguments with it.
 * Node's own `isIP` and `domainToASCII` decide addresses and IDNA (both halves run in Node).
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { DEFAULT_TLS_PORT, portNumber, splitHostPort } from './hostSyntax';
import { ProbeInputError } from './probeOutcome';
import { schemeNames, splitScheme, type StartTlsProtocol } from './tlsScheme';

export interface HostPort {
  /** Host name (ASCII, lower case, no trailing dot) or IP literal (IPv6 without brackets). */
  host: string;
  port: number;
  /** The dialogue before TLS a scheme asks for (`smtp://`); absent for implicit TLS. */
  starttls?: StartTlsProtocol;
}

/**
 * Reads what a person types: `example.com`, `example.com:8443`, `10.0.0.1:443`, `[::1]:8443`,
 * `[::1]`, a bare `::1`, a pasted `https://example.com:8443/path`, or a host with the scheme of
 * another TLS service (`smtp://mail.example.com:587`, `ldaps://…`: contract/src/tlsScheme.ts),
 * whose default port it takes. Throws a ProbeInputError that says what is wrong. `defaultPort`,
 * when given, is used instead of the scheme's when the text writes no port.
 */
export function parseHostPort(input: string, defaultPort?: number): HostPort {
  if (typeof input !== 'string') throw new ProbeInputError(`Expected HOST[:PORT], got ${typeof input}.`);
  let text = input.trim();
  if (text === '') throw new ProbeInputError('Expected HOST[:PORT], got an empty string.');
  const parts = splitScheme(text);
  if ('problem' in parts) {
    throw new ProbeInputError(`Unknown scheme ${parts.name}://; known: ${schemeNames()}.`);
  }
  const scheme = parts.scheme;
  if (scheme) {
    text = parts.rest.replace(/[/?#].*$/, '');
    // A database URL may carry a user and password: never sent, and never echoed either.
    if (text.includes('@')) throw new ProbeInputError(`${scheme.name}:// address with "user@": credentials are never sent; write ${scheme.name}://HOST[:PORT].`);
    if (text === '') throw new ProbeInputError(`"${input}" names no host.`);
  }
  const target = hostAndPort(text, input, defaultPort ?? scheme?.defaultPort ?? DEFAULT_TLS_PORT);
  return scheme?.starttls ? { ...target, starttls: scheme.starttls } : target;
}

function hostAndPort(text: string, input: string, defaultPort: number): HostPort {
  let hostText: string;
  let portText: string | undefined;
  if (!text.startsWith('[') && isIP(stripZone(text)) === 6) {
    hostText = text; // a bare IPv6 literal has no port: its colons are its own
  } else {
    const parts = splitHostPort(text);
    if ('problem' in parts) {
      if (parts.problem === 'unclosed-bracket') throw new ProbeInputError(`"${input}": missing "]" after the IPv6 address.`);
      if (parts.problem === 'text-after-bracket') throw new ProbeInputError(`"${input}": expected ":PORT" after "]".`);
      throw new ProbeInputError(`"${input}" is not HOST:PORT; write an IPv6 address with a port as [ADDRESS]:PORT.`);
    }
    hostText = parts.host;
    portText = parts.port;
    if (parts.bracketed && isIP(stripZone(hostText)) !== 6) throw new ProbeInputError(`"${hostText}" is not an IPv6 address.`);
  }
  return { host: normalizeHost(hostText), port: portText === undefined ? defaultPort : parsePort(portText) };
}

/** "8443" → 8443; anything but a whole number 1–65535 is a ProbeInputError. */
export function parsePort(text: string): number {
  const port = portNumber(text);
  if (port === undefined) throw new ProbeInputError(`Port "${text}" is not a number from 1 to 65535.`);
  return port;
}

export function checkPort(port: unknown): asserts port is number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ProbeInputError(`Port ${JSON.stringify(port)} is not a number from 1 to 65535.`);
  }
}

/**
 * Validates a host and puts it in the form used for SNI and name matching: IP literals as given
 * (brackets removed), names lower case, punycoded, without the trailing dot.
 */
export function normalizeHost(host: unknown): string {
  if (typeof host !== 'string' || host.trim() === '') throw new ProbeInputError('A host name or IP address is required.');
  let text = host.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  if (isIP(stripZone(text))) return text;
  const ascii = domainToASCII(text.replace(/\.$/, ''));
  const labels = ascii.split('.');
  const valid =
    ascii !== '' &&
    ascii.length <= 253 &&
    labels.every((label) => label.length > 0 && label.length <= 63 && /^[a-z0-9_-]+$/.test(label));
  if (!valid) throw new ProbeInputError(`"${host}" is not a valid host name or IP address.`);
  return ascii;
}

export function isIpLiteral(host: string): boolean {
  return isIP(stripZone(host)) !== 0;
}

/** `fe80::1%eth0` → `fe80::1`: the zone names an interface, not part of the address. */
function stripZone(host: string): string {
  const percent = host.indexOf('%');
  return percent < 0 ? host : host.slice(0, percent);
}

/** `[::1]:443` / `example.com:443`: how a host and port are shown to people. */
export function formatHostPort(host: string, port: number): string {
  return isIP(stripZone(host)) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
