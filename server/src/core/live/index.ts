/** Live certificate check: the one module the CLI and the language server import. */
export { probeCertificate, checkProbeOptions, DEFAULT_TIMEOUT_MS } from './probe';
export { probeMany, DEFAULT_CONCURRENCY, type ProbeManyOptions } from './probeMany';
export { parseHostPort, parsePort, normalizeHost, formatHostPort, isIpLiteral, DEFAULT_TLS_PORT, type HostPort } from './hostPort';
export { splitPemCertificates } from './trust';
export {
  isProbeFailure,
  ProbeInputError,
  PROBE_ERROR_CODES,
  type ChainCertificate,
  type ProbeErrorCode,
  type ProbeFailure,
  type ProbeOptions,
  type ProbeOutcome,
  type ProbeResult,
} from './types';
export { judgeCertificate, type CertProblem, type CertProblemKind, type CertVerdictOptions } from './verdict';
export { summarizeProbe } from './summary';
