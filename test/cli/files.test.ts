import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CliError } from '../../server/src/cli/errors';
import { expandPaths, splitGlob as split } from '../../server/src/cli/files';
import { tempTree } from './helpers';

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
    await assert.rejects(expandPaths(['missing.md'], root), (e: unknown) => e instanceof CliError && /missing\.md: no such file/.test(e.message));
    await assert.rejects(expandPaths(['nothing/**/*.md'], root), CliError);
    await assert.rejects(expandPaths(['*.txt'], root), CliError);
  });

  it('returns an empty list for a folder without candidates', async () => {
    const root = tempTree({ 'docs/readme.txt': 'x' });
    fs.mkdirSync(path.join(root, 'empty'));
    assert.deepEqual(await expandPaths(['docs', 'empty'], root), []);
  });
});

describe('splitGlob', () => {
  it('separates the static folder from the pattern', async () => {
    const { isDynamicPattern } = await import('globby');
    const splitGlob = (p: string) => split(p, isDynamicPattern);
    assert.deepEqual(splitGlob('incidents/**/*.md'), { base: 'incidents', rest: '**/*.md' });
    assert.deepEqual(splitGlob('*.md'), { base: '.', rest: '*.md' });
    assert.deepEqual(splitGlob('/tmp/x/*.md'), { base: '/tmp/x', rest: '*.md' });
    assert.deepEqual(splitGlob('a/{b,c}/d.md'), { base: 'a', rest: '{b,c}/d.md' });
  });
});
