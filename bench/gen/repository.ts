/**
 * P7's repository: `count` files (10,000 by default) in the proportions of a platform team's
 * monorepo: post-mortems of 5-40 KB, certificate inventories, cert-manager manifests, and the
 * unrelated Markdown (docs, runbooks, READMEs) and YAML (deployments, CI workflows, Helm values)
 * that make up most of it. Seeded: the same bytes on every run.
 */
import { Random } from '../lib/random';
import type { GeneratedCert } from './certs';
import { certificateManifest } from './folder';
import { inventory } from './inventory';
import { postmortem } from './postmortem';

/** Shares of the files, per kind, out of 100. */
const MIX = { postmortem: 12, inventory: 3, manifest: 10, markdown: 45, yaml: 30 } as const;

export function repositoryFiles(count: number, certs: GeneratedCert[], seed = 17): Map<string, string> {
  const r = new Random(seed);
  const files = new Map<string, string>();
  const kinds = Object.entries(MIX).flatMap(([kind, share]) => Array<string>(share).fill(kind));
  for (let i = 0; i < count; i++) {
    // Spread over team folders, some of them deep, as real trees are.
    const team = `team-${i % 40}`;
    switch (kinds[i % kinds.length]) {
      case 'postmortem':
        files.set(`${team}/postmortems/${2020 + (i % 7)}/pm-${i}.md`, postmortem(r.int(5_000, 40_000), seed + i));
        break;
      case 'inventory':
        files.set(`${team}/certs/cert-inventory-${i}.yaml`, inventory(r.int(10, 120), certs.slice(0, 3), seed + i));
        break;
      case 'manifest':
        files.set(`${team}/deploy/k8s/certificate-${i}.yaml`, certificateManifest(i));
        break;
      case 'markdown':
        files.set(`${team}/docs/${r.pick(['guides', 'runbooks', 'adr', 'api'])}/doc-${i}.md`, markdownDoc(r, i));
        break;
      default:
        files.set(`${team}/deploy/${r.pick(['k8s', 'helm', 'ci'])}/config-${i}.yaml`, yamlConfig(r, i));
    }
  }
  return files;
}

/** A document of 1-12 KB: headings, prose, lists, a code block, a table, links. */
function markdownDoc(r: Random, i: number): string {
  const parts = [`# ${r.sentence(4).slice(0, -1)} (${i})\n\n`];
  const sections = r.int(2, 10);
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${r.sentence(3).slice(0, -1)}\n\n`);
    for (let p = r.int(1, 3); p > 0; p--) parts.push(`${Array.from({ length: r.int(2, 6) }, () => r.sentence(r.int(8, 18))).join(' ')} See [the runbook](https://wiki.example.com/${i}/${s}).\n\n`);
    if (r.chance(0.5)) parts.push(Array.from({ length: r.int(2, 6) }, () => `- ${r.sentence(r.int(4, 10))}\n`).join('') + '\n');
    if (r.chance(0.3)) parts.push('```sh\nkubectl -n prod rollout status deploy/api\nkubectl -n prod get pods -l app=api\n```\n\n');
    if (r.chance(0.2)) parts.push('| Setting | Default | Meaning |\n| --- | --- | --- |\n' + Array.from({ length: r.int(2, 8) }, (_, k) => `| opt${k} | ${r.int(1, 100)} | ${r.sentence(6)} |\n`).join('') + '\n');
  }
  return parts.join('');
}

/** A deployment, a CI workflow or Helm values: YAML that is neither inventory nor manifest of a Certificate. */
function yamlConfig(r: Random, i: number): string {
  const replicas = r.int(1, 6);
  switch (i % 3) {
    case 0:
      return [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: svc-${i}`,
        '  namespace: prod',
        'spec:',
        `  replicas: ${replicas}`,
        '  template:',
        '    spec:',
        '      containers:',
        `        - name: svc-${i}`,
        `          image: registry.example.com/svc-${i}:1.${r.int(0, 40)}.${r.int(0, 9)}`,
        '          ports: [{ containerPort: 8080 }]',
        '          resources: { requests: { cpu: 100m, memory: 128Mi } }',
        '',
      ].join('\n');
    case 1:
      return [
        `name: build-${i}`,
        'on: [push, pull_request]',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: actions/setup-node@v4',
        '        with: { node-version: 20 }',
        '      - run: npm ci',
        '      - run: npm test',
        '',
      ].join('\n');
    default:
      return [
        `# Helm values for svc-${i}`,
        `replicaCount: ${replicas}`,
        'image:',
        `  repository: registry.example.com/svc-${i}`,
        '  pullPolicy: IfNotPresent',
        'ingress:',
        '  enabled: true',
        `  hosts: [{ host: svc-${i}.example.com, paths: [{ path: /, pathType: Prefix }] }]`,
        ...Array.from({ length: r.int(0, 30) }, (_, k) => `extra${k}: ${r.sentence(3)}`),
        '',
      ].join('\n');
  }
}
