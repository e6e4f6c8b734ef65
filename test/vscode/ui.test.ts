/**
 * Suite 2: the extension seen through the workbench UI (code-server + headless Chromium, driven by
 * Playwright): Problems panel, code lenses, the live check from the palette against a local TLS
 * server, the Certificates view. Each step leaves a screenshot in test-results/vscode/;
 * INCIDENT_DOCS_UPDATE_SCREENSHOTS=1 also copies them to docs/images/ for the README.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addDays, createCertificate, startTlsServer, wholeSecondNow, type TestTlsServer } from '../helpers/tls';
import { REPO_ROOT } from './launcher/paths';
import { startWorkbench, type Workbench } from './launcher/workbench';

const SEED = '3scale-cert-expiry-postmortem.md';
const ARTIFACTS = path.join(REPO_ROOT, 'test-results', 'vscode');
const README_IMAGES = path.join(REPO_ROOT, 'docs', 'images');
const DAY_MS = 86_400_000;
/**
 * UI waits end as soon as what they wait for is on the screen; this only bounds a failure, so it
 * is generous: a cold 2-core CI machine running other suites takes half a minute for the first step.
 */
const UI_TIMEOUT = 90_000;

/** Entries of the large inventory beside the small one: more than the view keeps open. */
const LARGE_INVENTORY = 60;

/**
 * The seed, an empty post-mortem to write in, a small inventory of three entries whose order by
 * expiry differs from their order in the file, and a large one whose entries all expired (later
 * than the small one's soonest).
 */
function writeWorkspace(dir: string, now: number): void {
  mkdirSync(path.join(dir, 'postmortems'), { recursive: true });
  copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'postmortems', SEED), path.join(dir, 'postmortems', SEED));
  writeFileSync(path.join(dir, 'postmortems', 'draft-postmortem.md'), '');
  const iso = (days: number) => new Date(now + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  mkdirSync(path.join(dir, 'legacy'), { recursive: true });
  writeFileSync(
    path.join(dir, 'legacy', 'certificates.yaml'),
    ['certificates:', ...Array.from({ length: LARGE_INVENTORY }, (_, i) => [`  - name: old-${i}`, `    hosts: [old-${i}.example.test]`, '    owner: platform-team@example.com', `    expires: ${iso(-1.5)}`].join('\n')), ''].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'cert-inventory.yaml'),
    [
      'certificates:',
      '  - name: www',
      '    hosts: [www.example.test]',
      '    owner: platform-team@example.com',
      `    expires: ${iso(200.5)}`,
      '  - name: billing',
      '    hosts: [billing.example.test:443]',
      '    owner: platform-team@example.com',
      '    notify: [jane.doe.oncall@gmail.com]',
      `    expires: ${iso(10.5)}`,
      '  - name: legacy-portal',
      '    hosts: [portal.example.test]',
      '    owner: platform-team@example.com',
      `    expires: ${iso(-2.5)}`,
      '',
    ].join('\n'),
  );
}

/** Runs one step; when it fails, the workbench as it was goes to test-results/vscode/failure-<name>.png. */
async function step(page: () => Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await page().screenshot({ path: path.join(ARTIFACTS, `failure-${name}.png`) }).catch(() => {});
    throw error;
  }
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.INCIDENT_DOCS_UPDATE_SCREENSHOTS) {
    mkdirSync(README_IMAGES, { recursive: true });
    copyFileSync(file, path.join(README_IMAGES, `vscode-${name}.png`));
  }
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = UI_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Types into the quick input and presses Enter once the row Enter would run, the focused one,
 * is `row`: the list fills and filters after the input, and a row merely present may not be the
 * one that has focus yet.
 */
async function pickInQuickInput(page: Page, text: string, row: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
}

/** Runs a palette command by its title, as a user would. */
async function palette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await pickInQuickInput(page, `>${title}`, title);
}

/** Opens a workspace file through Quick Open and waits for its editor tab. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await pickInQuickInput(page, name, name);
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT });
}

/** Hides the panel (Problems) when it shows, so a step starts from the same screen whatever ran before it. */
async function hidePanel(page: Page): Promise<void> {
  const panel = page.locator('.part.panel');
  if (!(await panel.isVisible())) return;
  await palette(page, 'View: Hide Panel');
  await panel.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

describe('VS Code UI (code-server + Chromium)', { timeout: 10 * 60_000 }, () => {
  let workbench: Workbench;
  let page: Page;
  let tls: TestTlsServer;
  let root: string;
  let notAfter: Date;
  const started = Date.now();

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'incident-docs-ui-'));
    const workspace = path.join(root, 'workspace');
    writeWorkspace(workspace, started);
    const now = wholeSecondNow();
    notAfter = addDays(now, 42.5);
    tls = await startTlsServer({
      chain: [createCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], notBefore: addDays(now, -1), notAfter })],
      host: '127.0.0.1',
    });
    workbench = await startWorkbench({
      folder: workspace,
      extensionDevelopmentPaths: [REPO_ROOT],
      viewport: { width: 1280, height: 760 },
      // Only what the suite's steps read; the workbench's own chatter stays out of the test output.
      log: (level, text) => level === 'error' && process.env.INCIDENT_DOCS_VSCODE_VERBOSE && process.stderr.write(`${text}\n`),
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false },
    });
    page = workbench.page;
    // The extension host is up once the explorer lists the workspace.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cert-inventory.yaml' }).waitFor({ timeout: UI_TIMEOUT });
  });

  after(async () => {
    await workbench?.close();
    await tls?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('lists the seed post-mortem’s findings in the Problems panel', () => step(() => page, 'problems', async () => {
    await openFile(page, SEED);
    await palette(page, 'View: Focus Problems');
    const invalid = page.locator('.markers-panel .monaco-list-row[aria-label*="16:04pm"]');
    await invalid.first().waitFor({ timeout: UI_TIMEOUT });
    const label = (await invalid.first().getAttribute('aria-label')) ?? '';
    assert.match(label, /is not a valid time/);
    assert.match(label, /\b66\b/, `the position (line 66) in: ${label}`);
    const rows = page.locator('.markers-panel .monaco-list-row');
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(labels.some((l) => /Impact window starts at 12:21pm/.test(l)), `the Impact window finding among: ${labels.join(' | ')}`);
    await shot(page, 'problems');
    // The list is virtual (rows below the fold are not in the DOM): filter it to the empty rows.
    await page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first().fill('Table row is empty');
    await waitUntil(async () => (await rows.evaluateAll((els) => els.filter((e) => /Table row is empty/.test(e.getAttribute('aria-label') ?? '')).length)) === 6, 'six empty-row findings after filtering');
  }));

  it('inserts a snippet when its prefix is typed in Markdown and Tab pressed, as the README says', () => step(() => page, 'snippet', async () => {
    await hidePanel(page);
    await openFile(page, 'draft-postmortem.md');
    // VS Code reads a language's snippet files on first use, and Tab acts only on those already
    // read (a first Tab typed faster than the read indents instead). Its snippet picker waits for
    // them: once it lists ours, they are read, as for anyone who has used a snippet before.
    await palette(page, 'Snippets: Insert Snippet');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'postmortem' }).first().waitFor({ timeout: UI_TIMEOUT });
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    try {
      await page.keyboard.type('postmortem');
      await lines.filter({ hasText: 'postmortem' }).waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Tab');
      await lines.filter({ hasText: 'Overview' }).waitFor({ timeout: UI_TIMEOUT });
      // The editor draws spaces as no-break spaces.
      const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
      assert.match(text, /^---\ndate: \d{4}-\d{2}-\d{2}\ntitle: Post-mortem - what broke, where\n---\n## Overview\n/);
      await shot(page, 'snippet');
    } finally {
      // Left as it was found: the next steps close every editor, which would ask to save.
      await palette(page, 'File: Revert File');
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    }
  }));

  it('shows the expiry lens above an inventory entry', () => step(() => page, 'code-lens', async () => {
    await hidePanel(page);
    await openFile(page, 'cert-inventory.yaml');
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'Expires in' });
    await lens.first().waitFor({ timeout: UI_TIMEOUT });
    const texts = await page.locator('.monaco-editor .codelens-decoration').allInnerTexts();
    const billing = Math.floor((started + 10.5 * DAY_MS) / DAY_MS) - Math.floor(started / DAY_MS);
    assert.ok(texts.some((t) => t.includes(`Expires in ${billing} days`) || t.includes(`Expires in ${billing - 1} days`)), `lenses: ${texts.join(' | ')}`);
    assert.ok(texts.some((t) => t.includes('Check live')), 'a Check live lens');
    assert.ok(texts.some((t) => /Expired \d+ days? ago/.test(t)), 'the expired entry says so');
    await shot(page, 'code-lens');
  }));

  it('runs “Check Live Certificate…” from the palette against a local TLS server', () => step(() => page, 'live-check', async () => {
    const target = `127.0.0.1:${tls.port}`;
    const asked = Date.now();
    await palette(page, 'Incident Docs: Check Live Certificate…');
    // The command's own input box, not the palette it replaces (the same widget, still visible).
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Check Live Certificate' }).waitFor({ timeout: UI_TIMEOUT });
    await page.locator('.quick-input-widget input').fill(target);
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: `Live: ${target}` }).waitFor({ timeout: UI_TIMEOUT });
    // The panel is a webview: an iframe holding the content's iframe.
    const content = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const days = content.locator('.days .big');
    await days.waitFor({ timeout: UI_TIMEOUT });
    // Whole days or calendar days, as the probe counts them: both are 42 or 43 for 42.5 days,
    // at any moment between asking and reading the answer (a day may begin in between).
    const expected = new Set([asked, Date.now()].flatMap((now) => [Math.floor((notAfter.getTime() - now) / DAY_MS), Math.floor(notAfter.getTime() / DAY_MS) - Math.floor(now / DAY_MS)]));
    const shown = await days.innerText();
    assert.ok([...expected].some((n) => shown === `${n} days left`), `panel says "${shown}", expected ${[...expected].join(' or ')} days left`);
    assert.ok(tls.accepted > 0, 'the check connected to the local server');
    await page.locator('.notification-toast', { hasText: 'Checking the certificate' }).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    assert.equal(await page.locator('.editor-group-container').count(), 1, 'a tab, not a split that halves the document');
    await shot(page, 'live-check');
  }));

  it('lists the certificates in the Explorer view, soonest expiry first', () => step(() => page, 'certificates-view', async () => {
    await hidePanel(page);
    await palette(page, 'View: Close All Editors');
    await palette(page, 'Explorer: Focus on Certificates View');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Certificates/i }) });
    const rows = view.locator('.monaco-list-row');
    await rows.filter({ hasText: 'legacy-portal' }).waitFor({ timeout: UI_TIMEOUT });
    const names = await rows.evaluateAll((els) => els.map((e) => e.querySelector('.label-name')?.textContent ?? ''));
    assert.deepEqual(names.filter((n) => ['www', 'billing', 'legacy-portal'].includes(n)), ['legacy-portal', 'billing', 'www']);
    // The large inventory is there, collapsed: the small one's entries stay in sight.
    const large = rows.filter({ hasText: path.join('legacy', 'certificates.yaml') });
    assert.equal(await large.getAttribute('aria-expanded'), 'false');
    assert.match(await large.innerText(), new RegExp(`${LARGE_INVENTORY} certificates · ${LARGE_INVENTORY} expired`));
    assert.equal(await rows.filter({ hasText: 'old-0' }).count(), 0);
    // Explorer's badge counts the two inventories to open (and adds VS Code's unsaved files), not 62 certificates.
    const explorer = page.locator('.activitybar .action-item', { has: page.locator('.codicon-explorer-view-icon') });
    const badge = explorer.locator('.badge-content');
    await waitUntil(async () => (await badge.innerText().catch(() => '')) === '2', 'the Explorer badge to count 2 inventories');
    assert.match((await explorer.locator('.action-label').getAttribute('aria-label')) ?? '', /2 inventories have certificates to renew \(61 expired, 1 expiring\)/);
    // The status bar names the soonest expiry (2.5 days past: 2 or 3 calendar days).
    const status = page.locator('.statusbar-item', { hasText: 'legacy-portal' });
    await status.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await status.innerText(), /legacy-portal: expired [23] days ago/);
    await shot(page, 'certificates-view');
  }));

  it('the status bar and the Certificates view follow unsaved edits to an entry', () => step(() => page, 'unsaved-edit', async () => {
    await openFile(page, 'cert-inventory.yaml');
    // End of line 11, "  - name: legacy-portal": type a burst, as a user renaming the entry would.
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':11:24');
    await page.keyboard.press('Enter');
    await page.locator('[id="status.editor.selection"]', { hasText: 'Ln 11, Col 24' }).waitFor({ timeout: UI_TIMEOUT });
    await page.keyboard.type('-v2', { delay: 30 });
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Certificates/i }) });
    await page.locator('.statusbar-item', { hasText: /legacy-portal-v2: expired [23] days ago/ }).waitFor({ timeout: UI_TIMEOUT });
    await view.locator('.monaco-list-row', { hasText: 'legacy-portal-v2' }).waitFor({ timeout: UI_TIMEOUT });
    // Reverted without saving: both go back to what the file says.
    await palette(page, 'File: Revert File');
    await page.locator('.statusbar-item', { hasText: /legacy-portal: expired/ }).waitFor({ timeout: UI_TIMEOUT });
    await view.locator('.monaco-list-row', { hasText: 'legacy-portal-v2' }).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }));
});
