// End to end (`npm run build` first): a cloned repository's config and documents are untrusted
// input. Its patterns cannot freeze the run, and what it writes reaches the terminal short and
// escaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempTree } from './helpers';

const NOW = ['--now', '2026-11-27T12:00:00Z'];
/** Retitles the terminal window, then clears the screen, when printed raw. */
const ESCAPES = '\u001b]0;owned\u0007\u001b[2J';
/** Anything a terminal acts on, except the line breaks between findings. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const config = [
  'warnDays: -3',
  "ticketPatterns: ['(a+)+b', '\\b(?!SEV-)[A-Z]+-\\d+']",
  "templatePatterns: ['^(a+)+$']",
  // The inventory below (a 1 MB key, 1 MB of binary) is over the default limit: linted all the same.
  'maxFileSizeBytes: 4194304',
  '',
].join('\n');

const postmortem = [
  '# Post-mortem: the escape',
  '',
  `## Overview ${ESCAPES}`,
  '',
  `${'a'.repeat(30)}b`,
  '',
  '## Action Items',
  '',
  `- ${'a'.repeat(32)}`,
  `- Rotate ${ESCAPES} certs`,
  '',
].join('\n');

const inventory = [
  'certificates:',
  `  - name: ${JSON.stringify(`api ${ESCAPES}`)}`,
  '    hosts: [api.example.com]',
  '    expires: 2099-01-31',
  '    owner: platform-team@example.com',
  '    notify: [sre-oncall@example.com]',
  '    renewal: { method: acme }',
  `    pem: !!binary ${Buffer.alloc(1_000_000, 71).toString('base64')}`,
  `    ${'k'.repeat(1_000_000)}: 1`,
  '',
].join('\n');

describe('lint on a hostile repository', () => {
  it('finishes, says what is wrong with its config, and prints every finding short and escaped', { timeout: 60_000 }, () => {
    const root = tempTree({ '.incident-docs.yaml': config, 'postmortems/escape.md': postmortem, 'certs/inventory.yaml': inventory });
    for (const format of ['text', 'github']) {
      const run = runCli(['lint', '--format', format, ...NOW, '.'], { cwd: root });
      assert.equal(run.code, 1, run.stderr);
      assert.doesNotMatch(run.stdout, RAW_CONTROL, format);
      assert.doesNotMatch(run.stderr, RAW_CONTROL, format);
      assert.ok(run.stdout.length < 20_000, `${format}: ${run.stdout.length} characters of output`);
      assert.match(run.stdout, /Action item has no ticket: “a{32}”/);
      assert.match(run.stdout, /Rotate \\x1B\]0;owned\\x07\\x1B\[2J certs/);
      assert.match(run.stdout, /Entry "api \\x1B\]0;owned\\x07\\x1B\[2J": `pem` should be text, not binary data \(1000000 bytes\)\./);
      assert.match(run.stdout, /Unknown key `k{79}…`/);
      assert.match(run.stdout, /Template text left in: “a{32}”/);
      assert.doesNotMatch(run.stdout, /Template text left in: “a{30}b”/);
      assert.match(run.stderr, /"warnDays" expects a number of 0 or more, got -3/);
      assert.match(run.stderr, /"ticketPatterns": ignored regular expression "\\b\(\?!SEV-\)\[A-Z\]\+-\\d\+": it uses a look-ahead, which linear-time matching does not support/);
    }
  });
});
