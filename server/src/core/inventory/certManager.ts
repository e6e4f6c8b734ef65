/** cert-manager resources in any YAML file: Certificate, Issuer, ClusterIssuer; other documents are ignored. */
import { isMap, type Document, type Node, type YAMLMap } from 'yaml';
import { quoteText } from '../quote';
import type { Span } from '../types';
import { at, pairOf, spanOf, stringOf } from './yaml';

const CERT_MANAGER_KINDS = ['Certificate', 'Issuer', 'ClusterIssuer'] as const;
export type CertManagerKind = (typeof CERT_MANAGER_KINDS)[number];

export interface CertManagerResource {
  doc: Document.Parsed;
  apiVersion: string;
  kind: CertManagerKind;
  name?: string;
  namespace?: string;
  map: YAMLMap;
  span: Span;
  /** metadata.name's value, else the kind's. */
  selectionSpan: Span;
}

/** `cert-manager.io/v1` and the legacy `certmanager.k8s.io/v1alpha1` and friends. */
function isCertManagerApiVersion(apiVersion: string): boolean {
  return /^cert-manager\.io\/v\d+/.test(apiVersion) || /^certmanager\.k8s\.io\//.test(apiVersion);
}

/**
 * Before any parse: whether a file's text may hold a Certificate as `certManagerResources` reads one,
 * i.e. both an apiVersion above and the kind are written in it (only a scalar spelled with YAML
 * escapes or through an alias escapes this). A file without both need not be parsed for the
 * cross-file rules until a Certificate elsewhere needs its entries.
 */
export function mayHoldCertificate(text: string): boolean {
  return /(?:cert-manager\.io|certmanager\.k8s\.io)\//.test(text) && /\bCertificate\b/.test(text);
}

/**
 * A document that is a cert-manager resource of any kind (Certificate, Issuer, CertificateRequest,
 * acme.cert-manager.io's Order and Challenge...): its file is a cert-manager file, whatever its name.
 * Read from the parsed root only.
 */
export function isCertManagerDocument(doc: Document.Parsed): boolean {
  const root = doc.contents;
  if (!isMap(root)) return false;
  const apiVersion = stringOf(at(doc, root, 'apiVersion'));
  const kind = stringOf(at(doc, root, 'kind'));
  return apiVersion !== undefined && kind !== undefined && (isCertManagerApiVersion(apiVersion) || /^acme\.cert-manager\.io\//.test(apiVersion));
}

export function certManagerResources(doc: Document.Parsed): CertManagerResource[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const apiVersion = stringOf(at(doc, root, 'apiVersion'));
  const kind = stringOf(at(doc, root, 'kind'));
  if (!apiVersion || !kind || !isCertManagerApiVersion(apiVersion)) return [];
  if (!(CERT_MANAGER_KINDS as readonly string[]).includes(kind)) return [];
  const nameNode = at(doc, root, 'metadata', 'name');
  const kindPair = pairOf(doc, root, 'kind');
  const span = spanOf(root);
  return [
    {
      doc,
      apiVersion,
      kind: kind as CertManagerKind,
      name: stringOf(nameNode),
      namespace: stringOf(at(doc, root, 'metadata', 'namespace')),
      map: root,
      span,
      selectionSpan: nameNode ? spanOf(nameNode as Node) : spanOf(kindPair?.value as Node | null, span),
    },
  ];
}

export function resourceLabel(r: CertManagerResource): string {
  return `${r.kind}/${r.name === undefined ? '(unnamed)' : quoteText(r.name)}`;
}
