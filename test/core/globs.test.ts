/**
 * Globs from a repository's config run on RE2 semantics: the same answers as picomatch on real
 * paths, in time linear in the path (picomatch's regular expressions backtrack).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { defaultConfig } from '../../server/src/core/config';
import { globMatcher, matchesGlobs } from '../../server/src/core/globs';

const GLOBS = [
  ...defaultConfig().postmortemGlobs,
  ...defaultConfig().inventoryGlobs,
  '**/*.md',
  'docs/**/incident-*.{md,markdown}',
  '**/[0-9][0-9][0-9][0-9]-*.md',
  'ops/?(pre)release/*.y?(a)ml',
  '*post-mortem*',
];

const segment = fc.stringMatching(/^[a-zA-Z0-9_.-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const NAMES = ['postmortems', 'post-mortems', 'incidents', 'docs', 'cert-inventory.yaml', 'a.md', '2024-01-02-x.md', 'incident-7.markdown', 'x.yml', '.github', 'ops', 'release', 'prerelease'];
const path = fc.array(fc.oneof(segment, fc.constantFrom(...NAMES)), { minLength: 1, maxLength: 6 }).map((s) => s.join('/'));

describe('globs', () => {
  it('answer as picomatch does on resolved paths', () => {
    for (const glob of GLOBS) {
      const expected = picomatch(glob, { dot: true, nocase: true });
      const actual = globMatcher(glob);
      fc.assert(fc.property(path, (p) => actual(p) === expected(p)), { numRuns: 400, seed: 11 });
    }
  });

  it('match a hostile glob against a long path in linear time', { timeout: 5000 }, () => {
    const long = `${'a'.repeat(250)}.md`;
    for (const glob of ['**/*a*a*a*b.md', `${'*'.repeat(12)}x`, '**/*a*a*a*a*a*a*a*a*a*a*b']) {
      assert.equal(matchesGlobs(`/repo/${long}`, [glob]), false, glob);
    }
  });

  it('the defaults still find post-mortems and inventories', () => {
    const { postmortemGlobs, inventoryGlobs } = defaultConfig();
    assert.ok(matchesGlobs('/repo/postmortems/2024-01-02-outage.md', postmortemGlobs));
    assert.ok(matchesGlobs('/repo/docs/2024-api-post-mortem.md', postmortemGlobs));
    assert.ok(!matchesGlobs('/repo/docs/readme.md', postmortemGlobs));
    assert.ok(matchesGlobs('/repo/ops/cert-inventory.yaml', inventoryGlobs));
    assert.ok(matchesGlobs('C:\\repo\\ops\\Cert-Inventory.YML', inventoryGlobs));
  });
});
