/**
 * `incident-docs report` end to end, through the built CLI: the files it writes, their values
 * (worked out by hand from the post-mortems written here), the CSV read back, the period, the
 * formats, usage errors, and that the chart libraries load only when a page is drawn.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { IncidentRecord } from '../../../server/src/core/report/record';
import { recordsOf } from '../../../server/src/cli/commands/reportRecords';
import { compareRecords } from '../../../server/src/core/report/record';
import { parseCsv } from '../../helpers/csv';
import { incidentFolder, postmortemText, sampleIncidents } from '../../helpers/incidents';
import { REPO_ROOT, runCli } from '../helpers';

const NOW = '2026-11-27T12:00:00Z';
const GATEWAY = postmortemText({
  title: 'Gateway down',
  date: '2026-03-02',
  severity: 'SEV1',
  status: 'published',
  incident: {
    started: '2026-03-02T10:00:00Z',
    detected: '2026-03-02T10:07:00Z',
    acknowledged: '2026-03-02T10:12:00Z',
    mitigated: '2026-03-02T11:00:00Z',
    resolved: '2026-03-02T12:30:00Z',
  },
  impact: 'Requests failed from 10:00 to 12:30 UTC.',
  timeline: [
    ['10:00', 'Deploy starts, errors rise'],
    ['10:07', 'Alert fires'],
    ['12:30', 'Errors back to normal, resolved'],
  ],
  actionItems: [{ text: 'Add a canary', ticket: 'OPS-12', done: true }, { text: 'Alert on 5xx', ticket: 'OPS-13' }, { text: 'Write a runbook' }],
});
const DNS = postmortemText({
  title: 'DNS change, "bad" =1',
  date: '2026-05-10',
  severity: 'SEV2',
  status: 'published',
  incident: { started: '2026-05-10T08:00:00Z', detected: '2026-05-10T08:20:00Z', resolved: '2026-05-10T09:00:00Z' },
  tickets: ['INC-7'],
  timeline: [
    ['08:00', 'DNS change applied'],
    ['08:20', 'Alert fires'],
    ['09:00', 'Resolved'],
  ],
});
const UNDATED = postmortemText({ title: 'Undated post-mortem', actionItems: [{ text: 'Write it up' }] }).replace(/^---[\s\S]*?---\n/, '');

const root = incidentFolder({
  'postmortems/2026-03-02-gateway.md': GATEWAY,
  'postmortems/2026-05-10-dns.md': DNS,
  'notes/undated.md': UNDATED,
  'notes/readme.md': '# Notes\n\nNothing about incidents here.\n',
  'certs/cert-inventory.yaml': 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2027-01-01\n',
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const none = { error: 0, warning: 0, info: 0, hint: 0 };
const EXPECTED: IncidentRecord[] = [
  {
    file: 'postmortems/2026-05-10-dns.md',
    title: 'DNS change, "bad" =1',
    date: '2026-05-10',
    severity: 'SEV2',
    status: 'published',
    durationMinutes: 60, // no window: incident.started 08:00 to incident.resolved 09:00
    ttdMinutes: 20,
    ttaMinutes: null,
    ttmMinutes: null,
    ttrMinutes: 60,
    actionItems: 0,
    actionItemsOpen: 0,
    actionItemsWithoutTicket: 0,
    findings: none,
    tickets: ['INC-7'],
  },
  {
    file: 'postmortems/2026-03-02-gateway.md',
    title: 'Gateway down',
    date: '2026-03-02',
    severity: 'SEV1',
    status: 'published',
    durationMinutes: 150,
    ttdMinutes: 7,
    ttaMinutes: 12,
    ttmMinutes: 60,
    ttrMinutes: 150,
    actionItems: 3,
    actionItemsOpen: 2,
    actionItemsWithoutTicket: 1,
    findings: { ...none, warning: 1 },
    tickets: ['OPS-12', 'OPS-13'],
  },
  {
    file: 'notes/undated.md',
    title: 'Post-mortem: Undated post-mortem',
    date: null,
    severity: null,
    status: null,
    durationMinutes: null,
    ttdMinutes: null,
    ttaMinutes: null,
    ttmMinutes: null,
    ttrMinutes: null,
    actionItems: 1,
    actionItemsOpen: 1,
    actionItemsWithoutTicket: 1,
    findings: { ...none, warning: 1 },
    tickets: [],
  },
];

function report(args: string[], out = fs.mkdtempSync(path.join(root, 'out-'))) {
  const run = runCli(['report', '.', '--out', out, '--now', NOW, ...args], { cwd: root });
  const read = (name: string) => (fs.existsSync(path.join(out, name)) ? fs.readFileSync(path.join(out, name), 'utf8') : undefined);
  return { ...run, out, read, files: fs.readdirSync(out).sort() };
}

/** A CSV row as the record it was written from (numbers and empty cells converted back). */
function csvRecords(csv: string): IncidentRecord[] {
  const [header, ...rows] = parseCsv(csv);
  const number = (v: string) => (v === '' ? null : Number(v));
  return rows.map((row) => {
    const cell = (name: string) => row[header.indexOf(name)];
    return {
      file: cell('file'),
      title: cell('title') || null,
      date: cell('date') || null,
      severity: cell('severity') || null,
      status: cell('status') || null,
      durationMinutes: number(cell('durationMinutes')),
      ttdMinutes: number(cell('ttdMinutes')),
      ttaMinutes: number(cell('ttaMinutes')),
      ttmMinutes: number(cell('ttmMinutes')),
      ttrMinutes: number(cell('ttrMinutes')),
      actionItems: Number(cell('actionItems')),
      actionItemsOpen: Number(cell('actionItemsOpen')),
      actionItemsWithoutTicket: Number(cell('actionItemsWithoutTicket')),
      findings: {
        error: Number(cell('findingsError')),
        warning: Number(cell('findingsWarning')),
        info: Number(cell('findingsInfo')),
        hint: Number(cell('findingsHint')),
      },
      tickets: cell('tickets') ? cell('tickets').split('; ') : [],
    };
  });
}

describe('incident-docs report', () => {
  it('writes index.html, incidents.json and incidents.csv: one record per post-mortem, newest first', () => {
    const r = report([]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.files, ['incidents.csv', 'incidents.json', 'index.html']);
    assert.match(r.stdout, /^Wrote out-\w+\/index\.html, out-\w+\/incidents\.json, out-\w+\/incidents\.csv: 3 post-mortems\.\n$/);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.read('incidents.json')!), EXPECTED);
    assert.deepEqual(csvRecords(r.read('incidents.csv')!), EXPECTED, 'the CSV reads back as the JSON');
    const html = r.read('index.html')!;
    assert.match(html, /DNS change, &#34;bad&#34; =1/);
    assert.match(html, /href="\.\.\/postmortems\/2026-03-02-gateway\.md"/, 'links relative to the page');
  });

  it('--since and --until keep the incidents of the period (inclusive); undated ones are left out, and said so', () => {
    const r = report(['--since', '2026-03-02', '--until', '2026-05-09', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.read('incidents.json')!).map((x: IncidentRecord) => x.file), ['postmortems/2026-03-02-gateway.md']);
    assert.equal(r.stderr, 'incident-docs: warning: 1 post-mortem has no date and is left out of the period\n');
    const until = report(['--until', '2026-05-10', '--format', 'json']);
    assert.deepEqual(JSON.parse(until.read('incidents.json')!).map((x: IncidentRecord) => x.date), ['2026-05-10', '2026-03-02']);
  });

  it('--format json and --format csv write that file alone', () => {
    assert.deepEqual(report(['--format', 'json']).files, ['incidents.json']);
    const csv = report(['--format', 'csv']);
    assert.deepEqual(csv.files, ['incidents.csv']);
    assert.deepEqual(csvRecords(csv.read('incidents.csv')!), EXPECTED);
  });

  it('a folder with no post-mortem: an empty report, exit 0', () => {
    const r = runCli(['report', 'notes/readme.md', '--out', 'empty-out', '--now', NOW, '--format', 'json'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(root, 'empty-out', 'incidents.json'), 'utf8'), '[]\n');
    assert.match(r.stdout, /: 0 post-mortems\.\n$/);
  });

  for (const [args, message] of [
    [['--now', NOW], /required option '-o, --out <dir>' not specified/],
    [['--out', 'x', '--since', '2026-02-30'], /--since <day>' argument '2026-02-30' is invalid\. Expected a day as YYYY-MM-DD/],
    [['--out', 'x', '--since', '2026-03-01', '--until', '2026-02-01'], /--since 2026-03-01 is after --until 2026-02-01/],
    [['--out', 'x', '--format', 'pdf'], /argument 'pdf' is invalid\. Allowed choices are html, json, csv/],
    [['--out', 'notes/readme.md', '--format', 'json'], /--out notes\/readme\.md: cannot write \(EEXIST\)/],
  ] as const) {
    it(`exit 2: ${args.join(' ')}`, () => {
      const r = runCli(['report', '.', ...args], { cwd: root });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    });
  }

  it('a path that names nothing: exit 2, nothing written', () => {
    const r = runCli(['report', 'missing', '--out', 'never', '--now', NOW], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing: no such file or folder/);
    assert.equal(fs.existsSync(path.join(root, 'never')), false);
  });

  it('the real post-mortems of the fixtures: one record each, the seed among them', () => {
    const out = fs.mkdtempSync(path.join(root, 'fixtures-'));
    const r = runCli(['report', 'test/fixtures/postmortems', '--out', out, '--now', NOW, '--format', 'json'], { cwd: REPO_ROOT });
    assert.equal(r.code, 0, r.stderr);
    const records = JSON.parse(fs.readFileSync(path.join(out, 'incidents.json'), 'utf8')) as IncidentRecord[];
    const markdown = fs.readdirSync(path.join(REPO_ROOT, 'test/fixtures/postmortems')).filter((f) => f.endsWith('.md'));
    // Every Markdown file under a postmortems/ folder is a post-mortem (postmortemGlobs), LICENSE-NOTES.md too.
    assert.equal(records.length, markdown.length);
    const seed = records.find((x) => x.file === 'test/fixtures/postmortems/3scale-cert-expiry-postmortem.md');
    assert.equal(seed?.durationMinutes, 223);
  });
});

describe('many post-mortems: worker threads', () => {
  it('400 files are read by two workers; the records are those one thread makes, in order', async () => {
    const many = incidentFolder(Object.fromEntries(sampleIncidents(400, 11)));
    // Preloaded into every thread of the CLI: each worker names itself on stderr.
    const hook = path.join(many, 'worker-hook.cjs');
    fs.writeFileSync(hook, "const w = require('node:worker_threads'); if (!w.isMainThread) process.stderr.write('WORKER\\n');\n");
    try {
      const r = runCli(['report', '.', '--out', 'out', '--now', NOW, '--format', 'json'], { cwd: many, env: { NODE_OPTIONS: `--require ${hook}` } });
      assert.equal(r.code, 0, r.stderr);
      // 400 files: two workers of 200, when there are two cores to run them.
      assert.equal(r.stderr, availableParallelism() >= 2 ? 'WORKER\nWORKER\n' : '');
      const records = JSON.parse(fs.readFileSync(path.join(many, 'out', 'incidents.json'), 'utf8')) as IncidentRecord[];
      const files = fs.readdirSync(path.join(many, 'postmortems')).sort().map((f) => path.join(many, 'postmortems', f));
      const alone = await recordsOf({ files, cwd: many, now: NOW });
      const expected = alone.outcomes.map((o) => o.record!).sort(compareRecords);
      assert.equal(records.length, 400);
      assert.deepEqual(records, expected);
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });
});

describe('the chart libraries load only for a page', () => {
  // Preloaded into the CLI: prints which of dist/'s bundles were required, as the process ends.
  const hook = path.join(root, 'loaded-bundles.cjs');
  fs.writeFileSync(
    hook,
    "process.on('exit', () => process.stderr.write('LOADED ' + Object.keys(require.cache).filter((f) => f.includes('/dist/')).map((f) => f.split('/').pop()).sort().join(' ') + '\\n'));\n",
  );
  const loaded = (args: string[]) => {
    const r = runCli(args, { cwd: root, env: { NODE_OPTIONS: `--require ${hook}` } });
    return /LOADED (.*)/.exec(r.stderr)?.[1];
  };

  it('lint and report --format json/csv never load dist/report-charts.js; the page does', () => {
    assert.equal(loaded(['lint', '.', '--now', NOW]), 'cli.js incident-docs.js');
    assert.equal(loaded(['report', '.', '--out', 'o1', '--now', NOW, '--format', 'json']), 'cli.js incident-docs.js');
    assert.equal(loaded(['report', '.', '--out', 'o2', '--now', NOW, '--format', 'csv']), 'cli.js incident-docs.js');
    assert.equal(loaded(['report', '.', '--out', 'o3', '--now', NOW]), 'cli.js incident-docs.js report-charts.js');
  });

  it('the CLI\'s bundle holds none of vega', () => {
    const cli = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'incident-docs.js'), 'utf8');
    assert.doesNotMatch(cli, /node_modules\/vega/);
    assert.match(cli, /(import|require)\("\.\/report-charts\.js"\)/);
  });
});
