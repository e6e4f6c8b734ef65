/**
 * How a TLS service is reached: a scheme names the plaintext dialogue spoken before the TLS
 * handshake (STARTTLS and its kin), or none for implicit TLS, and the port used when none is
 * written. One table for the CLI, the server, the inventory and the editor's input box.
 */

/** Dialogues before TLS, named as `openssl s_client -starttls` names them. */
export const STARTTLS_PROTOCOLS = ['smtp', 'imap', 'pop3', 'ldap', 'postgres', 'mysql', 'ftp', 'xmpp'] as const;

export type StartTlsProtocol = (typeof STARTTLS_PROTOCOLS)[number];

export interface TlsScheme {
  /** As written before `://`, lower case. */
  name: string;
  /** The dialogue before the handshake; null for implicit TLS. */
  starttls: StartTlsProtocol | null;
  defaultPort: number;
  /** What it is, for help and docs. */
  describe: string;
}

/** Every scheme a host may carry, in the order docs show them. */
export const TLS_SCHEMES: readonly TlsScheme[] = [
  { name: 'https', starttls: null, defaultPort: 443, describe: 'implicit TLS (also a host without a scheme)' },
  { name: 'smtp', starttls: 'smtp', defaultPort: 25, describe: 'SMTP, then STARTTLS (submission: write port 587)' },
  { name: 'smtps', starttls: null, defaultPort: 465, describe: 'SMTP over implicit TLS' },
  { name: 'imap', starttls: 'imap', defaultPort: 143, describe: 'IMAP, then STARTTLS' },
  { name: 'imaps', starttls: null, defaultPort: 993, describe: 'IMAP over implicit TLS' },
  { name: 'pop3', starttls: 'pop3', defaultPort: 110, describe: 'POP3, then STLS' },
  { name: 'pop3s', starttls: null, defaultPort: 995, describe: 'POP3 over implicit TLS' },
  { name: 'ldap', starttls: 'ldap', defaultPort: 389, describe: 'LDAP, then the StartTLS extended operation' },
  { name: 'ldaps', starttls: null, defaultPort: 636, describe: 'LDAP over implicit TLS' },
  { name: 'postgres', starttls: 'postgres', defaultPort: 5432, describe: 'PostgreSQL SSLRequest (also postgresql://)' },
  { name: 'mysql', starttls: 'mysql', defaultPort: 3306, describe: 'MySQL / MariaDB SSL request in the handshake' },
  { name: 'ftp', starttls: 'ftp', defaultPort: 21, describe: 'FTP, then AUTH TLS' },
  { name: 'xmpp', starttls: 'xmpp', defaultPort: 5222, describe: 'XMPP client stream, then <starttls/>' },
];

/** Other spellings of a scheme. */
const ALIASES: Record<string, string> = { postgresql: 'postgres' };

/** The scheme of that name (any case), or undefined. */
export function tlsScheme(name: string): TlsScheme | undefined {
  const lower = name.toLowerCase();
  const canonical = ALIASES[lower] ?? lower;
  return TLS_SCHEMES.find((s) => s.name === canonical);
}

/** The scheme whose dialogue this is (its name is the protocol's). */
export function schemeOfStartTls(protocol: StartTlsProtocol): TlsScheme {
  return TLS_SCHEMES.find((s) => s.starttls === protocol)!;
}

export function isStartTlsProtocol(value: unknown): value is StartTlsProtocol {
  return typeof value === 'string' && (STARTTLS_PROTOCOLS as readonly string[]).includes(value);
}

/** How a dialogue is named in messages: "SMTP STARTTLS", "PostgreSQL SSLRequest". */
export function startTlsLabel(protocol: StartTlsProtocol): string {
  switch (protocol) {
    case 'smtp':
      return 'SMTP STARTTLS';
    case 'imap':
      return 'IMAP STARTTLS';
    case 'pop3':
      return 'POP3 STLS';
    case 'ldap':
      return 'LDAP StartTLS';
    case 'postgres':
      return 'PostgreSQL SSLRequest';
    case 'mysql':
      return 'MySQL SSL request';
    case 'ftp':
      return 'FTP AUTH TLS';
    case 'xmpp':
      return 'XMPP STARTTLS';
  }
}

export type SchemeParts =
  /** `scheme` is absent when the text has none; `rest` follows `://` (or is all of the text). */
  | { scheme?: TlsScheme; rest: string }
  | { problem: 'unknown-scheme'; name: string };

/**
 * Splits `smtp://mail.example.com:587` into its scheme and the rest. A scheme is letters, digits,
 * `+`, `.` and `-` before `://`; one not in TLS_SCHEMES is a problem the caller words.
 */
export function splitScheme(text: string): SchemeParts {
  const match = /^([a-z][a-z0-9+.-]{0,31}):\/\//i.exec(text);
  if (!match) return { rest: text };
  const scheme = tlsScheme(match[1]);
  if (!scheme) return { problem: 'unknown-scheme', name: match[1] };
  return { scheme, rest: text.slice(match[0].length) };
}

/** "https, smtp, smtps, …": for messages listing what is known. */
export function schemeNames(): string {
  return TLS_SCHEMES.map((s) => s.name).join(', ');
}
