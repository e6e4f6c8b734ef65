import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { analyze, kindsOf, lint } from '../../../server/src/core/lint';

const body = '\n\n## Timeline\n\n- 25:10 broken\n';
const kinds = (path: string | undefined, text: string, languageId?: string) => kindsOf(analyze({ path, text, languageId }, defaultConfig()));

describe('which Markdown is a post-mortem', () => {
  it('by front-matter title or first heading', () => {
    assert.deepEqual(kinds('/x/notes.md', `---\ntitle: Post Mortem Incident Report - outage\n---${body}`), ['postmortem']);
    for (const title of ['Postmortem: DB', 'Post-mortem', 'Incident Review 12', 'incident report', 'Q3 Retrospective']) {
      assert.deepEqual(kinds('/x/notes.md', `# ${title}${body}`), ['postmortem'], title);
    }
  });
  it('by path globs', () => {
    for (const path of ['/r/postmortems/a.md', '/r/post-mortems/2020/a.md', '/r/incidents/a.md', '/r/docs/incident-reports/a.md', '/r/x/2020-postmortem-db.md', '/r/x/my-post-mortem.md']) {
      assert.deepEqual(kinds(path, `# Something${body}`), ['postmortem'], path);
    }
  });
  it('other Markdown gets no findings', () => {
    assert.deepEqual(kinds('/r/README.md', `# Project${body}`), []);
    assert.deepEqual(lint({ path: '/r/README.md', text: `# Project${body}` }, defaultConfig()), []);
  });
  it('--kind postmortem forces it', () => {
    assert.ok(lint({ path: '/r/README.md', text: `# Project${body}` }, defaultConfig(), { kind: 'postmortem' }).length > 0);
  });
  it('does not depend on the language id: plaintext or no path still works by content', () => {
    assert.deepEqual(kinds(undefined, `# Post-mortem${body}`, 'plaintext'), ['postmortem']);
    assert.deepEqual(kinds(undefined, `# Post-mortem${body}`), ['postmortem']);
    assert.deepEqual(kinds('/r/a.txt', `# Post-mortem${body}`, 'markdown'), ['postmortem']);
  });
  it('a disabled config lints nothing; a file over the size limit gets one info finding', () => {
    const text = `# Post-mortem${body}`;
    assert.deepEqual(lint({ path: '/r/a.md', text }, { ...defaultConfig(), enable: false }), []);
    const big = lint({ path: '/r/a.md', text }, { ...defaultConfig(), maxFileSizeBytes: 10 });
    assert.deepEqual(
      big.map((f) => [f.rule, f.severity]),
      [['doc/too-large', 'info']],
    );
  });
  it('Markdown over the size limit that is no post-mortem gets nothing: its title or first heading, in its first 64 KB, says so', () => {
    const small = { ...defaultConfig(), maxFileSizeBytes: 1000 };
    const changelog = `# Changelog\n\n${'- fixed a thing in 1.2.3\n'.repeat(10_000)}`;
    assert.deepEqual(lint({ path: '/r/CHANGELOG.md', text: changelog }, small), []);
    assert.deepEqual(lint({ path: '/r/CHANGELOG.md', text: `---\ntitle: Release notes\n---\n${changelog}` }, small), []);
    const tooLarge = (path: string, text: string) => lint({ path, text }, small).map((f) => f.rule);
    // A post-mortem by its heading, its front matter or its path; and one whose first heading lies past the first 64 KB.
    assert.deepEqual(tooLarge('/r/a.md', `# Post-mortem: outage\n\n${'text\n'.repeat(10_000)}`), ['doc/too-large']);
    assert.deepEqual(tooLarge('/r/a.md', `---\ntitle: Incident review\n---\n${changelog}`), ['doc/too-large']);
    assert.deepEqual(tooLarge('/r/postmortems/CHANGELOG.md', changelog), ['doc/too-large']);
    assert.deepEqual(tooLarge('/r/a.md', `${'text\n'.repeat(20_000)}# Changelog\n`), ['doc/too-large']);
    // Forced with --kind: checked as a post-mortem whatever it looks like.
    assert.deepEqual(lint({ path: '/r/CHANGELOG.md', text: changelog }, small, { kind: 'postmortem' }).map((f) => f.rule), ['doc/too-large']);
  });
});

describe('which YAML is an inventory, whatever the client says', () => {
  const inventory = 'certificates:\n  - name: a\n    hosts: [a.example.com]\n    expires: 2020-01-01\n';
  it('an extensionless file sent as plaintext is detected by content', () => {
    assert.deepEqual(kinds('/r/inventory', inventory, 'plaintext'), ['inventory']);
    assert.deepEqual(kinds('/r/inventory', inventory), ['inventory']);
  });
  it('another extension or language is not sniffed', () => {
    assert.deepEqual(kinds('/r/inventory.txt', inventory, 'plaintext'), []);
    assert.deepEqual(kinds('/r/inventory', inventory, 'python'), []);
  });
});
