/**
 * A folder holding an inventory that shows each lifetime and PEM rule once, with the real
 * certificates it points at (node-forge, and openssl for P-192), and where each finding must
 * be. The CLI and the server tests lint the same folder and compare positions.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, createCertificate, opensslCertificate, wholeSecondNow } from './tls';

export interface ExpectedFinding {
  rule: string;
  /** Zero-based, where the finding starts. */
  line: number;
  character: number;
  severity: 'error' | 'warning';
}

export interface LifetimeWorkspace {
  dir: string;
  file: string;
  text: string;
  /** "Now" for --now and the server's init option: near the clock, since openssl certificates start when made. */
  now: Date;
  expected: ExpectedFinding[];
  remove(): void;
}

export const LIFETIME_RULES = [
  'cert/renewal-overdue', 'cert/lifetime-limit', 'cert/not-yet-valid', 'cert/chain-expiry', 'cert/weak-key', 'cert/weak-signature',
];

const day = (d: Date) => d.toISOString().slice(0, 10);

export function makeLifetimeWorkspace(): LifetimeWorkspace {
  // An hour ahead of the clock: the openssl certificate below starts when it is made, a moment later.
  const now = new Date(wholeSecondNow().getTime() + 3_600_000);
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'incident-docs-lifetime-')));
  mkdirSync(join(dir, 'certs'));
  const root = createCertificate({ commonName: 'Workspace Root CA', isCa: true, notBefore: addDays(now, -400), notAfter: addDays(now, 3650), keyName: 'ws-root' });
  const issuing = createCertificate({ commonName: 'Workspace Issuing CA', isCa: true, issuer: root, notBefore: addDays(now, -300), notAfter: addDays(now, 20), keyName: 'ws-int' });
  const leaf = createCertificate({ commonName: 'edge.example.com', dnsNames: ['edge.example.com'], issuer: issuing, notBefore: addDays(now, -10), notAfter: addDays(now, 80), keyName: 'ws-leaf' });
  writeFileSync(join(dir, 'certs', 'bundle.pem'), leaf.certPem + issuing.certPem + root.certPem);
  const weak = createCertificate({ commonName: 'old.example.com', dnsNames: ['old.example.com'], notBefore: addDays(now, -10), notAfter: addDays(now, 80), keyBits: 1024, signatureDigest: 'sha1', keyName: 'ws-weak' });
  writeFileSync(join(dir, 'certs', 'weak.pem'), weak.certPem);
  writeFileSync(join(dir, 'certs', 'p192.pem'), opensslCertificate({ commonName: 'iot.example.com', key: 'ec:prime192v1', days: 90 }));
  const long = createCertificate({ commonName: 'shop.example.com', dnsNames: ['shop.example.com'], notBefore: addDays(now, -5), notAfter: addDays(now, 393), keyName: 'ws-long' });
  writeFileSync(join(dir, 'certs', 'long.pem'), long.certPem);

  const lines: string[] = [
    'defaults:',
    '  owner: platform-team@example.com',
    '  notify: [platform-team@example.com]',
    '  renewal: { method: acme }',
    'certificates:',
  ];
  const expected: ExpectedFinding[] = [];
  /** Adds an entry; `at` names the value of one of its lines where findings are expected. */
  const entry = (fields: string[], findings: { rule: string; at: string; severity?: 'error' | 'warning' }[]) => {
    const first = lines.length;
    lines.push(...fields);
    for (const f of findings) {
      const index = lines.findIndex((l, i) => i >= first && l.includes(`${f.at}: `));
      const character = lines[index].indexOf(': ') + 2;
      expected.push({ rule: f.rule, line: index, character, severity: f.severity ?? 'warning' });
    }
  };
  entry(['  - name: overdue', '    hosts: [status.example.com]', `    issued: ${day(addDays(now, -61))}`, '    lifetime: 90d'], [{ rule: 'cert/renewal-overdue', at: 'issued' }]);
  entry(['  - name: long-typed', '    hosts: [www.example.com]', '    trust: public', `    issued: ${day(addDays(now, -5))}`, '    lifetime: 398d'], [{ rule: 'cert/lifetime-limit', at: 'lifetime' }]);
  entry(['  - name: future', '    hosts: [launch.example.com]', `    issued: ${day(addDays(now, 3))}`, '    lifetime: 47d'], [{ rule: 'cert/not-yet-valid', at: 'issued', severity: 'error' }]);
  entry(['  - name: edge', '    hosts: [edge.example.com]', '    pemFile: certs/bundle.pem'], [{ rule: 'cert/chain-expiry', at: 'pemFile' }]);
  entry(['  - name: old', '    hosts: [old.example.com]', '    pemFile: certs/weak.pem'], [{ rule: 'cert/weak-key', at: 'pemFile' }, { rule: 'cert/weak-signature', at: 'pemFile' }]);
  entry(['  - name: iot', '    hosts: [iot.example.com]', '    pemFile: certs/p192.pem'], [{ rule: 'cert/weak-key', at: 'pemFile' }]);
  entry(['  - name: shop', '    hosts: [shop.example.com]', '    trust: public', '    pemFile: certs/long.pem'], [{ rule: 'cert/lifetime-limit', at: 'pemFile' }]);
  const text = `${lines.join('\n')}\n`;
  const file = join(dir, 'cert-inventory.yaml');
  writeFileSync(file, text);
  return { dir, file, text, now, expected, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Findings as comparable strings, sorted: "cert/weak-key@12:13 warning". */
export function describeFindings(findings: ExpectedFinding[]): string[] {
  return findings.map((f) => `${f.rule}@${f.line}:${f.character} ${f.severity}`).sort();
}
