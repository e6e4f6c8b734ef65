/**
 * The chains an entry shows: each PEM (a bundle: leaf first, then intermediates, in file order)
 * and, after a live check the user asked for, each chain a host served. One shape for both, so
 * cert/chain-expiry, cert/weak-key and cert/weak-signature judge them alike.
 */
import type { KeyDescription } from '../../../../contract/src/keyStrength';
import { isProbeFailure } from '../live/types';
import { quoteText } from '../quote';
import type { RuleContext } from '../rule';
import type { Span } from '../types';
import { keyFactsOf } from '../x509/keyFacts';
import { pemSources } from './entryPem';
import { liveFacts } from './liveTargets';
import type { CertModel, InventoryEntry } from './model';
import { hostLabel } from './model';

export type ChainRole = 'leaf' | 'intermediate' | 'root';

export interface ChainItem {
  /** 1 for the leaf. */
  position: number;
  role: ChainRole;
  /** "the leaf (CN=api.example.com)", "certificate 2, an intermediate (CN=Issuing CA)". */
  label: string;
  notAfter: Date;
  key: KeyDescription;
  signatureAlgorithm?: string;
}

export interface EntryChain {
  /** "in `pemFile`", "served by api.example.com:443". */
  where: string;
  /** Where its findings go: the PEM field, the host. */
  span: Span;
  /** What to fix: "the bundle", "the chain the server sends". */
  fixIn: string;
  items: ChainItem[];
}

export function entryChains(entry: InventoryEntry, model: CertModel, context: Pick<RuleContext, 'live'>): EntryChain[] {
  const chains: EntryChain[] = [];
  for (const source of pemSources(entry, model)) {
    const items: ChainItem[] = [];
    source.bundle.certificates.forEach((cert, i) => {
      // A block that cannot be parsed is skipped (cert/pem-invalid speaks for the leaf).
      if ('error' in cert) return;
      const facts = keyFactsOf(cert.x509);
      const role = roleOf(i, cert.x509.subject, cert.x509.issuer);
      items.push({ position: i + 1, role, label: labelOf(i, role, commonName(cert.subject)), notAfter: cert.notAfter, key: facts, signatureAlgorithm: facts.signatureAlgorithm });
    });
    chains.push({ where: `in \`${source.kind}\``, span: source.field.span, fixIn: 'the bundle', items });
  }
  for (const fact of liveFacts(model, context)) {
    if (fact.entry !== entry || isProbeFailure(fact.outcome)) continue;
    const items = fact.outcome.chain.map((c, i): ChainItem => {
      const role = roleOf(i, c.subject, c.issuer);
      return { position: i + 1, role, label: labelOf(i, role, quoteText(c.subject)), notAfter: new Date(c.notAfter), key: c, signatureAlgorithm: c.signatureAlgorithm };
    });
    chains.push({ where: `served by ${hostLabel(fact.host)}`, span: fact.host.span, fixIn: 'the chain the server sends', items });
  }
  return chains;
}

function roleOf(index: number, subject: string, issuer: string): ChainRole {
  return index === 0 ? 'leaf' : subject === issuer ? 'root' : 'intermediate';
}

function labelOf(index: number, role: ChainRole, name: string): string {
  if (role === 'leaf') return `the leaf (${name})`;
  return `certificate ${index + 1}, ${role === 'root' ? 'a root' : 'an intermediate'} (${name})`;
}

/** "CN=…" from Node's multi-line subject (quoted for a message), else the whole subject on one line. */
function commonName(subject: string): string {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(subject ?? '');
  return `CN=${quoteText(cn ? cn[1].trim() : subject.replace(/\n/g, ', '))}`;
}
