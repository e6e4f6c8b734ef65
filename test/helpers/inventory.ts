import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { isCollection, isPair, isScalar, type Document } from 'yaml';
import { defaultConfig, resolveConfig, type Config } from '../../server/src/core/config';
import { lint } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/text';
import { DAY_MS } from '../../server/src/core/units';
import type { Finding, Range } from '../../server/src/core/types';

export const NOW = new Date('2026-11-27T12:00:00Z');

export function configWith(values: Record<string, unknown> = {}): Config {
  const { config, problems } = resolveConfig([{ source: 'test', values }]);
  if (problems.length) throw new Error(problems.join('\n'));
  return config;
}

export interface LintYamlOptions {
  config?: Config;
  path?: string;
  now?: Date;
}

export function lintYaml(text: string, options: LintYamlOptions = {}): Finding[] {
  return lint({ path: options.path ?? '/repo/inventory.yaml', text }, options.config ?? defaultConfig(), { now: options.now ?? NOW });
}

export function byRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** The document text a finding's range covers: what the editor underlines. */
export function covered(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

/** Applies a fix's edits (non-overlapping) to the text. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

export interface TestCertOptions {
  dnsNames?: string[];
  ips?: string[];
  commonName?: string;
  notBefore?: Date;
  notAfter: Date;
}

let keys: { publicKey: forge.pki.PublicKey; privateKey: forge.pki.PrivateKey } | undefined;

/** A real self-signed certificate, built with node-forge (key generated natively for speed). */
export function makeCertificatePem(options: TestCertOptions): string {
  if (!keys) {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    keys = { publicKey: forge.pki.publicKeyFromPem(pair.publicKey), privateKey: forge.pki.privateKeyFromPem(pair.privateKey) };
  }
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01' + Math.floor(Math.random() * 1e8).toString(16);
  cert.validity.notBefore = options.notBefore ?? new Date(options.notAfter.getTime() - 90 * DAY_MS);
  cert.validity.notAfter = options.notAfter;
  const subject = [{ name: 'commonName', value: options.commonName ?? options.dnsNames?.[0] ?? 'test' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  const altNames = [
    ...(options.dnsNames ?? []).map((value) => ({ type: 2, value })),
    ...(options.ips ?? []).map((ip) => ({ type: 7, ip })),
  ];
  if (altNames.length) cert.setExtensions([{ name: 'subjectAltName', altNames }]);
  cert.sign(keys.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** Indents a block for a YAML `|` scalar. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .trimEnd()
    .split(/\r?\n/)
    .map((l) => pad + l)
    .join('\n');
}

/** A complete, clean entry; tests change one thing at a time. */
export const CLEAN_INVENTORY = `defaults:
  warnDays: 30
  owner: platform-team@example.com
  notify: [platform-team@example.com]
certificates:
  - name: api-gateway
    hosts: [api.example.com:443]
    environment: prod
    namespace: prod-cluster/gateway
    notify: [platform-team@example.com, sre-oncall@example.com]
    expires: 2027-08-16T16:14:00Z
    renewal:
      method: internal-ca
      sop: https://wiki.example.com/sop/renew
      escalation: cert-approvers@example.com
`;

/**
 * Every node of a parsed YAML document in order: its type, where its value starts and ends, and
 * a scalar's value (range[2], the end after trailing comments, is left out: the incremental
 * re-parse documents why it may differ from a whole parse).
 */
export function yamlShape(doc: Document.Parsed): unknown[] {
  const out: unknown[] = [['doc', doc.range.slice(0, 2)]];
  const visit = (node: unknown): void => {
    if (isPair(node)) {
      visit(node.key);
      visit(node.value);
      return;
    }
    if (!node) return;
    const n = node as { constructor: { name: string }; range?: number[] };
    out.push([n.constructor.name, n.range ? n.range.slice(0, 2) : null, isScalar(node) ? node.value : undefined]);
    if (isCollection(node)) for (const item of node.items) visit(item);
  };
  visit(doc.contents);
  return out;
}
