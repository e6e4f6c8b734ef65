/**
 * `incident-docs cert HOST[:PORT]`: what certificate a host really serves, and whether it is fine.
 * Exit codes: 0 trusted, valid for the name, more than the warning window left; 1 expired,
 * expiring, untrusted or wrong name; 2 no handshake, or a usage / I/O error.
 */
import * as path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadExtraCas } from '../../core/live/extraCas';
import { READ_LIMITS, readTextFileSync } from '../../core/workspace/readFile';
import {
  DEFAULT_TIMEOUT_MS,
  isProbeFailure,
  judgeCertificate,
  parseHostPort,
  probeCertificate,
  splitPemCertificates,
  summarizeProbe,
  type CertProblem,
} from '../../core/live';
import { escapeControls } from '../../core/quote';
import { readClientIdentity } from '../clientIdentity';
import { ConfigResolver } from '../configs';
import { asCliError, asCliErrorAsync, CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors';
import { isStartTlsProtocol, schemeOfStartTls, splitScheme, STARTTLS_PROTOCOLS, type StartTlsProtocol } from '../../../../contract/src/tlsScheme';
import { palette, shouldUseColor } from '../format/colors';
import { parseNow } from '../options';
import { messagePath } from '../paths';

export interface CertCommandOptions {
  servername?: string;
  /** `--starttls PROTO`: the dialogue before TLS, as `openssl s_client -starttls` names it. */
  starttls?: StartTlsProtocol;
  /** CA files from --ca, in addition to the config's extraCaFiles. */
  ca: string[];
  /** A client certificate (PEM file) for servers that ask for one; with `key`. */
  cert?: string;
  /** Its unencrypted private key (PEM file). */
  key?: string;
  timeout: number;
  /** Overrides the config's warnDays. */
  warnDays?: number;
  format: 'text' | 'json';
  now?: Date;
  config?: string;
}

export interface CertIo {
  cwd: string;
  color: boolean;
  stdout(text: string): void;
  /** One line, without its newline. */
  stderr(line: string): void;
}

/** Probes and prints; returns the exit code instead of exiting, so tests can call it. */
export async function runCert(target: string, options: CertCommandOptions, io: CertIo): Promise<number> {
  // `--starttls smtp HOST` without a port: the protocol's port, as smtp://HOST would have.
  const flagPort = options.starttls ? schemeOfStartTls(options.starttls).defaultPort : undefined;
  const { host, port, starttls: schemeStartTls } = asCliError(() => parseHostPort(target, flagPort));
  const written = splitScheme(target.trim());
  if (options.starttls && 'scheme' in written && written.scheme && written.scheme.starttls !== options.starttls) {
    throw new CliError(`--starttls ${options.starttls} contradicts the ${written.scheme.name}:// of the target`);
  }
  const starttls = options.starttls ?? schemeStartTls;
  const settings = loadSettings(options, io);
  const client = readClientIdentity(options.cert, options.key, io.cwd);
  const now = options.now ?? new Date();
  const outcome = await asCliErrorAsync(() =>
    probeCertificate({
      host,
      port,
      starttls,
      servername: options.servername,
      timeoutMs: options.timeout,
      extraCaPems: settings.extraCaPems,
      clientCertPem: client?.certPem,
      clientKeyPem: client?.keyPem,
      now,
    }),
  );
  const problems = isProbeFailure(outcome) ? [] : judgeCertificate(outcome, { warnDays: settings.warnDays, now });
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
  } else if (isProbeFailure(outcome)) {
    io.stderr(`incident-docs: ${summarizeProbe(outcome)[0]}`);
  } else {
    // A server's certificate is untrusted text too: its subject must not drive the terminal.
    const lines = summarizeProbe(outcome, problems).map((line) => escapeControls(line));
    lines[lines.length - 1] = colorVerdict(lines[lines.length - 1], problems, io.color);
    io.stdout(`${lines.join('\n')}\n`);
  }
  if (isProbeFailure(outcome)) return EXIT_USAGE;
  return problems.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

interface CertSettings {
  warnDays: number;
  extraCaPems: string[];
}

/** warnDays and extraCaFiles from `--config` or the nearest .incident-docs.yaml, then the flags. */
function loadSettings(options: CertCommandOptions, io: CertIo): CertSettings {
  const resolver = new ConfigResolver({
    explicitFile: options.config,
    ruleOverrides: {},
    cwd: io.cwd,
    warn: (message) => io.stderr(`incident-docs: warning: ${message}`),
  });
  // The config that applies to the working directory, as for a file in it.
  const here = path.join(io.cwd, 'cert');
  const config = resolver.configFor(here);
  // The config's extraCaFiles (resolved against its folder) go through the same path policy as in
  // `lint --live`; files on the command line are the user's own choice.
  const configCas = loadExtraCas(config, resolver.rootFor(here), (message) => io.stderr(`incident-docs: warning: ${message}`));
  return {
    warnDays: options.warnDays ?? config.warnDays,
    extraCaPems: [...configCas, ...options.ca.map((file) => readCaFile(path.resolve(io.cwd, file), io.cwd))],
  };
}

function readCaFile(file: string, cwd: string): string {
  const shown = `CA file ${messagePath(file, cwd)}`;
  const text = asCliError(() => readTextFileSync(file, { maxBytes: READ_LIMITS.caBundle, what: 'CA file' }, shown));
  asCliError(() => splitPemCertificates(text, shown));
  return text;
}

/** `--starttls PROTO`: one of openssl s_client's names that this check speaks. */
export function parseStartTls(value: string): StartTlsProtocol {
  const text = value.trim().toLowerCase();
  if (!isStartTlsProtocol(text)) throw new InvalidArgumentError(`Expected one of ${STARTTLS_PROTOCOLS.join(', ')}.`);
  return text;
}

function colorVerdict(line: string, problems: CertProblem[], color: boolean): string {
  const paint = palette(color);
  if (problems.length === 0) return paint.bold(line);
  // Warnings, not breakage: yellow. Weak keys and signatures still work today.
  const onlyExpiring = problems.every((p) => ['expiring', 'chain-expiring', 'weak-key', 'weak-signature'].includes(p.kind));
  return paint.bold(onlyExpiring ? paint.yellow(line) : paint.red(line));
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
  return {
    cwd: process.cwd(),
    color: shouldUseColor(process.stdout, process.env),
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${escapeControls(line)}\n`),
  };
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
      process.exitCode = await runCert(target, options, io());
    });
}
