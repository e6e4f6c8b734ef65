/** The names `export prometheus` writes unless told otherwise, apart from the export code: the CLI's help shows them at start-up. */
export const DEFAULT_JOB = 'incident-docs-certificates';
export const DEFAULT_MODULE = 'tls_connect';
/** The blackbox module for https:// targets; a TLS module may not take its name. */
export const HTTPS_MODULE = 'https_2xx';
export const DEFAULT_BLACKBOX_ADDRESS = '127.0.0.1:9115';
