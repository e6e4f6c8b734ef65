import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { expandPaths as expand, splitGlob } from '../../../server/src/core/workspace/expandPaths';
import { WorkspaceError } from '../../../server/src/core/workspace/errors';
import { tempTree } from '../../cli/helpers';

/** Expands and fails the test on any warning (the hostile cases below collect them instead). */
async function expandPaths(inputs: string[], cwd: string): Promise<string[]> {
  const warnings: string[] = [];
  const files = await expand(inputs, cwd, { warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings, []);
  return files;
}

const relativeTo = (root: string, files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

describe('expandPaths', () => {
  it('walks a folder for Markdown and YAML only, honouring .gitignore and skipping node_modules', async () => {
    const root = tempTree({
      '.gitignore': 'drafts/\n*.tmp.md\n',
      'incidents/a.md': '# a',
      'incidents/b.markdown': '# b',
      'incidents/c.yaml': 'a: 1',
      'incidents/d.yml': 'a: 1',
      'incidents/notes.txt': 'not a candidate',
      'incidents/e.tmp.md': 'ignored',
      'drafts/f.md': 'ignored',
      'node_modules/pkg/README.md': 'ignored',
      'incidents/.hidden/g.md': 'dot folders are walked',
    });
    const files = await expandPaths(['.'], root);
    assert.deepEqual(relativeTo(root, files), [
      'incidents/.hidden/g.md',
      'incidents/a.md',
      'incidents/b.markdown',
      'incidents/c.yaml',
      'incidents/d.yml',
    ]);
  });

  it('applies the repository root .gitignore when walking a subfolder', async () => {
    const root = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'secret.md\n', 'docs/pm/secret.md': 'x', 'docs/pm/open.md': 'x' });
    const files = await expandPaths(['docs/pm'], root);
    assert.deepEqual(relativeTo(root, files), ['docs/pm/open.md']);
    // From inside the subfolder too (cwd below the repository root).
    const fromInside = await expandPaths(['.'], path.join(root, 'docs'));
    assert.deepEqual(relativeTo(root, fromInside), ['docs/pm/open.md']);
  });

  it('always reads files named explicitly, whatever their extension or .gitignore', async () => {
    const root = tempTree({ '.gitignore': '*.txt\n', 'notes.txt': 'x', 'a.md': 'x' });
    const files = await expandPaths(['notes.txt', 'a.md', './a.md'], root);
    assert.deepEqual(relativeTo(root, files), ['a.md', 'notes.txt']);
  });

  it('expands globs to candidates, honouring the repository .gitignore', async () => {
    const root = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'old/\n',
      'incidents/2024/a.md': 'x',
      'incidents/2025/b.md': 'x',
      'incidents/2025/c.png': 'x',
      'incidents/old/d.md': 'x',
    });
    assert.deepEqual(relativeTo(root, await expandPaths(['incidents/**/*'], root)), ['incidents/2024/a.md', 'incidents/2025/b.md']);
    assert.deepEqual(relativeTo(root, await expandPaths(['incidents/2025/*.md'], root)), ['incidents/2025/b.md']);
    assert.deepEqual(relativeTo(root, await expandPaths([`${root}/incidents/*/a.md`], '/')), ['incidents/2024/a.md']);
  });

  it('reports a missing path or an empty glob as a usage error', async () => {
    const root = tempTree({ 'a.md': 'x' });
    await assert.rejects(expandPaths(['missing.md'], root), (e: unknown) => e instanceof WorkspaceError && e.kind === 'usage' && /missing\.md: no such file/.test(e.message));
    await assert.rejects(expandPaths(['nothing/**/*.md'], root), WorkspaceError);
    await assert.rejects(expandPaths(['*.txt'], root), WorkspaceError);
  });

  it('returns an empty list for a folder without candidates', async () => {
    const root = tempTree({ 'docs/readme.txt': 'x' });
    fs.mkdirSync(path.join(root, 'empty'));
    assert.deepEqual(await expandPaths(['docs', 'empty'], root), []);
  });
});

describe('splitGlob', () => {
  it('separates the static folder from the pattern', () => {
    assert.deepEqual(splitGlob('incidents/**/*.md'), { base: 'incidents', rest: '**/*.md' });
    assert.deepEqual(splitGlob('*.md'), { base: '.', rest: '*.md' });
    assert.deepEqual(splitGlob('/tmp/x/*.md'), { base: '/tmp/x', rest: '*.md' });
    assert.deepEqual(splitGlob('a/{b,c}/d.md'), { base: 'a', rest: '{b,c}/d.md' });
  });
});

describe('expandPaths on a hostile tree', () => {
  const cleanups: string[] = [];
  after(() => cleanups.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** A repository whose folders link out of it (to / and /usr, and to a sibling project) and into itself. */
  function linkedTree(): { base: string; repo: string } {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-docs-walk-'));
    cleanups.push(base);
    const repo = path.join(base, 'repo');
    fs.mkdirSync(path.join(repo, 'a/real'), { recursive: true });
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.writeFileSync(path.join(repo, 'a/real/pm.md'), '# pm');
    fs.writeFileSync(path.join(base, 'elsewhere/outside.md'), '# outside');
    fs.symlinkSync('/', path.join(repo, 'a/root'));
    fs.symlinkSync('/usr', path.join(repo, 'a/usr'));
    fs.symlinkSync('../../elsewhere', path.join(repo, 'a/ext'));
    fs.symlinkSync('../../elsewhere/outside.md', path.join(repo, 'a/outside-link.md'));
    fs.symlinkSync('..', path.join(repo, 'a/real/loop'));
    fs.symlinkSync('real', path.join(repo, 'a/again'));
    return { base, repo };
  }

  it('never leaves the root through a link, cannot loop, and lints each file once', { timeout: 10_000 }, async () => {
    const { repo } = linkedTree();
    const files = await expandPaths(['.'], repo);
    assert.deepEqual(relativeTo(repo, files), ['a/real/pm.md']);
    // A glob from the same folder stays home too.
    assert.deepEqual(relativeTo(repo, await expandPaths(['a/**/*.md'], repo)), ['a/real/pm.md']);
  });

  it('skips a folder it cannot read with one warning and walks the rest', { skip: process.getuid?.() === 0 && 'root reads every folder' }, async () => {
    const root = tempTree({ 'ok/a.md': '# a', 'locked/b.md': '# b' });
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const warnings: string[] = [];
      const files = await expand(['.'], root, { warn: (m) => warnings.push(m) });
      assert.deepEqual(relativeTo(root, files), ['ok/a.md']);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /locked: cannot read this folder \(permission denied\)/);
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('a file named on the command line is read even through a link (the user chose it)', async () => {
    const { repo } = linkedTree();
    assert.deepEqual(relativeTo(repo, await expandPaths(['a/outside-link.md'], repo)), ['a/outside-link.md']);
  });
});
