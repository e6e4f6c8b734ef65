/** A workspace of YAML files linted the way the CLI does: every file's facts indexed, then each file linted with the index. */
import { defaultConfig } from '../../server/src/core/config';
import { certFileFacts, CertWorkspaceIndex } from '../../server/src/core/inventory/crossFile';
import type { CertModel } from '../../server/src/core/inventory/model';
import { analyze, lintAnalysis } from '../../server/src/core/lint';
import type { Finding } from '../../server/src/core/types';
import { NOW } from './inventory';

export const certificate = (name: string, dnsNames: string[], extra: { namespace?: string; commonName?: string } = {}) =>
  [
    'apiVersion: cert-manager.io/v1',
    'kind: Certificate',
    'metadata:',
    `  name: ${name}`,
    ...(extra.namespace ? [`  namespace: ${extra.namespace}`] : []),
    'spec:',
    `  secretName: ${name}-tls`,
    ...(extra.commonName ? [`  commonName: ${extra.commonName}`] : []),
    ...(dnsNames.length ? ['  dnsNames:', ...dnsNames.map((d) => `    - "${d}"`)] : []),
    '  issuerRef: { name: letsencrypt, kind: ClusterIssuer }',
    '',
  ].join('\n');

export const entry = (name: string, hosts: string[], extra: { namespace?: string; method?: string; expires?: string } = {}) =>
  [
    `  - name: ${name}`,
    `    hosts: [${hosts.map((h) => `"${h}"`).join(', ')}]`,
    '    owner: platform@example.com',
    '    notify: [platform@example.com]',
    ...(extra.namespace ? [`    namespace: ${extra.namespace}`] : []),
    ...(extra.expires ? [`    expires: ${extra.expires}`] : []),
    `    renewal: { method: ${extra.method ?? 'cert-manager'} }`,
    '',
  ].join('\n');

export const inventory = (...entries: string[]) => `certificates:\n${entries.join('')}`;

/** Each file's findings, by path, linted against the index of all of them. */
export function lintWorkspace(files: Record<string, string>): Record<string, Finding[]> {
  const config = defaultConfig();
  const analyses = Object.entries(files).map(([path, text]) => analyze({ path, text }, config, { now: NOW }));
  const index = new CertWorkspaceIndex();
  for (const analysis of analyses) {
    for (const parsed of analysis.parsed) {
      const path = analysis.document.path!;
      index.set(path, certFileFacts(parsed.model as CertModel, { path, uri: `file://${path}` }));
    }
  }
  return Object.fromEntries(analyses.map((a) => [a.document.path!, lintAnalysis(a, { now: NOW, workspace: index })]));
}

export const crossFileRules = (findings: Finding[]) => findings.filter((f) => f.rule === 'cert/not-in-inventory' || f.rule === 'cert/no-certificate-resource');
