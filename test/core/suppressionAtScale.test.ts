/**
 * "Disable this rule for this line" is asked for every finding of a selection, so finding the
 * line's place in the parse is a binary search over long lists (an inventory's entries, a
 * post-mortem's blocks, rows and items), not a scan: it must find what the scan found.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isCollection, isPair, isScalar, type Node } from 'yaml';
import { defaultConfig } from '../../server/src/core/config';
import { buildCertModel, type CertModel } from '../../server/src/core/inventory/model';
import { multiLineScalarAround } from '../../server/src/core/inventory/suppression';
import { buildPostmortemModel } from '../../server/src/core/postmortem/model';
import { spanOf } from '../../server/src/core/postmortem/runs';
import { ancestry } from '../../server/src/core/postmortem/suppression';

/** The scan the binary search replaced. */
function scalarByScan(model: CertModel, offset: number): { start: number; end: number } | undefined {
  const pending: unknown[] = model.yaml.documents.map((d) => d.contents);
  while (pending.length > 0) {
    const node = pending.pop();
    if (isPair(node)) {
      pending.push(node.key, node.value);
      continue;
    }
    const range = (node as Node | null)?.range;
    if (!range || offset < range[0] || offset > range[1]) continue;
    if (isScalar(node) && range[0] < offset && offset < range[1]) return { start: range[0], end: range[1] };
    if (isCollection(node)) pending.push(...node.items);
  }
  return undefined;
}

type MdNode = { type: string; children?: MdNode[] };

function ancestryByScan(root: MdNode, offset: number): MdNode[] {
  const chain = [root];
  for (;;) {
    const next = chain[chain.length - 1].children?.find((c) => {
      const span = spanOf(c as never);
      return span.start <= offset && offset < span.end;
    });
    if (!next) return chain;
    chain.push(next);
  }
}

test('the multi-line scalar around a place in a long inventory is the one a scan finds', () => {
  const entries = Array.from({ length: 60 }, (_, i) =>
    i % 3 === 0
      ? `  - name: svc-${i}\n    hosts: [svc-${i}.example.com]\n    pem: |\n      -----BEGIN CERTIFICATE-----\n      MIIB${i}\n      -----END CERTIFICATE-----\n    note: "a quoted\n      value over two lines"\n`
      : `  - name: svc-${i}\n    hosts:\n      - svc-${i}.example.com\n    expires: 2027-05-01\n`,
  );
  const text = `defaults:\n  warnDays: 30\ncertificates:\n${entries.join('')}tail:\n  key: value\n`;
  const model = buildCertModel({ path: '/repo/cert-inventory.yaml', text }, defaultConfig());
  let inside = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    const expected = scalarByScan(model, offset);
    if (expected) inside++;
    assert.deepEqual(multiLineScalarAround(model, offset), expected, `offset ${offset}`);
  }
  assert.ok(inside > 500, `${inside} offsets inside a multi-line scalar`);
});

test('the nodes holding a place in a post-mortem are the ones a scan finds', () => {
  const dir = join(__dirname, '..', 'fixtures', 'postmortems');
  const rows = Array.from({ length: 80 }, (_, i) => `| ${String(10 + (i % 14)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | step ${i} \`code\` [link](https://x.example/${i}) |`).join('\n');
  const texts = [
    readFileSync(join(dir, '3scale-cert-expiry-postmortem.md'), 'utf8'),
    readFileSync(join(dir, 'dfds__postmortems__PM2021-011_Log4Shell.md'), 'utf8'),
    `# Post-mortem: many rows\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n${rows}\n\n## Action items\n\n${Array.from({ length: 40 }, (_, i) => `- item ${i} <!-- note -->`).join('\n')}\n`,
  ];
  for (const text of texts) {
    const model = buildPostmortemModel({ path: '/repo/postmortems/2026-03-02-x.md', text }, defaultConfig());
    fc.assert(
      fc.property(fc.nat({ max: text.length }), (offset) => {
        assert.deepEqual(ancestry(model.root, offset), ancestryByScan(model.root as MdNode, offset) as never);
      }),
      { numRuns: 1500, seed: 61 },
    );
  }
});
