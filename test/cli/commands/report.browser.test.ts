/**
 * The report's index.html in headless Chromium (Debian's): it makes no request (every request
 * is routed and anything but data: and about: is refused and recorded), its Content-Security-Policy
 * lets its own style and script run and nothing else, every chart is drawn, the table sorts,
 * and text from a hostile repository stays text. A screenshot of a report of generated
 * post-mortems goes to test-results/report/; INCIDENT_DOCS_UPDATE_SCREENSHOTS=1 also copies it to
 * docs/images/ for the README.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { incidentFolder, postmortemText, sampleIncidents } from '../../helpers/incidents';
import { CHROMIUM_ARGS } from '../../vscode/launcher/workbench';
import { chromiumPath } from '../../vscode/launcher/paths';
import { REPO_ROOT, runCli } from '../helpers';

const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Evil';
const HOSTILE_SEVERITY = '<script>window.__pwned=2</script>';
const HOSTILE_FILE = 'postmortems/2026-01-05-"quote"&<b>.md';

const root = incidentFolder({
  ...Object.fromEntries(sampleIncidents(60, 7)),
  [HOSTILE_FILE]: postmortemText({
    title: HOSTILE_TITLE,
    date: '2026-01-05',
    severity: HOSTILE_SEVERITY,
    tickets: ['=HYPERLINK("http://evil.example")', 'javascript:alert(1)'],
    actionItems: [{ text: 'Sanitise <b>everything</b>' }],
  }),
});
const out = path.join(root, 'report');

let browser: Browser;
let page: Page;
/** Every request the page tried, allowed or not. */
const requests: string[] = [];
/** Console errors (CSP violations are reported there) and uncaught page errors. */
const problems: string[] = [];

before(async () => {
  const run = runCli(['report', '.', '--out', out, '--now', '2026-11-27T12:00:00Z'], { cwd: root });
  assert.equal(run.code, 0, run.stderr);
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: false, args: CHROMIUM_ARGS, env: { ...process.env, HOME: root } });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return /^(data|about):/.test(url) ? route.continue() : route.abort();
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  // setContent: the page is about:blank's, so any request at all (a file next to it too) would be seen.
  await page.setContent(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), { waitUntil: 'load' });
});

after(async () => {
  await browser?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the report page in Chromium', () => {
  it('makes no request and breaks no rule of its Content-Security-Policy', async () => {
    assert.deepEqual(
      requests.filter((u) => !/^(data|about):/.test(u)),
      [],
    );
    assert.deepEqual(problems, []);
  });

  it('its own style and script run under the policy (the policy is there, and strict)', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp!, /^default-src 'none'; style-src 'sha256-[\w+/=]+'; script-src 'sha256-[\w+/=]+'; img-src data:; base-uri 'none'; form-action 'none'$/);
    assert.equal(await page.locator('.cards').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(e).display), 'flex', 'the style sheet applies');
    await page.locator('#incidents thead th', { hasText: 'Date' }).locator('button').click();
    assert.equal(await page.locator('#incidents thead th', { hasText: 'Date' }).getAttribute('aria-sort'), 'ascending', 'the script runs');
  });

  it('draws every chart: an SVG with marks that have an area', async () => {
    const charts = await page.locator('figure[data-chart]').evaluateAll((figures) =>
      figures.map((f) => {
        const marks = Array.from(f.querySelectorAll('svg .role-mark path, svg .role-mark rect, svg .role-mark line'));
        const drawn = marks.filter((m) => {
          const box = (m as unknown as { getBBox(): { width: number; height: number } }).getBBox();
          return box.width > 0 || box.height > 0;
        });
        return { chart: f.getAttribute('data-chart'), svg: f.querySelectorAll('svg').length, marks: marks.length, drawn: drawn.length, empty: f.getAttribute('data-empty') };
      }),
    );
    assert.deepEqual(charts.map((c) => c.chart), ['per-month', 'ttd-ttr', 'action-items', 'most-findings']);
    for (const c of charts) {
      assert.equal(c.empty, null, `${c.chart} has data`);
      assert.equal(c.svg, 1, `${c.chart} is an SVG`);
      assert.ok(c.drawn > 0, `${c.chart} has drawn marks (${c.marks} marks)`);
    }
    // 61 incidents: every bar of the per-month chart, stacked, adds up to them.
    const months = await page.locator('figure[data-chart="per-month"] .role-mark path').count();
    assert.ok(months >= 14, `${months} bars`);
  });

  it('text from the repository stays text, in the table and in the charts', async () => {
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('script').count(), 1, 'only the page\'s own script');
    const row = page.locator('#incidents tbody tr', { hasText: 'Evil' });
    assert.equal(await row.locator('a').textContent(), HOSTILE_TITLE);
    assert.equal(await row.locator('.file').textContent(), HOSTILE_FILE);
    assert.match((await row.textContent())!, /=HYPERLINK\("http:\/\/evil\.example"\) javascript:alert\(1\)/);
    assert.equal(await row.locator('a[href^="javascript"]').count(), 0);
    const legend = await page.locator('figure[data-chart="per-month"] svg').textContent();
    // A legend cuts long labels with "…": its start is there, as text.
    assert.ok(legend!.includes(HOSTILE_SEVERITY.slice(0, 15)), 'the severity is a legend label, as text');
  });

  it('links each post-mortem by a relative link to its file', async () => {
    const hrefs = await page.locator('#incidents tbody a[data-file]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    assert.equal(hrefs.length, 61);
    for (const href of hrefs) {
      assert.match(href, /^\.\.\/postmortems\//);
      assert.ok(fs.existsSync(path.join(out, decodeURIComponent(href))), href);
    }
  });

  it('in a webview (acquireVsCodeApi present), a click on a post-mortem posts its index instead of navigating', async () => {
    const webview = await browser.newPage();
    try {
      await webview.route('**/*', (route) => (/^(data|about):/.test(route.request().url()) ? route.continue() : route.abort()));
      // What VS Code gives a webview's page, recorded instead of sent (setContent keeps the window's globals).
      // (A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.)
      await webview.evaluate('globalThis.__posted = []; globalThis.acquireVsCodeApi = () => ({ postMessage: (m) => globalThis.__posted.push(m) });');
      await webview.setContent(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), { waitUntil: 'load' });
      const link = webview.locator('#incidents tbody a[data-file]').nth(3);
      const index = Number(await link.getAttribute('data-file'));
      await link.click();
      assert.deepEqual(await webview.evaluate('globalThis.__posted'), [{ type: 'open', file: index }]);
      assert.equal(webview.url(), 'about:blank', 'no navigation');
    } finally {
      await webview.close();
    }
  });

  it('a report of generated post-mortems, as the README shows it', async () => {
    const clean = incidentFolder(Object.fromEntries(sampleIncidents(48, 3)));
    try {
      const run = runCli(['report', 'postmortems', '--out', 'report', '--now', '2026-11-27T12:00:00Z'], { cwd: clean });
      assert.equal(run.code, 0, run.stderr);
      const shot = await browser.newPage({ viewport: { width: 1300, height: 940 } });
      await shot.route('**/*', (route) => (/^(data|about):/.test(route.request().url()) ? route.continue() : route.abort()));
      await shot.setContent(fs.readFileSync(path.join(clean, 'report', 'index.html'), 'utf8'), { waitUntil: 'load' });
      const artifacts = path.join(REPO_ROOT, 'test-results', 'report');
      fs.mkdirSync(artifacts, { recursive: true });
      const file = path.join(artifacts, 'incident-report.png');
      await shot.screenshot({ path: file });
      await shot.close();
      assert.ok(fs.statSync(file).size > 10_000);
      if (process.env.INCIDENT_DOCS_UPDATE_SCREENSHOTS) fs.copyFileSync(file, path.join(REPO_ROOT, 'docs', 'images', 'incident-report.png'));
    } finally {
      fs.rmSync(clean, { recursive: true, force: true });
    }
  });

  it('sorts by a column, both ways, unknown values last', async () => {
    const header = page.locator('#incidents thead th', { hasText: 'TTD' });
    const column = await header.evaluate((th) => Array.prototype.indexOf.call(th.parentElement!.children, th));
    const values = () =>
      page.locator('#incidents tbody tr').evaluateAll((rows, i) => rows.map((r) => (r as unknown as { cells: { dataset: { sort?: string } }[] }).cells[i as number].dataset.sort ?? ''), column);
    const numbers = (list: string[]) => list.filter((v) => v !== '').map(Number);
    await header.locator('button').click();
    const up = await values();
    assert.deepEqual(numbers(up), [...numbers(up)].sort((a, b) => a - b));
    assert.equal(up.at(-1), '', 'the hostile one has no TTD: last');
    await header.locator('button').click();
    const down = await values();
    assert.deepEqual(numbers(down), [...numbers(down)].sort((a, b) => b - a));
    assert.equal(down.at(-1), '', 'still last');
  });
});
