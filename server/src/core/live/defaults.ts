/** Defaults of the live checks, apart from the probing code: the CLI's help shows them at start-up. */

/** Limit per host for DNS, connect and handshake together. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Probes at most this many hosts at once. */
export const DEFAULT_CONCURRENCY = 16;
