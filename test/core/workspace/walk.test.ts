import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isCandidateFile } from '../../../server/src/core/workspace/expandPaths';
import { isWalkedFile, walkFolder } from '../../../server/src/core/workspace/walk';
import { tempTree } from '../../cli/helpers';

describe('isWalkedFile', () => {
  it('says of each file exactly what a walk of its folder does', async () => {
    const root = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'vendor/\n*.tmp.yaml\n',
      'k8s/certificates.yaml': 'x',
      'k8s/old.tmp.yaml': 'x',
      'k8s/.gitignore': 'generated/\n!keep.tmp.yaml\n',
      'k8s/keep.tmp.yaml': 'x',
      'k8s/generated/certificates.yaml': 'x',
      'vendor/certificates.yaml': 'x',
      'node_modules/pkg/certificates.yaml': 'x',
      'deep/a/b/c/inventory.yml': 'x',
      'notes.txt': 'x',
    });
    fs.symlinkSync(path.join(root, 'k8s'), path.join(root, 'linked'));
    const walked = new Set(await walkFolder(root, { accept: isCandidateFile, warn: assert.fail }));
    const every = [...fs.readdirSync(root, { recursive: true, encoding: 'utf8' })].map((f) => path.join(root, f)).filter((f) => !fs.statSync(f).isDirectory());
    assert.ok(walked.size >= 2 && every.length > walked.size);
    for (const file of every) assert.equal(isWalkedFile(root, file, isCandidateFile, assert.fail), walked.has(file), path.relative(root, file));
  });
  it('refuses what lies outside the root, the root itself and files that do not exist', () => {
    const root = tempTree({ 'a/c.yaml': 'x' });
    assert.equal(isWalkedFile(path.join(root, 'a'), path.join(root, 'a', 'c.yaml'), isCandidateFile, assert.fail), true);
    assert.equal(isWalkedFile(path.join(root, 'a'), path.join(root, 'b.yaml'), isCandidateFile, assert.fail), false);
    assert.equal(isWalkedFile(root, root, isCandidateFile, assert.fail), false);
    assert.equal(isWalkedFile(root, path.join(root, 'a', 'gone.yaml'), isCandidateFile, assert.fail), false);
  });
});
