/**
 * The Certificates view's rows of an inventory (`incidentDocs/inventoryEntries`) are built in steps
 * the server runs a slice at a time (lsp/stepRunner.ts): for 5,000 entries they took most of a
 * second in one piece, which keystrokes in any document waited out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { buildCertModel } from '../../server/src/core/inventory/model';
import { certificateRows } from '../../server/src/core/inventory/services';
import { ITEMS_PER_STEP } from '../../server/src/core/steps';
import { certificatesSteps } from '../../server/src/lsp/workspace/inventoryEntries';
import { NOW } from '../helpers/inventory';

const URI = 'file:///repo/cert-inventory.yaml';

test('an inventory of 1,000 entries gives its rows in steps, the same rows as in one piece', () => {
  const entries = Array.from({ length: 1000 }, (_, i) => `  - name: svc-${i}\n    hosts: [svc-${i}.example.com]\n    expires: 2027-0${(i % 9) + 1}-15\n`);
  const config = defaultConfig();
  const model = buildCertModel({ path: '/repo/cert-inventory.yaml', text: `certificates:\n${entries.join('')}` }, config);
  const steps = certificatesSteps(URI, model, config, NOW);
  let yields = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) yields++;
  assert.ok(yields >= 1000 / ITEMS_PER_STEP, `${yields} steps`);
  const whole = certificateRows(model, config, NOW);
  assert.equal(next.value.length, 1000);
  assert.deepEqual(
    next.value.map((row) => [row.uri, row.name, row.hosts, row.expires, row.range.start.line, row.selectionRange.start.line]),
    whole.map((row) => [URI, row.name, row.hosts, row.expires?.toISOString(), model.lines.positionAt(row.span.start).line, model.lines.positionAt(row.anchor.start).line]),
  );
});
