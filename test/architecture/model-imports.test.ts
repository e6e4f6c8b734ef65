/**
 * Models never import rules: core/postmortem and core/inventory parse documents, core/rules judge
 * them, and core/documentTypes joins the two. An import the other way is a loop between layers.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { forbiddenImports } from '../helpers/imports';

const ROOT = path.resolve(__dirname, '..', '..');
const CORE = path.join(ROOT, 'server', 'src', 'core');
const MODEL_DIRS = [path.join(CORE, 'postmortem'), path.join(CORE, 'inventory')];

describe('model folders do not import rules', () => {
  it('nothing under core/postmortem or core/inventory imports from core/rules', () => {
    const offending = forbiddenImports(MODEL_DIRS, path.join(CORE, 'rules'), ROOT);
    assert.deepEqual(offending, [], `models must not import rules:\n${offending.join('\n')}`);
  });

  describe('the scan itself', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'model-imports-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('names each file that imports from the rules, in any import form, and nothing else', () => {
      mkdirSync(path.join(dir, 'model', 'deep'), { recursive: true });
      mkdirSync(path.join(dir, 'rules'));
      const files: Record<string, string> = {
        'model/a.ts': "import type { Rule } from '../rules/pm';\n",
        'model/deep/b.ts': "export { certRules } from '../../rules';\n",
        'model/c.ts': "const rules = import('../rules/x');\ntype R = import('../rules/y').R;\n",
        'model/clean.ts': "import { x } from './deep/b';\n// import '../rules/in-a-comment';\nconst s = \"import '../rules/in-a-string'\";\nimport picomatch from 'picomatch';\n",
        'model/rulesLike.ts': "import { y } from '../rulesBook';\n",
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
      assert.deepEqual(forbiddenImports([path.join(dir, 'model')], path.join(dir, 'rules'), dir).sort(), [
        "model/a.ts imports '../rules/pm'",
        "model/c.ts imports '../rules/x'",
        "model/c.ts imports '../rules/y'",
        "model/deep/b.ts imports '../../rules'",
      ]);
    });
  });
});
