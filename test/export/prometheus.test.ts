import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { labelValue } from '../../server/src/core/export/prometheus';
import { runCli, tempTree } from '../cli/helpers';
import { expandTemplate, exportInventory, promtool, type ExportedRule } from './helpers';

const INVENTORY = `
defaults:
  owner: platform-team@example.com
  environment: prod
  warnDays: 30
  renewal:
    method: manual
    sop: https://wiki.example.com/sop/default
    escalation: cert-approvers@example.com
certificates:
  - name: api
    hosts: [api.example.com, "api.example.com:8443", "[2001:db8::1]:443", api.example.com]
    expires: 2027-01-01
  - name: payments
    hosts: [pay.example.com]
    environment: staging
    namespace: pay-cluster/payments
    owner: payments-team@example.com
    warnDays: 7
    renewal:
      method: internal-ca
      sop: https://wiki.example.com/sop/payments
      escalation: payments-oncall@example.com
  - name: mail
    hosts: [mail.example.com:465]
    warnDays: 7
    renewal:
      method: acme
    expires: 2027-01-01
  - hosts: [nameless.example.com]
    expires: 2027-01-01
  - name: wild
    hosts: ["*.example.com"]
    expires: 2027-01-01
  - name: "odd\\u0007name\\nhere"
    hosts: [odd.example.com]
    expires: 2027-01-01
`;

describe('export prometheus: targets.json', () => {
  const exported = exportInventory(INVENTORY);

  it('has one target group per entry with a name and a host, with host:port targets (443 by default, IPv6 in brackets, no repeats)', () => {
    assert.deepEqual(
      exported.targets.map((g) => [g.labels.cert, g.targets]),
      [
        ['api', ['api.example.com:443', 'api.example.com:8443', '[2001:db8::1]:443']],
        ['payments', ['pay.example.com:443']],
        ['mail', ['mail.example.com:465']],
        ['odd name here', ['odd.example.com:443']],
      ],
    );
  });

  it('labels each group with the entry\'s own values, else those from defaults, and leaves out what neither gives', () => {
    const byCert = new Map(exported.targets.map((g) => [g.labels.cert, g.labels]));
    assert.deepEqual(byCert.get('api'), {
      cert: 'api',
      owner: 'platform-team@example.com',
      environment: 'prod',
      sop: 'https://wiki.example.com/sop/default',
      escalation: 'cert-approvers@example.com',
      warn_days: '30',
    });
    assert.deepEqual(byCert.get('payments'), {
      cert: 'payments',
      owner: 'payments-team@example.com',
      environment: 'staging',
      namespace: 'pay-cluster/payments',
      sop: 'https://wiki.example.com/sop/payments',
      escalation: 'payments-oncall@example.com',
      warn_days: '7',
    });
    // Its own renewal block replaces the one in defaults, as the linter reads it: no SOP, no escalation.
    assert.deepEqual(byCert.get('mail'), { cert: 'mail', owner: 'platform-team@example.com', environment: 'prod', warn_days: '7' });
    for (const group of exported.targets) {
      for (const name of Object.keys(group.labels)) assert.match(name, /^[a-zA-Z_][a-zA-Z0-9_]*$/);
      assert.ok(!Object.keys(group.labels).some((n) => n.startsWith('__')), 'no reserved label names');
    }
  });

  it('says on stderr which entries and hosts it left out', () => {
    assert.match(exported.run.stderr, /entry #4 has no name.*skipped/);
    assert.match(exported.run.stderr, /entry "wild": wildcard host "\*\.example\.com" cannot be probed/);
    assert.match(exported.run.stdout, /4 certificates, 6 targets/);
  });

  it('label values are single lines of valid UTF-8', () => {
    assert.equal(labelValue('a\nb\u0007c\r\n'), 'a b c');
    assert.equal(labelValue('x\uD800y'), 'x\uFFFDy');
    assert.equal(labelValue('😀 ok'), '😀 ok');
  });
});

describe('export prometheus: rules.yaml', () => {
  const exported = exportInventory(INVENTORY);
  const rules: ExportedRule[] = exported.rules.groups.flatMap((g) => g.rules);

  it('has one expiring rule per distinct warn window, matching exactly the entries with that window', () => {
    const expiring = rules.filter((r) => r.alert === 'CertificateExpiringSoon');
    const windows = [...new Set(exported.targets.map((g) => g.labels.warn_days))].sort();
    assert.equal(expiring.length, windows.length);
    for (const group of exported.targets) {
      const matching = expiring.filter((r) => r.expr.includes(`warn_days="${group.labels.warn_days}"`));
      assert.equal(matching.length, 1, `${group.labels.cert}: one rule for its window`);
      assert.ok(matching[0].expr.includes(`< ${group.labels.warn_days} * 86400`), matching[0].expr);
    }
  });

  it('has an expired rule and a probe-failing rule that waits 10 minutes', () => {
    assert.equal(rules.filter((r) => r.alert === 'CertificateExpired').length, 1);
    const failing = rules.filter((r) => r.alert === 'CertificateProbeFailing');
    assert.equal(failing.length, 1);
    assert.equal(failing[0].for, '10m');
    assert.match(failing[0].expr, /^probe_success\{job="[^"]+"\} == 0$/);
  });

  it('passes promtool check rules and promtool check config; promtool does reject a broken rule', () => {
    const rulesCheck = promtool(['check', 'rules', 'out/rules.yaml'], exported.dir);
    assert.equal(rulesCheck.code, 0, rulesCheck.output);
    assert.match(rulesCheck.output, new RegExp(`SUCCESS: ${rules.length} rules found`));
    assert.doesNotMatch(rulesCheck.output, /FAILED|lint error/);
    const configCheck = promtool(['check', 'config', 'out/prometheus.yml'], exported.dir);
    assert.equal(configCheck.code, 0, configCheck.output);

    const broken = exported.rulesText.replace('== 0', '== 0)');
    fs.writeFileSync(path.join(exported.dir, 'broken.yaml'), broken);
    assert.notEqual(promtool(['check', 'rules', 'broken.yaml'], exported.dir).code, 0);
  });

  it('honours --job, --module and --blackbox, and the config still checks', () => {
    const custom = exportInventory(INVENTORY, ['--job', 'tls-certs', '--module', 'tls_probe', '--blackbox', '10.0.0.5:9115']);
    const customRules = custom.rules.groups.flatMap((g) => g.rules);
    assert.ok(customRules.every((r) => r.expr.includes('job="tls-certs"')));
    assert.ok(custom.blackbox.modules.tls_probe);
    const scrape = (custom.prometheus.scrape_configs as Record<string, unknown>[])[0];
    assert.equal(scrape.job_name, 'tls-certs');
    assert.deepEqual(scrape.params, { module: ['tls_probe'] });
    assert.ok(JSON.stringify(scrape.relabel_configs).includes('10.0.0.5:9115'));
    assert.equal(promtool(['check', 'config', 'out/prometheus.yml'], custom.dir).code, 0);
  });

  /**
   * promtool test rules evaluates the rules on synthetic probe series carrying the exported
   * target labels: the right alerts fire for the right entries, and each page names that entry's
   * owner, SOP and escalation.
   */
  it('fires the right alerts with each entry\'s owner, SOP and escalation (promtool test rules)', () => {
    const job = 'incident-docs-certificates';
    const evalSeconds = 30 * 60;
    const labelsOf = (cert: string) => {
      const group = exported.targets.find((g) => g.labels.cert === cert)!;
      return { job, instance: group.targets[0], ...group.labels } as Record<string, string>;
    };
    const series = (metric: string, labels: Record<string, string>, value: number) => ({
      series: `${metric}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`,
      values: `${value}x${evalSeconds / 60}`,
    });
    const day = 86_400;
    // api (30-day window) and payments (7-day window) both expire in 20 days: only api is "expiring".
    // mail expired 10 minutes after the series start; odd's probe fails throughout.
    const expiry = { api: 20 * day, payments: 20 * day, mail: 600 };
    const input = [
      series('probe_ssl_earliest_cert_expiry', labelsOf('api'), expiry.api),
      series('probe_ssl_earliest_cert_expiry', labelsOf('payments'), expiry.payments),
      series('probe_ssl_earliest_cert_expiry', labelsOf('mail'), expiry.mail),
      series('probe_success', labelsOf('api'), 1),
      series('probe_success', labelsOf('odd name here'), 0),
    ];
    const ruleNamed = (alert: string, cert: string) =>
      rules.find((r) => r.alert === alert && (alert !== 'CertificateExpiringSoon' || r.expr.includes(`warn_days="${labelsOf(cert).warn_days}"`)))!;
    const expected = (alert: string, cert: string, value: number) => {
      const rule = ruleNamed(alert, cert);
      const labels = labelsOf(cert);
      return {
        exp_labels: { ...labels, ...rule.labels },
        exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, t]) => [k, expandTemplate(t, labels, value)])),
      };
    };
    const testFile = {
      rule_files: ['out/rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: input,
          alert_rule_test: [
            { eval_time: '30m', alertname: 'CertificateExpiringSoon', exp_alerts: [expected('CertificateExpiringSoon', 'api', expiry.api - evalSeconds)] },
            { eval_time: '30m', alertname: 'CertificateExpired', exp_alerts: [expected('CertificateExpired', 'mail', evalSeconds - expiry.mail)] },
            { eval_time: '30m', alertname: 'CertificateProbeFailing', exp_alerts: [expected('CertificateProbeFailing', 'odd name here', 0)] },
            // Not yet 10 minutes of failure: no page.
            { eval_time: '9m', alertname: 'CertificateProbeFailing', exp_alerts: [] },
          ],
        },
      ],
    };
    const page = expected('CertificateExpiringSoon', 'api', expiry.api - evalSeconds).exp_annotations;
    assert.match(page.description, /platform-team@example\.com.*sop\/default.*cert-approvers@example\.com/);
    const mailPage = expected('CertificateExpired', 'mail', 1200).exp_annotations;
    assert.match(mailPage.description, /no renewal\.sop in the inventory/);
    fs.writeFileSync(path.join(exported.dir, 'alerts.test.yaml'), stringify(testFile));
    const result = promtool(['test', 'rules', 'alerts.test.yaml'], exported.dir);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /SUCCESS/);
  });
});

const LIFETIMES = `
defaults:
  owner: platform-team@example.com
certificates:
  - name: ninety
    hosts: [ninety.example.com]
    renewal: { method: acme }
    issued: 2026-11-01
    lifetime: 90d
  - name: short
    hosts: [short.example.com]
    renewal: { method: cert-manager }
    issued: 2026-11-20
    lifetime: 47d
  - name: manual
    hosts: [manual.example.com]
    renewal: { method: manual, sop: https://wiki.example.com/sop/manual }
    issued: 2026-11-01
    lifetime: 90d
    expires: 2027-01-30
`;

describe('export prometheus: lifetimes and renewal health', () => {
  const exported = exportInventory(LIFETIMES);
  const rules: ExportedRule[] = exported.rules.groups.flatMap((g) => g.rules);
  const labelsOf = (cert: string) => exported.targets.find((g) => g.labels.cert === cert)!.labels;

  it('automated entries carry lifetime_days and renew_due_days; warn_days is warnShare of the lifetime, as the linter reads it', () => {
    // 90 days: renewal due with a third left (renewAtShare 2/3), warned at a third (warnShare 1/3).
    assert.deepEqual(labelsOf('ninety'), { cert: 'ninety', owner: 'platform-team@example.com', warn_days: '30', lifetime_days: '90', renew_due_days: '30' });
    assert.deepEqual(labelsOf('short'), { cert: 'short', owner: 'platform-team@example.com', warn_days: '15', lifetime_days: '47', renew_due_days: '15' });
    // Manual renewal has no renewal point to miss.
    assert.equal(labelsOf('manual').renew_due_days, undefined);
    assert.equal(labelsOf('manual').lifetime_days, undefined);
  });

  it('one CertificateRenewalOverdue rule per distinct renewal window, which promtool checks and fires for the overdue entry only', () => {
    const overdue = rules.filter((r) => r.alert === 'CertificateRenewalOverdue');
    assert.deepEqual(overdue.map((r) => r.labels.renew_due_days), ['15', '30']);
    assert.equal(promtool(['check', 'rules', 'out/rules.yaml'], exported.dir).code, 0);
    const job = 'incident-docs-certificates';
    const day = 86_400;
    const series = (cert: string, left: number) => {
      const group = exported.targets.find((g) => g.labels.cert === cert)!;
      const labels: Record<string, string> = { job, instance: group.targets[0], ...group.labels };
      return { series: `probe_ssl_earliest_cert_expiry{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`, values: `${left}x120`, labels };
    };
    // ninety: 25 days left of 90 (past its renewal point at 30); short: 20 left of 47 (not yet at 15).
    const ninety = series('ninety', 25 * day);
    const short = series('short', 20 * day);
    const rule = overdue.find((r) => r.labels.renew_due_days === '30')!;
    const evalSeconds = 90 * 60;
    const testFile = {
      rule_files: ['out/rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [{ series: ninety.series, values: ninety.values }, { series: short.series, values: short.values }],
          alert_rule_test: [
            {
              eval_time: '90m',
              alertname: 'CertificateRenewalOverdue',
              exp_alerts: [
                {
                  exp_labels: { ...ninety.labels, ...rule.labels },
                  exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, t]) => [k, expandTemplate(t, ninety.labels, 25 * day - evalSeconds)])),
                },
              ],
            },
            // Not yet an hour past: no page.
            { eval_time: '59m', alertname: 'CertificateRenewalOverdue', exp_alerts: [] },
          ],
        },
      ],
    };
    assert.match(rule.annotations.summary, /lifetime_days/);
    fs.writeFileSync(path.join(exported.dir, 'renewal.test.yaml'), stringify(testFile));
    const result = promtool(['test', 'rules', 'renewal.test.yaml'], exported.dir);
    assert.equal(result.code, 0, result.output);
  });
});

describe('export prometheus: bad input', () => {
  const cases: [string, Record<string, string>, string[], RegExp][] = [
    ['a missing file', {}, ['export', 'prometheus', 'nope.yaml', '--out', 'out'], /nope\.yaml: no such file/],
    ['not an inventory', { 'x.yaml': 'a: 1\n' }, ['export', 'prometheus', 'x.yaml', '--out', 'out'], /x\.yaml: not a certificate inventory/],
    [
      'broken YAML',
      { 'x.yaml': 'certificates:\n  - name: [unclosed\n' },
      ['export', 'prometheus', 'x.yaml', '--out', 'out'],
      /x\.yaml:\d+: YAML syntax error/,
    ],
    ['no --out', { 'x.yaml': 'certificates: []\n' }, ['export', 'prometheus', 'x.yaml'], /--out/],
    ['a job name with quotes', { 'x.yaml': 'certificates: []\n' }, ['export', 'prometheus', 'x.yaml', '--out', 'o', '--job', 'a"b'], /--job/],
    ['a bad --blackbox', { 'x.yaml': 'certificates: []\n' }, ['export', 'prometheus', 'x.yaml', '--out', 'o', '--blackbox', 'http://x'], /host:port/],
    ['--out on a file', { 'x.yaml': 'certificates: []\n', f: '' }, ['export', 'prometheus', 'x.yaml', '--out', 'f'], /--out f: cannot write/],
  ];
  for (const [what, files, args, message] of cases) {
    it(`exits 2 with a message, no stack trace: ${what}`, () => {
      const dir = tempTree(files);
      const run = runCli(args, { cwd: dir });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
      assert.equal(fs.existsSync(path.join(dir, 'out', 'targets.json')), false);
    });
  }

  it('an inventory without probe-able entries still exports (empty targets), with a warning', () => {
    const dir = tempTree({ 'x.yaml': 'certificates: []\n' });
    const run = runCli(['export', 'prometheus', 'x.yaml', '--out', 'out'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /targets\.json is empty/);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'targets.json'), 'utf8')), []);
    assert.equal(promtool(['check', 'config', 'out/prometheus.yml'], dir).code, 0);
  });
});
