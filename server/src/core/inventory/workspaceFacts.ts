/**
 * The shapes of what the cross-file rules know about a workspace's files (built in crossFile.ts).
 * Types only, importing nothing of the rules, so RuleContext can name them.
 */
import type { Range, Span } from '../types';

/** A place in a file, as a span of the model it came from and as a range any other file can quote. */
export interface Place {
  span: Span;
  range: Range;
}

export interface IndexedCertificate extends Place {
  /** `Certificate "prod/web"` (namespace/name), for messages. */
  label: string;
  namespace?: string;
  /** Normalized names (normalizeHost), templated ones left out. */
  hosts: string[];
  /** The same names as written. */
  written: string[];
}

export interface IndexedEntry extends Place {
  /** `"web"` or `#3`, for messages. */
  label: string;
  namespace?: string;
  hosts: string[];
  written: string[];
  /** `renewal.method: cert-manager` (own or from defaults). */
  certManager: boolean;
}

export interface CertFileFacts {
  /** Absolute path; absent for an untitled buffer. */
  path?: string;
  /** The URI related information names (the front end's spelling of the path). */
  uri?: string;
  certificates: IndexedCertificate[];
  /** Set when the file is an inventory: its `certificates:` key (else its start), for related information. */
  inventory?: Place;
  entries: IndexedEntry[];
}

/** What the cross-file rules read about the other files of a workspace (see RuleContext.workspace). */
export interface CertWorkspace {
  /**
   * False while the workspace is still being read (the server's first walk): the rules then say
   * nothing rather than judge against half of it.
   */
  readonly complete: boolean;
  /** Every indexed file but the one at `path` (the rules read that one from its own model). */
  others(path: string | undefined): Iterable<CertFileFacts>;
  /** Every indexed file with the path it is indexed under, in the order they were indexed. */
  files(): Iterable<readonly [string, CertFileFacts]>;
  /**
   * Changes whenever a file's facts are set or deleted: what the rules build over the whole
   * workspace (crossFile.ts) is built once per version, not once per file linted.
   */
  readonly version: number;
}

