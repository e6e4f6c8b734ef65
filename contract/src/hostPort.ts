/**
 * Host and port as a person types them and as both halves show them: the client validates the
 * live-check input box with it, the server and the CLI read their arguments with it.
 * Node's own `isIP` and `domainToASCII` decide addresses and IDNA (both halves run in Node).
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { DEFAULT_TLS_PORT, portNumber, splitHostPort } from './hostSyntax';
import { ProbeInputError } from './probeOutcome';

export interface HostPort {
  /** Host name (ASCII, lower case, no trailing dot) or IP literal (IPv6 without brackets). */
  host: string;
  port: number;
}

/**
 * Reads what a person types: `example.com`, `example.com:8443`, `10.0.0.1:443`, `[::1]:8443`,
 * `[::1]`, a bare `::1`, or a pasted `https://example.com:8443/path`. Throws a ProbeInputError
 * that says what is wrong.
 */
export function parseHostPort(input: string, defaultPort = DEFAULT_TLS_PORT): HostPort {
  if (typeof input !== 'string') throw new ProbeInputError(`Expected HOST[:PORT], got ${typeof input}.`);
  let text = input.trim();
  if (text === '') throw new ProbeInputError('Expected HOST[:PORT], got an empty string.');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) {
    if (scheme[1].toLowerCase() !== 'https') {
      throw new ProbeInputError(`Only https:// addresses can be checked, not ${scheme[1]}:// ("${input}").`);
    }
    text = text.slice(scheme[0].length).replace(/[/?#].*$/, '');
  }
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
