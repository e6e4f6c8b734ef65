/**
 * `incident-docs cert HOST[:PORT]`: its options and help. The probing (runCert.ts, with TLS and
 * the certificate parsing) is required when the command runs, not at start-up.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_TIMEOUT_MS } from '../../core/live/defaults';
import { isStartTlsProtocol, STARTTLS_PROTOCOLS, type StartTlsProtocol } from '../../../../contract/src/tlsScheme';
import { shouldUseColor } from '../format/colors';
import { cliParts } from '../lazyParts';
import { parseNow } from '../options';
import type { CertCommandOptions, CertIo } from '../runCert';

/** `--starttls PROTO`: one of openssl s_client's names that this check speaks. */
export function parseStartTls(value: string): StartTlsProtocol {
  const text = value.trim().toLowerCase();
  if (!isStartTlsProtocol(text)) throw new InvalidArgumentError(`Expected one of ${STARTTLS_PROTOCOLS.join(', ')}.`);
  return text;
}

/** `--timeout MS`: whole milliseconds, 1 to 10 minutes. */
export function parseTimeout(value: string): number {
  const text = value.trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 600_000) {
    throw new InvalidArgumentError('Expected a whole number of milliseconds from 1 to 600000.');
  }
  return Number(text);
}

/** `--warn-days N`: a whole number of days, 0 or more. */
export function parseWarnDays(value: string): number {
  const text = value.trim();
  if (!/^\d+$/.test(text) || Number(text) > 100_000) throw new InvalidArgumentError('Expected a whole number of days, 0 or more.');
  return Number(text);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function processIo(): CertIo {
  const streams = cliParts().processIoModule().processIo();
  return { ...streams, color: shouldUseColor(process.stdout, process.env) };
}

/** Adds `cert` to the program. `io` is for tests; by default it is the process's own streams. */
export function registerCertCommand(program: Command, io: () => CertIo = processIo): Command {
  return program
    .command('cert')
    .description('Connect to a host, complete a TLS handshake and report the certificate it serves.')
    .argument('<host[:port]>', 'host name or IP address, port 443 unless given; IPv6 as [::1]:8443; or SCHEME://HOST[:PORT] (smtp, smtps, imap, imaps, pop3, pop3s, ldap, ldaps, postgres, mysql, ftp, xmpp, https)')
    .option('--starttls <proto>', `speak this protocol before TLS, like openssl s_client: ${STARTTLS_PROTOCOLS.join(', ')} (port: the protocol's unless given)`, parseStartTls)
    .option('--servername <name>', 'SNI name to send and to check the certificate against (default: the host name)')
    .option('--ca <file>', 'PEM file of an extra trusted CA, e.g. an internal one (repeatable)', collect, [])
    .option('--cert <file>', 'client certificate (PEM) to present to a server that asks for one; with --key')
    .option('--key <file>', 'the client certificate\'s private key (PEM, unencrypted)')
    .option('--timeout <ms>', 'limit for DNS, connect and handshake together', parseTimeout, DEFAULT_TIMEOUT_MS)
    .option('--warn-days <n>', 'days left at or below which the certificate counts as expiring (default: warnDays, 30)', parseWarnDays)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--now <iso-8601>', 'reference time for days left, e.g. 2026-11-27T12:00:00Z (default: the clock)', parseNow)
    .option('-c, --config <file>', 'settings file (default: the nearest .incident-docs.yaml at or above the current folder)')
    .addHelpText(
      'after',
      '\nExit codes: 0 trusted, valid for the host, more than the warning window left; 1 expired, expiring,\n' +
        'untrusted, valid for another name, revoked (stapled OCSP) or must-staple without a staple; 2 no\n' +
        'TLS handshake (refused, timeout, dns, not-tls, reset, unreachable, client-cert-required,\n' +
        'starttls-refused, protocol) or a usage error.',
    )
    .action(async (target: string, options: CertCommandOptions) => {
      process.exitCode = await cliParts().certModule().runCert(target, options, io());
    });
}
