// `lint --fix`, `--fix-dry-run` and `--fix-rule` through the built CLI, on copies of the shared
// corpus, the examples and the seed, and on files made to test what a rewrite must keep.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { autoFixOf } from '../../server/src/core/fix/fixAll';
import { lint } from '../../server/src/core/lint';
import { policyRootFor } from '../../server/src/core/workspace/pathPolicy';
import { decodeText } from '../../server/src/core/workspace/readFile';
import { applyEdits, NOW } from '../helpers/lint';
import { REPO_ROOT, runCli, SEED, tempTree } from './helpers';

const NOW_ARGS = ['--now', NOW.toISOString()];
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');
const EXAMPLE_PM = fs.readFileSync(path.join(REPO_ROOT, 'examples/postmortems/2026-03-02-api-gateway-cert-expiry.md'), 'utf8');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile()).sort();
}

/** Bytes and identity of every file, to see what a run wrote. */
function snapshot(dir: string): Map<string, { bytes: Buffer; ino: number; mtimeMs: number }> {
  return new Map(filesUnder(dir).map((f) => {
    const stat = fs.statSync(f);
    return [path.relative(dir, f), { bytes: fs.readFileSync(f), ino: stat.ino, mtimeMs: stat.mtimeMs }];
  }));
}

/** The corpus, the examples and the seed, copied writable into a fresh folder. */
function copies(): string {
  const root = tempTree({});
  if (fs.existsSync(CORPUS)) fs.cpSync(CORPUS, path.join(root, 'corpus'), { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
  fs.copyFileSync(SEED, path.join(root, path.basename(SEED)));
  for (const f of filesUnder(root)) fs.chmodSync(f, 0o644);
  for (const d of fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => path.join(root, f)).filter((f) => fs.statSync(f).isDirectory())) fs.chmodSync(d, 0o755);
  return root;
}

/** Findings of the text as the CLI lints the file (no config file lies in these trees). */
function lintAs(file: string, text: string) {
  return lint({ path: file, text, root: policyRootFor(file, undefined) }, defaultConfig(), { now: NOW });
}

describe('lint --fix on copies of the corpus, the examples and the seed', () => {
  const root = copies();
  const before = snapshot(root);
  const run = runCli(['lint', '--fix', '--format', 'json', ...NOW_ARGS, '.'], { cwd: root });
  const after = snapshot(root);
  const changed = [...after.keys()].filter((f) => !before.get(f)!.bytes.equals(after.get(f)!.bytes));

  it('fixes the seed, the example post-mortem and the example inventory, and says so on stderr', () => {
    assert.ok(run.code === 1, `exit ${run.code}: ${run.stderr}`);
    for (const f of [path.basename(SEED), 'examples/postmortems/2026-03-02-api-gateway-cert-expiry.md', 'examples/inventory/cert-inventory.yaml']) {
      assert.ok(changed.includes(f), `${f} not changed; changed: ${changed.join(', ')}`);
    }
    assert.match(run.stderr, new RegExp(`incident-docs: \\d+ fixes applied in ${changed.length} files\\n`));
  });

  it('prints what remains: the findings a plain lint of the fixed files gives, with its exit code', () => {
    const plain = runCli(['lint', '--format', 'json', ...NOW_ARGS, '.'], { cwd: root });
    assert.equal(run.stdout, plain.stdout);
    assert.equal(run.code, plain.code);
  });

  it('changes only what the safe fixes of the findings cover, as an editor would apply them', () => {
    for (const f of changed) {
      const file = path.join(root, f);
      const original = decodeText(before.get(f)!.bytes);
      const fixes = new Set(lintAs(file, original).map(autoFixOf).filter((x) => x !== undefined));
      assert.ok(fixes.size > 0, f);
      assert.equal(decodeText(after.get(f)!.bytes), applyEdits(original, [...fixes].flatMap((x) => x.edits)), f);
    }
  });

  it('leaves every remaining finding one without a safe fix, and every file as readable as before', () => {
    for (const f of [...after.keys()].filter((f) => /\.(md|ya?ml)$/.test(f))) {
      const file = path.join(root, f);
      const findings = lintAs(file, decodeText(after.get(f)!.bytes));
      for (const finding of findings) assert.equal(autoFixOf(finding), undefined, `${f}: ${finding.rule} still has a safe fix`);
      const unreadable = (list: { rule: string }[]) => list.filter((x) => x.rule === 'cert/yaml-syntax' || x.rule.startsWith('doc/')).length;
      assert.ok(unreadable(findings) <= unreadable(lintAs(file, decodeText(before.get(f)!.bytes))), f);
    }
  });

  it('is idempotent: a second run writes nothing', () => {
    const again = runCli(['lint', '--fix', '--format', 'json', ...NOW_ARGS, '.'], { cwd: root });
    assert.equal(again.stdout, run.stdout);
    assert.doesNotMatch(again.stderr, /applied/);
    assert.deepEqual(snapshot(root), after);
  });
});

describe('lint --fix keeps what it does not fix', () => {
  it('CRLF line breaks, a UTF-8 byte-order mark and UTF-16', () => {
    const root = tempTree({
      'postmortems/lf.md': EXAMPLE_PM,
      'postmortems/crlf-bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXAMPLE_PM.replace(/\n/g, '\r\n'))]),
      'postmortems/utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EXAMPLE_PM, 'utf16le')]),
    });
    const run = runCli(['lint', '--fix', ...NOW_ARGS, '.'], { cwd: root });
    assert.equal(run.code, 1, run.stderr);
    const lf = fs.readFileSync(path.join(root, 'postmortems/lf.md'), 'utf8');
    assert.notEqual(lf, EXAMPLE_PM);
    const crlf = fs.readFileSync(path.join(root, 'postmortems/crlf-bom.md'));
    assert.deepEqual(crlf, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lf.replace(/\n/g, '\r\n'))]));
    const utf16 = fs.readFileSync(path.join(root, 'postmortems/utf16.md'));
    assert.deepEqual(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lf, 'utf16le')]));
  });

  it('the file mode, and a link stays a link to the fixed file', () => {
    const root = tempTree({ '.git/HEAD': '', 'postmortems/a.md': EXAMPLE_PM, 'real/b.md': EXAMPLE_PM });
    fs.chmodSync(path.join(root, 'postmortems/a.md'), 0o640);
    fs.symlinkSync('../real/b.md', path.join(root, 'postmortems/b.md'));
    runCli(['lint', '--fix', ...NOW_ARGS, 'postmortems/a.md', 'postmortems/b.md'], { cwd: root });
    assert.equal(fs.statSync(path.join(root, 'postmortems/a.md')).mode & 0o7777, 0o640);
    assert.ok(fs.lstatSync(path.join(root, 'postmortems/b.md')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(root, 'real/b.md'), 'utf8'), fs.readFileSync(path.join(root, 'postmortems/a.md'), 'utf8'));
    assert.notEqual(fs.readFileSync(path.join(root, 'real/b.md'), 'utf8'), EXAMPLE_PM);
    assert.deepEqual(fs.readdirSync(path.join(root, 'postmortems')).sort(), ['a.md', 'b.md'], 'no temporary file left');
  });

  it('refuses, exit 2: a link out of the repository, a read-only file, bytes that are not UTF-8', () => {
    const outside = tempTree({ 'elsewhere.md': EXAMPLE_PM });
    const invalid = Buffer.concat([Buffer.from(EXAMPLE_PM), Buffer.from([0xff, 0xfe, 0x0a])]);
    const root = tempTree({ '.git/HEAD': '', 'postmortems/ro.md': EXAMPLE_PM, 'postmortems/bad-utf8.md': invalid, 'postmortems/ok.md': EXAMPLE_PM });
    fs.symlinkSync(path.join(outside, 'elsewhere.md'), path.join(root, 'postmortems/link.md'));
    fs.chmodSync(path.join(root, 'postmortems/ro.md'), 0o444);
    // A folder walk does not follow links; a link named on the command line is read, but not written through.
    const run = runCli(['lint', '--fix', ...NOW_ARGS, 'postmortems', 'postmortems/link.md'], { cwd: root });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /postmortems\/link\.md: not rewritten: .*outside the workspace/);
    assert.match(run.stderr, /postmortems\/ro\.md: read-only; not rewritten/);
    assert.match(run.stderr, /postmortems\/bad-utf8\.md: not valid UTF-8; not rewritten/);
    assert.equal(fs.readFileSync(path.join(outside, 'elsewhere.md'), 'utf8'), EXAMPLE_PM);
    assert.equal(fs.readFileSync(path.join(root, 'postmortems/ro.md'), 'utf8'), EXAMPLE_PM);
    assert.deepEqual(fs.readFileSync(path.join(root, 'postmortems/bad-utf8.md')), invalid);
    assert.notEqual(fs.readFileSync(path.join(root, 'postmortems/ok.md'), 'utf8'), EXAMPLE_PM, 'the others are still fixed');
    // What remains of a file not rewritten is what it holds: its empty row is still reported.
    const remaining = runCli(['lint', '--fix', '--format', 'json', ...NOW_ARGS, 'postmortems/ro.md'], { cwd: root });
    assert.ok(JSON.parse(remaining.stdout).some((f: { rule: string }) => f.rule === 'pm/empty-row'));
  });
});

describe('lint --fix-dry-run and --fix-rule', () => {
  it('--fix-dry-run writes nothing and prints a diff that `git apply` turns into what --fix writes', () => {
    const dry = copies();
    const wet = copies();
    const before = snapshot(dry);
    const run = runCli(['lint', '--fix-dry-run', ...NOW_ARGS, '.'], { cwd: dry });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^--- a\/3scale-cert-expiry-postmortem\.md\n\+\+\+ b\/3scale-cert-expiry-postmortem\.md\n@@ -/m);
    assert.match(run.stderr, /--fix-dry-run: \d+ fixes would be applied in \d+ files; \d+ errors, \d+ warnings and \d+ other findings would remain/);
    assert.deepEqual(snapshot(dry), before);
    runCli(['lint', '--fix', ...NOW_ARGS, '.'], { cwd: wet });
    const patch = path.join(dry, '..', `${path.basename(dry)}.patch`);
    fs.writeFileSync(patch, run.stdout);
    try {
      const applied = spawnSync('git', ['apply', '--unsafe-paths', '-p1', patch], { cwd: dry, encoding: 'utf8' });
      assert.equal(applied.status, 0, applied.stderr);
    } finally {
      fs.rmSync(patch);
    }
    const fixed = snapshot(wet);
    for (const [f, { bytes }] of snapshot(dry)) assert.deepEqual(bytes, fixed.get(f)!.bytes, f);
  });

  it('--fix-dry-run of a CRLF file gives a diff that applies', () => {
    const crlf = EXAMPLE_PM.replace(/\n/g, '\r\n');
    const root = tempTree({ 'postmortems/a.md': crlf });
    const run = runCli(['lint', '--fix-dry-run', ...NOW_ARGS, 'postmortems/a.md'], { cwd: root });
    fs.writeFileSync(path.join(root, 'fix.patch'), run.stdout);
    const applied = spawnSync('git', ['apply', '-p1', 'fix.patch'], { cwd: root, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
    const fixed = fs.readFileSync(path.join(root, 'postmortems/a.md'), 'utf8');
    assert.match(fixed, /## Resolution\r\n/);
    assert.doesNotMatch(fixed, /(?<!\r)\n/);
  });

  it('--fix-rule fixes only the rules named', () => {
    const root = tempTree({ 'postmortems/a.md': EXAMPLE_PM });
    const run = runCli(['lint', '--fix', '--fix-rule', 'pm/empty-row', ...NOW_ARGS, '.'], { cwd: root });
    assert.match(run.stderr, /1 fix applied in 1 file/);
    const fixed = fs.readFileSync(path.join(root, 'postmortems/a.md'), 'utf8');
    assert.match(fixed, /## Resolutoin/);
    assert.doesNotMatch(fixed, /^\|  \|  \|$/m);
  });

  it('refuses an unknown rule, --fix-rule alone, and a --format with --fix-dry-run', () => {
    const unknown = runCli(['lint', '--fix', '--fix-rule', 'pm/empty-rows', 'examples']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--fix-rule: unknown rule "pm\/empty-rows" \(did you mean pm\/empty-row\?\)/);
    const alone = runCli(['lint', '--fix-rule', 'pm/empty-row', 'examples']);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--fix-rule limits --fix or --fix-dry-run/);
    const format = runCli(['lint', '--fix-dry-run', '--format', 'json', 'examples']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--fix-dry-run prints a unified diff/);
  });
});
