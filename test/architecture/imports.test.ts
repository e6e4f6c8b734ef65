/**
 * The layering holds: every import of client/src, contract/src and server/src is read and judged
 * (tsc -b also refuses client -> server and contract -> either; this names every rule and catches
 * what project references cannot: lsp -> cli, core -> lsp, cycles, stray packages).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { describeImport, importCycles, readImports, type Import } from './importGraph';
import { LAYER_RULES, offences } from './layers';

const ROOT = path.join(__dirname, '..', '..');
const SOURCES = ['client/src', 'contract/src', 'server/src'];

/**
 * Offences known today that another change removes, each with its reason. The last test fails
 * once one is gone, so the list only ever shrinks.
 */
const KNOWN_OFFENCES: Record<string, string[]> = {};

describe('import layering of client/src, contract/src and server/src', () => {
  const imports = readImports(ROOT, SOURCES);

  test('the scanner sees the tree (imports of every kind, resolved to files)', () => {
    const edges = new Set(imports.map((i) => `${i.from} -> ${i.to ?? i.specifier}`));
    for (const edge of [
      'client/src/languageClient.ts -> contract/src/nodeFlags.ts',
      'client/src/languageClient.ts -> vscode-languageclient/node',
      'server/src/lsp/server.ts -> server/src/lsp/commands.ts',
      'server/src/core/live/types.ts -> contract/src/probeOutcome.ts',
      'server/src/cli/runCert.ts -> server/src/core/live/index.ts',
      // A require inside a function (the CLI's commands load their work so).
      'server/src/cli/parts.ts -> server/src/cli/runLint.ts',
    ]) {
      assert.ok(edges.has(edge), edge);
    }
    assert.ok(new Set(imports.map((i) => i.from)).size > 150);
  });

  for (const rule of LAYER_RULES) {
    test(`no ${rule.name}`, () => {
      assert.deepEqual(offences(rule, imports).filter((o) => !KNOWN_OFFENCES[rule.name]?.includes(o)), []);
    });
  }

  test('no import cycle, type-only imports included', () => {
    assert.deepEqual(importCycles(imports).map((cycle) => cycle.join(' -> ')), []);
  });

  test('every known offence still exists (remove it from KNOWN_OFFENCES once fixed)', () => {
    for (const [name, known] of Object.entries(KNOWN_OFFENCES)) {
      const rule = LAYER_RULES.find((r) => r.name === name);
      assert.ok(rule, `no rule named ${name}`);
      const found = offences(rule, imports);
      for (const offence of known) assert.ok(found.includes(offence), `fixed, remove from KNOWN_OFFENCES: ${offence}`);
    }
  });
});

describe('the layering checks catch what they are for', () => {
  const broken: Import[] = [
    { from: 'client/src/a.ts', specifier: '../../server/src/core/lint', to: 'server/src/core/lint.ts' },
    { from: 'client/src/a.ts', specifier: '../../test/helpers/lint', to: 'test/helpers/lint.ts' },
    { from: 'client/src/a.ts', specifier: 'yaml' },
    { from: 'contract/src/a.ts', specifier: '../../server/src/core/config', to: 'server/src/core/config.ts' },
    { from: 'contract/src/a.ts', specifier: 'vscode' },
    { from: 'server/src/lsp/a.ts', specifier: '../cli/files', to: 'server/src/cli/files.ts' },
    { from: 'server/src/core/a.ts', specifier: '../lsp/protocol', to: 'server/src/lsp/protocol.ts' },
    { from: 'server/src/core/a.ts', specifier: '../../../client/src/x', to: 'client/src/x.ts' },
  ];
  const allowed: Import[] = [
    { from: 'client/src/a.ts', specifier: '../../contract/src/requests', to: 'contract/src/requests.ts' },
    { from: 'client/src/a.ts', specifier: 'vscode-languageclient/node' },
    { from: 'client/src/a.ts', specifier: 'node:path' },
    { from: 'contract/src/a.ts', specifier: 'vscode-languageserver-protocol' },
    { from: 'contract/src/a.ts', specifier: 'node:net' },
    { from: 'server/src/core/a.ts', specifier: '../../../contract/src/probeOutcome', to: 'contract/src/probeOutcome.ts' },
    { from: 'server/src/lsp/a.ts', specifier: '../core/lint', to: 'server/src/core/lint.ts' },
  ];

  test('each forbidden import breaks exactly one rule, named with its file and import; allowed ones none', () => {
    const judged = broken.map((i) => LAYER_RULES.filter((r) => r.breaks(i)).map((r) => r.name));
    assert.deepEqual(judged, [
      ['client -> server'],
      ['client -> a file outside client/src and contract/src'],
      ['client -> a package other than vscode, vscode-languageclient and Node built-ins'],
      ['contract -> client or server'],
      ['contract -> a package other than vscode-languageserver-protocol and Node built-ins'],
      ['lsp -> cli'],
      ['core -> lsp or cli'],
      ['server -> client'],
    ]);
    assert.deepEqual(allowed.flatMap((i) => LAYER_RULES.filter((r) => r.breaks(i)).map((r) => `${r.name}: ${describeImport(i)}`)), []);
    assert.deepEqual(offences(LAYER_RULES[0], broken), ["client/src/a.ts imports '../../server/src/core/lint' (server/src/core/lint.ts)"]);
  });

  test('a cycle is reported as the path around it, type-only imports and index files included', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'incident-docs-imports-'));
    try {
      mkdirSync(path.join(dir, 'src/lsp/b'), { recursive: true });
      writeFileSync(path.join(dir, 'src/lsp/a.ts'), "import type { B } from './b';\nexport type A = B;\n");
      writeFileSync(path.join(dir, 'src/lsp/b/index.ts'), "export { c } from '../c';\nexport type B = string;\n");
      writeFileSync(path.join(dir, 'src/lsp/c.ts'), "export const c = () => import('./a');\nimport 'node:fs';\n");
      writeFileSync(path.join(dir, 'src/lsp/d.ts'), "import { c } from './c';\n// import x from './e'\nexport const d = c;\n");
      const found = readImports(dir, ['src']);
      assert.deepEqual(
        found.map((i) => `${i.from} -> ${i.to ?? i.specifier}`),
        ['src/lsp/a.ts -> src/lsp/b/index.ts', 'src/lsp/b/index.ts -> src/lsp/c.ts', 'src/lsp/c.ts -> src/lsp/a.ts', 'src/lsp/c.ts -> node:fs', 'src/lsp/d.ts -> src/lsp/c.ts'],
      );
      assert.deepEqual(importCycles(found), [['src/lsp/a.ts', 'src/lsp/b/index.ts', 'src/lsp/c.ts', 'src/lsp/a.ts']]);
      assert.deepEqual(importCycles(found, (f) => !f.includes('/b/')), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
