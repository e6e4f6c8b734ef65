/**
 * Live certificate check: the one module the CLI and the language server import. Host syntax,
 * outcome types and the verdict are the contract's (the editor's client renders them too).
 */
export { probeCertificate, checkProbeOptions, DEFAULT_TIMEOUT_MS } from './probe';
export { probeMany, DEFAULT_CONCURRENCY, type ProbeManyOptions } from './probeMany';
export { parseHostPort, parsePort, normalizeHost, formatHostPort, isIpLiteral, type HostPort } from '../../../../contract/src/hostPort';
export { DEFAULT_TLS_PORT } from '../../../../contract/src/hostSyntax';
export { splitPemCertificates } from './pemCertificates';
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
export { judgeCertificate, type CertProblem, type CertProblemKind, type CertVerdictOptions } from '../../../../contract/src/certificateVerdict';
export { summarizeProbe } from './summary';
