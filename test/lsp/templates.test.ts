/** The `template` setting through the real server: .incident-docs.yaml, diagnostics by line and column, New Post-Mortem's skeleton. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { PostmortemSkeletonRequest, type PostmortemSkeleton } from '../../contract/src/requests';
import type { LspTestClient } from '../helpers/lspClient';
import { serveTempWorkspace, tempDir, vscodeUri, withRule } from './fixtures';

const TEMPLATE = '# Incident Title\n\n## Summary\n\nSay what broke and for how long, in two sentences.\n\n## Stats\n\n- Category: XXX\n';
const REPORT = '# Gateway outage\n\n## Summary\n\nSay what broke and for how long, in two sentences.\n\nThe gateway was down.\n\n## Timeline\n\n- 14:05 UTC paged\n';

describe('template: the team’s own file, named in .incident-docs.yaml', () => {
  const temp = tempDir();
  let client: LspTestClient;
  serveTempWorkspace(
    temp,
    {
      prepare: () => {
        mkdirSync(path.join(temp.dir, 'docs'), { recursive: true });
        mkdirSync(path.join(temp.dir, 'postmortems'), { recursive: true });
        writeFileSync(path.join(temp.dir, 'docs', 'template.md'), TEMPLATE);
        writeFileSync(path.join(temp.dir, '.incident-docs.yaml'), 'template: docs/template.md\nrules:\n  pm/section-order: info\n');
      },
    },
    (c) => (client = c),
  );

  test('pm/required-section for the template’s missing section and pm/template-text for its guidance, by line and column', async () => {
    const uri = vscodeUri(path.join(temp.dir, 'postmortems', 'outage.md'));
    await client.open(uri, REPORT);
    const published = await client.waitForDiagnostics(uri);
    const required = withRule(published, 'pm/required-section');
    assert.deepEqual(required.map((d) => [d.range.start.line, d.range.start.character, d.message]), [[0, 2, 'Missing required section “Stats”.']]);
    const text = withRule(published, 'pm/template-text');
    assert.deepEqual(text.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]), [[4, 0, 4, 50]]);
    await client.close(uri);
  });

  test('pm/section-order, turned on in the config file', async () => {
    const uri = vscodeUri(path.join(temp.dir, 'postmortems', 'order.md'));
    await client.open(uri, '# Outage\n\n## Stats\n\nCategory: network\n\n## Summary\n\nIt broke.\n');
    const order = withRule(await client.waitForDiagnostics(uri), 'pm/section-order');
    assert.deepEqual(order.map((d) => [d.range.start.line, d.range.start.character, d.message]), [[2, 3, '“Stats” is out of the template’s order: the template puts it after “Summary”.']]);
    await client.close(uri);
  });

  test('New Post-Mortem’s skeleton is the team’s template, titled', async () => {
    const result = await client.request<PostmortemSkeleton>(PostmortemSkeletonRequest.method, {
      uri: vscodeUri(path.join(temp.dir, 'postmortems', 'new.md')),
      title: 'Gateway down',
    });
    assert.equal(result.problem, undefined);
    assert.equal(result.template, path.join(temp.dir, 'docs', 'template.md'));
    assert.match(result.snippet, /^---\ndate: \$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE\ntitle: Gateway down\n---\n# Incident Title\n\n## Summary\n/);
  });
});

describe('template: a preset, and one that cannot be used', () => {
  const temp = tempDir();
  let client: LspTestClient;
  serveTempWorkspace(temp, { settings: { template: '../outside.md' } }, (c) => (client = c));

  test('outside the workspace: one finding at the title, and the skeleton falls back to the default with the reason', async () => {
    const uri = vscodeUri(path.join(temp.dir, 'postmortems', 'a.md'));
    await client.open(uri, '# Post-mortem: outage\n\n## Overview\n\nIt broke.\n');
    const required = withRule(await client.waitForDiagnostics(uri), 'pm/required-section');
    assert.equal(required.length, 1);
    assert.deepEqual([required[0].range.start.line, required[0].range.start.character], [0, 2]);
    assert.match(String(required[0].message), /^Template not used: "\.\.\/outside\.md" is outside the workspace/);
    const result = await client.request<PostmortemSkeleton>(PostmortemSkeletonRequest.method, { uri, title: 'X' });
    assert.match(result.problem ?? '', /outside the workspace/);
    assert.match(result.snippet, /^## Overview$/m);
    await client.close(uri);
  });
});
