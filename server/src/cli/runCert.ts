/**
 * `incident-docs cert HOST[:PORT]` (its options in commands/cert.ts, which requires this when the
 * command runs): what certificate a host really serves, and whether it is fine. Exit codes: 0
 * trusted, valid for the name, more than the warning window left; 1 expired, expiring, untrusted or
 * wrong name; 2 no handshake, or a usage / I/O error.
 */
import * as path from 'node:path';
import { loadExtraCas } from '../core/live/extraCas';
import { READ_LIMITS, readTextFileSync } from '../core/workspace/readFile';
import {
  isProbeFailure,
  judgeCertificate,
  parseHostPort,
  probeCertificate,
  splitPemCertificates,
  summarizeProbe,
  type CertProblem,
} from '../core/live';
import { escapeControls } from '../core/quote';
import { readClientIdentity } from './clientIdentity';
import { ConfigResolver } from './configs';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './errors';
import { asCliError, asCliErrorAsync } from './usageErrors';
import { schemeOfStartTls, splitScheme, type StartTlsProtocol } from '../../../contract/src/tlsScheme';
import { palette } from './format/colors';
import { messagePath } from './paths';

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

function colorVerdict(line: string, problems: CertProblem[], color: boolean): string {
  const paint = palette(color);
  if (problems.length === 0) return paint.bold(line);
  // Warnings, not breakage: yellow. Weak keys and signatures still work today.
  const onlyExpiring = problems.every((p) => ['expiring', 'chain-expiring', 'weak-key', 'weak-signature'].includes(p.kind));
  return paint.bold(onlyExpiring ? paint.yellow(line) : paint.red(line));
}
