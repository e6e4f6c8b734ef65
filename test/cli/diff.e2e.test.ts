// `incident-docs diff --base REF`: git repositories built here (two commits, or a branch), run
// through the built CLI. The host's git configuration is kept out (no system config, HOME a
// folder of the test's own).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { REPO_ROOT, runCli, tempTree } from './helpers';

const NOW = ['--now', '2026-11-27T12:00:00Z'];
const HOME = tempTree({});
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', HOME, XDG_CONFIG_HOME: HOME };

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV },
  });
}

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

function commit(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
}

function diff(root: string, ...args: string[]) {
  return runCli(['diff', ...args], { cwd: root, env: GIT_ENV });
}

const DEFAULTS = `defaults:
  warnDays: 30
  owner: platform-team@example.com
  notify: [platform-team@example.com, sre-oncall@example.com]
  renewal:
    method: acme

certificates:
`;

const PROD_BEFORE = `${DEFAULTS}  - name: api-gateway
    hosts: [api.example.com]
    expires: 2027-06-01
  - name: www
    hosts: [www.example.com, example.com]
    expires: 2027-03-01
  - name: legacy-portal
    hosts: [portal.example.com]
    expires: 2026-11-20
    renewal:
      method: manual
      sop: https://wiki.example.com/sop/portal
  - name: billing
    hosts: [billing.example.com]
    expires: 2027-05-01
    owner: billing-team@example.com
    renewal:
      method: manual
      sop: https://wiki.example.com/sop/billing
`;

/** A name made to break out of whatever Markdown puts it in: HTML, a link, emphasis, a mention, a reference, code fences. */
const HOSTILE = '<img src=x onerror=alert(1)> [click](https://evil.example) **@octocat** #1 ``x`` www.evil.example |a|';

const PROD_AFTER = `${DEFAULTS}  - name: api-gateway
    hosts: [api.example.com, api-v2.example.com]
    expires: 2026-12-10
  - name: website
    hosts: [www.example.com, example.com]
    expires: 2027-03-01
  - name: billing
    hosts: [billing.example.com]
    expires: 2027-05-01
    owner: jane.doe@example.com
    renewal:
      method: internal-ca
      sop: https://wiki.example.com/sop/billing-v2
  - name: ${JSON.stringify(HOSTILE)}
    hosts: [new.example.com, "@octocat"]
    expires: 2026-11-01
    owner: ${JSON.stringify(`x@example.com ${HOSTILE}`)}
`;

const GONE = `${DEFAULTS}  - name: old-vpn
    hosts: [vpn.example.com:8443]
    expires: 2027-01-15
`;

const NEW = `${DEFAULTS}  - name: status
    hosts: [status.example.com]
    expires: 2026-12-01
`;

/** The base commit on main, then the change on main (a second commit). */
function repository(): string {
  const root = tempTree({});
  git(root, 'init', '-q', '-b', 'main');
  write(root, {
    'inventories/prod.yaml': PROD_BEFORE,
    'inventories/gone.yaml': GONE,
    'postmortems/outage.md': '# Outage\n',
    'ci/workflow.yml': 'on: push\n',
  });
  commit(root, 'base');
  git(root, 'tag', 'base');
  fs.rmSync(path.join(root, 'inventories/gone.yaml'));
  write(root, {
    'inventories/prod.yaml': PROD_AFTER,
    'inventories/new.yaml': NEW,
    'postmortems/outage.md': '# Outage\n\nMore.\n',
    'ci/workflow.yml': 'on: [push, pull_request]\n',
  });
  commit(root, 'the change');
  return root;
}

/**
 * Parses Markdown as GitHub does (CommonMark and GFM) and checks that no text outside inline code
 * holds anything that would act: HTML, a link or image, a table cell, a mention, a reference, an autolink.
 */
function checkedMarkdown(md: string): { types: Set<string>; codes: string[] } {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
  const types = new Set<string>();
  const codes: string[] = [];
  const walk = (node: Root | RootContent) => {
    types.add(node.type);
    if (node.type === 'text') assert.doesNotMatch(node.value, /[<>@[\]|`]|#\d|https?:|www\./, `plain text holds nothing from the repository: ${node.value}`);
    if (node.type === 'inlineCode') codes.push(node.value);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  for (const type of ['html', 'link', 'image', 'linkReference', 'imageReference', 'table', 'code', 'footnoteReference']) assert.ok(!types.has(type), `no ${type}`);
  return { types, codes };
}

interface JsonDiff {
  base: { ref: string; commit: string; mergeBase: string };
  files: {
    file: string;
    status: string;
    inventory: { before: boolean; after: boolean };
    notCompared?: string;
    diff?: {
      entries: {
        status: string;
        label: string;
        name?: string;
        previous?: { name?: string };
        changes: Record<string, unknown>[];
        findings: { introduced: { rule: string }[]; resolved: { rule: string }[] };
      }[];
      counts: Record<string, number>;
    };
  }[];
}

function json(root: string, ...args: string[]): JsonDiff {
  const run = diff(root, '--format', 'json', ...NOW, ...args);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  return JSON.parse(run.stdout) as JsonDiff;
}

describe('incident-docs diff', () => {
  const root = repository();
  const result = json(root, '--base', 'base');
  const prod = result.files.find((f) => f.file === 'inventories/prod.yaml')!;
  const entry = (label: string) => prod.diff!.entries.find((e) => e.label === label)!;

  it('lists the inventories the change touches: modified, added and deleted; nothing else', () => {
    assert.equal(result.base.ref, 'base');
    assert.equal(result.base.commit, git(root, 'rev-parse', 'base').trim());
    assert.deepEqual(
      result.files.map((f) => [f.file, f.status, f.inventory]),
      [
        ['inventories/gone.yaml', 'deleted', { before: true, after: false }],
        ['inventories/new.yaml', 'added', { before: false, after: true }],
        ['inventories/prod.yaml', 'modified', { before: true, after: true }],
      ],
    );
    const gone = result.files[0].diff!;
    assert.deepEqual(gone.entries.map((e) => [e.status, e.label]), [['removed', 'old-vpn']]);
    const added = result.files[1].diff!;
    assert.deepEqual(added.entries.map((e) => [e.status, e.label, e.findings.introduced.map((f) => f.rule)]), [['added', 'status', ['cert/expiring']]]);
  });

  it('each kind of change to an entry, in certificate terms', () => {
    assert.deepEqual(
      prod.diff!.entries.map((e) => [e.status, e.label, e.previous?.name]),
      [
        ['changed', 'api-gateway', undefined],
        ['changed', 'website', 'www'],
        ['changed', 'billing', undefined],
        ['added', HOSTILE, undefined],
        ['removed', 'legacy-portal', undefined],
      ],
    );
    const api = entry('api-gateway');
    assert.deepEqual(api.changes, [
      { kind: 'expires', before: '2027-06-01', after: '2026-12-10', movedMs: -173 * 86_400_000, stateBefore: 'valid', stateAfter: 'expiring', warnDays: 30 },
      { kind: 'hosts', added: ['api-v2.example.com'], removed: [] },
    ]);
    assert.deepEqual(api.findings.introduced.map((f) => f.rule), ['cert/expiring']);
    assert.deepEqual(entry('website').changes, [], 'a rename alone');
    const billing = entry('billing');
    assert.deepEqual(
      billing.changes.map((c) => [c.kind, c.role ?? c.part, c.teamReplacedByPersonal ?? c.before, c.after ?? null]),
      [
        ['addresses', 'owner', true, [{ address: 'jane.doe@example.com', valid: true, personal: true }]],
        ['renewal', 'method', 'manual', 'internal-ca'],
        ['renewal', 'sop', 'https://wiki.example.com/sop/billing', 'https://wiki.example.com/sop/billing-v2'],
      ],
    );
    assert.deepEqual(billing.findings.introduced.map((f) => f.rule), ['cert/personal-email']);
    assert.deepEqual(entry('legacy-portal').findings.resolved.map((f) => f.rule), ['cert/expired']);
    assert.deepEqual(prod.diff!.counts, { added: 1, removed: 1, changed: 3, renamed: 1, introduced: 5, resolved: 1 });
  });

  it('Markdown for a pull request comment says the same in words', () => {
    const run = diff(root, '--base', 'base', ...NOW);
    assert.equal(run.code, 0, run.stderr);
    const md = run.stdout;
    const expected = [
      '## Certificate inventory changes',
      `Compared with \`base\` (merge base \`${result.base.mergeBase.slice(0, 12)}\`): 3 inventories; 2 entries added, 2 removed, 3 changed (1 renamed); 6 findings introduced, 1 resolved.`,
      '### `inventories/prod.yaml` (modified)',
      '- **Changed** `api-gateway` (line 9)',
      '  - `expires`: `2027-06-01` → `2026-12-10`: **earlier by 173 days**, ⚠️ **now inside the 30-day warn window**',
      '  - hosts: added `api-v2.example.com`',
      '- **Renamed** `www` → `website` (line 12, matched by its hosts)',
      '  - `owner`: `billing-team@example.com` → `jane.doe@example.com` (personal) — ⚠️ **a team address replaced by a personal one**',
      '  - renewal method: `manual` → `internal-ca`',
      '- **Removed** `legacy-portal` (was line 15): hosts `portal.example.com`; expires `2026-11-20`',
      '### `inventories/gone.yaml` (deleted)',
      '### `inventories/new.yaml` (new file)',
      '- **Added** `status` (line 9): hosts `status.example.com`; expires `2026-12-01` (**expiring**)',
    ];
    for (const line of expected) assert.ok(md.split('\n').includes(line), `missing line:\n${line}\nin:\n${md}`);
  });

  it('Markdown gives a hostile name no way out of its code span: no HTML, link, image, mention or reference', () => {
    const md = diff(root, '--base', 'base', ...NOW).stdout;
    const { types, codes } = checkedMarkdown(md);
    assert.deepEqual([...types].sort(), ['heading', 'inlineCode', 'list', 'listItem', 'paragraph', 'root', 'strong', 'text']);
    assert.ok(codes.includes(HOSTILE), `the name whole in one code span: ${JSON.stringify(codes)}`);
    assert.ok(codes.includes('@octocat'), 'a host');
    assert.ok(codes.some((c) => c.startsWith('Certificate "<img src=x onerror=alert(1)> [click]')), 'a message that quotes the name');
    assert.deepEqual(entry(HOSTILE).findings.introduced.map((f) => f.rule).sort(), ['cert/expired', 'cert/invalid-value', 'cert/invalid-value']);
  });

  it('only the PATHs given; a PATH outside the repository is refused', () => {
    assert.deepEqual(json(root, '--base', 'base', 'inventories/new.yaml').files.map((f) => f.file), ['inventories/new.yaml']);
    const inside = json(root, '--base', 'base', 'inventories');
    assert.equal(inside.files.length, 3);
    const outside = diff(root, '--base', 'base', '..');
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /\.\.: outside the repository/);
  });

  it('run from a subfolder, files are shown relative to it', () => {
    const run = diff(path.join(root, 'inventories'), '--base', 'base', '--format', 'json', ...NOW, '.');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as JsonDiff).files.map((f) => f.file), ['gone.yaml', 'new.yaml', 'prod.yaml']);
  });

  it('nothing changed: says so', () => {
    const run = diff(root, '--base', 'HEAD', ...NOW);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^## Certificate inventory changes\n\nNo inventory changed since `HEAD` \(merge base `[0-9a-f]{12}`\)\.\n$/);
    assert.deepEqual(json(root, '--base', 'HEAD').files, []);
  });

  it('a bad ref, a ref that looks like an option, no ref, or no repository: exit code 2 and a message', () => {
    const bad = diff(root, '--base', 'no-such-branch');
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^incident-docs: --base: "no-such-branch" is not a commit in this repository/);
    const option = diff(root, '--base=--output=/tmp/x');
    assert.equal(option.code, 2);
    assert.match(option.stderr, /--base: "--output=\/tmp\/x" is not a git ref/);
    const missing = diff(root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /required option '--base <ref>' not specified/);
    const notRepo = diff(tempTree({ 'inventory.yaml': GONE }), '--base', 'main');
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /is not inside a git repository/);
  });
});

describe('incident-docs diff on a pull request branch', () => {
  it('compares with the merge base: what the base branch did since is not the change', () => {
    const root = tempTree({});
    git(root, 'init', '-q', '-b', 'main');
    write(root, { 'inventory.yaml': PROD_BEFORE });
    commit(root, 'base');
    git(root, 'checkout', '-q', '-b', 'pr');
    write(root, { 'inventory.yaml': PROD_BEFORE.replace('expires: 2027-03-01', 'expires: 2027-09-01') });
    commit(root, 'renew www');
    git(root, 'checkout', '-q', 'main');
    write(root, { 'inventory.yaml': PROD_BEFORE.replace('billing-team@example.com', 'billing@example.com'), 'other.yaml': NEW });
    commit(root, 'main moves on');
    git(root, 'checkout', '-q', 'pr');
    // Not yet committed: the working tree counts too.
    write(root, { 'inventory.yaml': fs.readFileSync(path.join(root, 'inventory.yaml'), 'utf8').replace('[api.example.com]', '[api.example.com, api2.example.com]') });
    const result = json(root, '--base', 'main');
    assert.deepEqual(result.files.map((f) => f.file), ['inventory.yaml']);
    assert.deepEqual(
      result.files[0].diff!.entries.map((e) => [e.label, e.changes.map((c) => c.kind)]),
      [
        ['api-gateway', ['hosts']],
        ['www', ['expires']],
      ],
    );
  });

  it('a change too large for one comment is cut, with a note, before GitHub\'s 65,536 characters', () => {
    const root = tempTree({});
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'commit', '-q', '--allow-empty', '-m', 'empty');
    const entries = Array.from({ length: 2000 }, (_, i) => `  - name: certificate-${i}\n    hosts: [host-${i}.example.com]\n    expires: 2026-12-0${(i % 9) + 1}\n`);
    write(root, { 'inventory.yaml': DEFAULTS + entries.join('') });
    const run = diff(root, '--base', 'main', ...NOW);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.length <= 60_100, String(run.stdout.length));
    assert.match(run.stdout, /\n\n… the list is cut here to fit a comment; `incident-docs diff --format json` has all of it\.\n$/);
    checkedMarkdown(run.stdout);
    assert.match(run.stdout, /: 1 inventory; 2000 entries added, 0 removed, 0 changed; \d+ findings introduced, 0 resolved\./);
  });

  it('a hostile file name is shown in code too', () => {
    const root = tempTree({});
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'commit', '-q', '--allow-empty', '-m', 'empty');
    const name = 'inv/<b>@team #2 [x](https:evil) `y`.yaml';
    write(root, { [name]: GONE });
    const { codes } = checkedMarkdown(diff(root, '--base', 'main', ...NOW).stdout);
    assert.ok(codes.includes(name), JSON.stringify(codes));
  });

  it('a link is not followed (in the working tree or the base), and a file too large is not compared; both are said', () => {
    const root = tempTree({});
    git(root, 'init', '-q', '-b', 'main');
    const large = `${GONE}${'# padding\n'.repeat(200)}`;
    write(root, { 'a.yaml': GONE, 'big-before.yaml': large, 'big-after.yaml': GONE, '.incident-docs.yaml': 'maxFileSizeBytes: 1000\n' });
    fs.symlinkSync('a.yaml', path.join(root, 'was-link.yaml'));
    commit(root, 'base');
    fs.rmSync(path.join(root, 'a.yaml'));
    fs.symlinkSync(path.join(HOME, 'elsewhere.yaml'), path.join(root, 'a.yaml'));
    fs.rmSync(path.join(root, 'was-link.yaml'));
    write(root, { 'was-link.yaml': GONE, 'big-before.yaml': GONE, 'big-after.yaml': large });
    const tooLarge = 'a version is larger than maxFileSizeBytes (1000 bytes) or nests too deeply';
    assert.deepEqual(
      json(root, '--base', 'main').files.map((f) => [f.file, f.notCompared]),
      [
        ['a.yaml', 'the file is a symbolic link'],
        ['big-after.yaml', tooLarge],
        ['big-before.yaml', tooLarge],
        ['was-link.yaml', 'the base version is a symbolic link'],
      ],
    );
  });
});

describe('the README\'s sample', () => {
  it('is the real output of its scenario (commits dated, so the merge base id is the README\'s)', () => {
    const root = tempTree({});
    const dated = { ...GIT_ENV, GIT_AUTHOR_DATE: '2026-11-27T09:00:00Z', GIT_COMMITTER_DATE: '2026-11-27T09:00:00Z' };
    const run = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Ada Example', '-c', 'user.email=ada@example.com', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...dated } });
    run('init', '-q', '-b', 'main');
    write(root, { 'inventories/prod.yaml': PROD_BEFORE });
    run('add', '-A');
    run('commit', '-q', '-m', 'base');
    run('checkout', '-q', '-b', 'renew-certs');
    const after = PROD_AFTER.slice(0, PROD_AFTER.indexOf(`  - name: ${JSON.stringify(HOSTILE)}`)) + '  - name: status\n    hosts: [status.example.com]\n    issued: 2026-11-20\n    lifetime: 47d\n';
    write(root, { 'inventories/prod.yaml': after });
    run('commit', '-q', '-am', 'renew');
    const output = diff(root, '--base', 'main', ...NOW);
    assert.equal(output.code, 0, output.stderr);
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('````markdown\n', readme.indexOf('### Reviewing an inventory change')) + '````markdown\n'.length;
    assert.equal(readme.slice(start, readme.indexOf('````\n', start)), output.stdout);
  });
});
