/**
 * The Certificates view's rows of an inventory (`incidentDocs/inventoryEntries`) are built in steps
 * the server runs a slice at a time (lsp/stepRunner.ts): for 5,000 entries they took most of a
 * second in one piece, which keystrokes in any document waited out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { buildCertModel, type CertModel } from '../../server/src/core/inventory/model';
import { certificateRows } from '../../server/src/core/inventory/services';
import { analyze, type Analysis } from '../../server/src/core/lint';
import { drain, ITEMS_PER_STEP } from '../../server/src/core/steps';
import { certificatesSteps } from '../../server/src/lsp/workspace/inventoryEntries';
import { NOW } from '../helpers/inventory';

const URI = 'file:///repo/cert-inventory.yaml';
const PATH = '/repo/cert-inventory.yaml';
const modelOf = (analysis: Analysis) => analysis.parsed[0].model as CertModel;

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
  assert.equal(next.value.rows.length, 1000);
  assert.deepEqual(
    next.value.rows.map((row) => [row.uri, row.name, row.hosts, row.expires, row.range.start.line, row.selectionRange.start.line]),
    whole.map((row) => [URI, row.name, row.hosts, row.expires?.toISOString(), model.lines.positionAt(row.span.start).line, model.lines.positionAt(row.anchor.start).line]),
  );
});

test('after an edit, the rows of the entries it left alone are kept, and are what a fresh read gives: moved, on another day, under other settings', () => {
  const entries = Array.from({ length: 300 }, (_, i) => `  - name: svc-${i}\n    hosts: [svc-${i}.example.com]\n    expires: 2027-0${(i % 9) + 1}-15\n`);
  const text = `certificates:\n${entries.join('')}`;
  const config = defaultConfig();
  const rowsOf = (model: CertModel, at = NOW, settings = config) => drain(certificatesSteps(URI, model, settings, at));
  const first = analyze({ path: PATH, text }, config);
  const before = rowsOf(modelOf(first));
  // A line inserted into entry 10: the entries after it move down.
  const edited = text.replace('    hosts: [svc-10.example.com]\n', '    hosts: [svc-10.example.com]\n    owner: team@example.com\n');
  const next = analyze({ path: PATH, text: edited }, config, {}, first);
  assert.ok(next.edit, 're-parsed by entries: the other entries are the same objects');
  const fresh = (at?: Date, settings?: typeof config) => rowsOf(modelOf(analyze({ path: PATH, text: edited }, config)), at, settings);
  assert.deepEqual(rowsOf(modelOf(next)), fresh());
  assert.notDeepEqual(rowsOf(modelOf(next)).rows[20].range, before.rows[20].range, 'moved');
  const tomorrow = new Date(NOW.getTime() + 86_400_000);
  assert.deepEqual(rowsOf(modelOf(next), tomorrow), fresh(tomorrow));
  assert.equal(rowsOf(modelOf(next), tomorrow).rows[5].daysLeft, (before.rows[5].daysLeft ?? 0) - 1);
  const wider = { ...config, warnDays: 400 };
  assert.deepEqual(rowsOf(modelOf(next), NOW, wider), fresh(NOW, wider));
  assert.notDeepEqual(rowsOf(modelOf(next), NOW, wider).rows.map((r) => r.state), rowsOf(modelOf(next)).rows.map((r) => r.state));
});
