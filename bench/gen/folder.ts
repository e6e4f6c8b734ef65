/** A folder of 200 mixed documents: post-mortems, inventories, cert-manager manifests and plain notes. */
import { Random } from '../lib/random';
import type { GeneratedCert } from './certs';
import { inventory } from './inventory';
import { postmortem } from './postmortem';

export function folderFiles(certs: GeneratedCert[], seed = 11): Map<string, string> {
  const r = new Random(seed);
  const files = new Map<string, string>();
  for (let i = 0; i < 200; i++) {
    const kind = i % 4;
    if (kind === 0) files.set(`postmortems/pm-${i}.md`, postmortem(r.int(5_000, 40_000), seed + i));
    else if (kind === 1) files.set(`certs/cert-inventory-${i}.yaml`, inventory(r.int(20, 200), certs.slice(0, 3), seed + i));
    else if (kind === 2) files.set(`k8s/certificate-${i}.yaml`, certificateManifest(i));
    else files.set(`notes/note-${i}.md`, `# Notes ${i}\n\n${r.sentence(40)}\n\n- ${r.sentence(8)}\n- ${r.sentence(8)}\n`);
  }
  return files;
}

/** A cert-manager Certificate for svc-<i>.example.com. */
export function certificateManifest(i: number): string {
  return [
    'apiVersion: cert-manager.io/v1',
    'kind: Certificate',
    'metadata:',
    `  name: svc-${i}`,
    '  namespace: prod',
    'spec:',
    `  secretName: svc-${i}-tls`,
    '  duration: 2160h',
    '  renewBefore: 360h',
    `  dnsNames: [svc-${i}.example.com]`,
    '  issuerRef:',
    '    name: letsencrypt',
    '    kind: ClusterIssuer',
    '',
  ].join('\n');
}
