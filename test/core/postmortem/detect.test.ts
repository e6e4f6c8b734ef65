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
