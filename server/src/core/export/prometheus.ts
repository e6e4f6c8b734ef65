/**
 * The inventory as Prometheus monitoring: blackbox_exporter probes each entry's hosts, and the
 * alert rules read `probe_ssl_earliest_cert_expiry`. Pure functions from entries to file contents.
 *
 * Design: everything an alert must say about an entry (owner, SOP, escalation, warn window) rides
 * on the target as labels, so every probe series carries it and the annotations template it with
 * `{{ $labels.… }}`. One alert text then serves every entry and cannot mix up two entries'
 * runbooks; the warn windows become one rule per distinct `warn_days` label value.
 */
import { Document } from 'yaml';
import type { MonitoredEntry, MonitoredTarget } from './entries';
import { DEFAULT_BLACKBOX_ADDRESS, DEFAULT_JOB, DEFAULT_MODULE, HTTPS_MODULE } from './prometheusDefaults';

export interface PrometheusExportOptions {
  /** Scrape job name, and the `job` matcher of every rule. */
  job: string;
  /** Name of the TLS module in blackbox.yml, and the module the scrape asks for. */
  module: string;
  /** Where blackbox_exporter listens, for prometheus.yml. */
  blackboxAddress: string;
  /** Shown in the generated files' header. */
  sources: string[];
}

export { DEFAULT_BLACKBOX_ADDRESS, DEFAULT_JOB, DEFAULT_MODULE, HTTPS_MODULE };
const PROBE_FAILING_FOR = '10m';

const FILES = { targets: 'targets.json', rules: 'rules.yaml', blackbox: 'blackbox.yml', prometheus: 'prometheus.yml' } as const;

/** Target labels, in this order; each set only when the inventory gives it. */
const TARGET_LABELS = ['cert', 'owner', 'environment', 'namespace', 'sop', 'escalation', 'warn_days', 'lifetime_days', 'renew_due_days'] as const;

export interface TargetGroup {
  targets: string[];
  /** `__param_module` picks the blackbox module of a STARTTLS group (Prometheus sets the URL parameter from it). */
  labels: Partial<Record<(typeof TARGET_LABELS)[number] | '__param_module', string>>;
}

/**
 * How blackbox_exporter reaches each scheme: implicit TLS through the TLS module (`null` here:
 * whatever --module names), line-based STARTTLS dialogues through the tcp prober's
 * query_response, and `false` where it cannot speak the dialogue at all.
 */
const SCHEME_MODULES: Record<string, string | null | false> = {
  https: null,
  smtps: null,
  imaps: null,
  pop3s: null,
  ldaps: null,
  smtp: 'smtp_starttls',
  imap: 'imap_starttls',
  pop3: 'pop3_starttls',
  ftp: 'ftp_auth_tls',
  ldap: false,
  postgres: false,
  mysql: false,
  xmpp: false,
};

/** Why blackbox_exporter cannot probe a scheme: its tcp prober only sends and expects lines of text. */
const CANNOT_PROBE: Record<string, string> = {
  ldap: 'LDAP StartTLS, a binary extended operation',
  postgres: "PostgreSQL's binary SSLRequest",
  mysql: "MySQL's binary SSL request",
  xmpp: 'XMPP STARTTLS, an XML stream without lines to expect',
};

/** The query_response dialogues (blackbox_exporter appends "\n" to each send). */
const STARTTLS_MODULES: Record<string, { expect?: string; send?: string; starttls?: boolean }[]> = {
  smtp_starttls: [{ expect: '^220 ' }, { send: 'EHLO prober.invalid\r' }, { expect: '^250 ' }, { send: 'STARTTLS\r' }, { expect: '^220 ' }, { starttls: true }],
  imap_starttls: [{ expect: '^\\* OK' }, { send: 'a1 STARTTLS\r' }, { expect: '^a1 OK' }, { starttls: true }],
  pop3_starttls: [{ expect: '^\\+OK' }, { send: 'STLS\r' }, { expect: '^\\+OK' }, { starttls: true }],
  ftp_auth_tls: [{ expect: '^220 ' }, { send: 'AUTH TLS\r' }, { expect: '^234' }, { starttls: true }],
};

/** The module a target is probed with: undefined for the TLS module, false when there is none. */
function moduleOf(target: MonitoredTarget): string | undefined | false {
  const module = SCHEME_MODULES[target.scheme];
  return module === null || module === undefined ? undefined : module;
}

/** The STARTTLS modules the entries' targets need, in a stable order. */
function startTlsModulesUsed(entries: MonitoredEntry[]): string[] {
  const used = new Set(entries.flatMap((e) => e.targets.map(moduleOf)));
  return Object.keys(STARTTLS_MODULES).filter((name) => used.has(name));
}

/**
 * Targets blackbox_exporter cannot probe, one line per scheme, for stderr: they are left out of
 * targets.json and stay to `lint --live`.
 */
export function unprobeableSchemes(entries: MonitoredEntry[]): string[] {
  const byScheme = new Map<string, string[]>();
  for (const e of entries) {
    for (const t of e.targets) {
      if (moduleOf(t) !== false) continue;
      byScheme.set(t.scheme, [...(byScheme.get(t.scheme) ?? []), t.address]);
    }
  }
  return [...byScheme].map(([scheme, addresses]) => {
    const shown = addresses.slice(0, 3).map(labelValue).join(', ') + (addresses.length > 3 ? `, and ${addresses.length - 3} more` : '');
    return `blackbox_exporter cannot probe ${scheme}:// (${CANNOT_PROBE[scheme] ?? 'no module for it'}): ${addresses.length} target${addresses.length === 1 ? '' : 's'} left out of targets.json (${shown}); \`incident-docs lint --live\` checks them`;
  });
}

/** file_sd: one target group per entry, and one more per STARTTLS module its hosts need. */
function targetGroups(entries: MonitoredEntry[]): TargetGroup[] {
  return entries.flatMap((e) => {
    const values: Record<(typeof TARGET_LABELS)[number], string | undefined> = {
      cert: e.name,
      owner: e.owner,
      environment: e.environment,
      namespace: e.namespace,
      sop: e.sop,
      escalation: e.escalation,
      warn_days: String(e.warnDays),
      lifetime_days: e.lifetimeDays === undefined ? undefined : String(e.lifetimeDays),
      renew_due_days: e.renewDueDays === undefined ? undefined : String(e.renewDueDays),
    };
    const labels: TargetGroup['labels'] = {};
    for (const name of TARGET_LABELS) {
      const value = values[name] === undefined ? '' : labelValue(values[name]);
      if (value) labels[name] = value;
    }
    const groups: TargetGroup[] = [];
    const implicit = e.targets.filter((t) => moduleOf(t) === undefined).map((t) => t.address);
    if (implicit.length > 0) groups.push({ targets: implicit, labels });
    for (const module of Object.keys(STARTTLS_MODULES)) {
      const targets = e.targets.filter((t) => moduleOf(t) === module).map((t) => t.address);
      if (targets.length > 0) groups.push({ targets, labels: { ...labels, __param_module: module } });
    }
    return groups;
  });
}

function targetsJson(entries: MonitoredEntry[]): string {
  return `${JSON.stringify(targetGroups(entries), null, 2)}\n`;
}

/**
 * Label values may hold any UTF-8, but a value is one line in alerts and Alertmanager: control
 * characters become spaces, and a lone UTF-16 surrogate (not encodable as UTF-8) becomes U+FFFD.
 */
export function labelValue(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\p{Cc}+/gu, ' ')
    .trim();
}

/** A PromQL string literal (Go escaping; JSON's is a subset of it). */
function promqlString(text: string): string {
  return JSON.stringify(text);
}

const DAY_SECONDS = 86_400;

/** Who owns it, how to renew it and whom to call, with a visible gap where the inventory has none. */
const WHERE_TO_GO =
  'Owner: {{ with $labels.owner }}{{ . }}{{ else }}(no owner in the inventory){{ end }}. ' +
  'Renewal SOP: {{ with $labels.sop }}{{ . }}{{ else }}(no renewal.sop in the inventory){{ end }}. ' +
  'Escalation: {{ with $labels.escalation }}{{ . }}{{ else }}(no renewal.escalation in the inventory){{ end }}.';

const ROUTING_ANNOTATIONS = {
  owner: '{{ $labels.owner }}',
  runbook_url: '{{ $labels.sop }}',
  escalation: '{{ $labels.escalation }}',
};

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function alertRules(entries: MonitoredEntry[], options: Pick<PrometheusExportOptions, 'job'>): AlertRule[] {
  const job = `job=${promqlString(options.job)}`;
  const windows = [...new Set(entries.map((e) => e.warnDays))].sort((a, b) => a - b);
  const expiring = windows.map<AlertRule>((days) => ({
    alert: 'CertificateExpiringSoon',
    // Left to right: seconds left, kept when under the window, then when still positive (expired has its own alert).
    expr: `probe_ssl_earliest_cert_expiry{${job},warn_days="${days}"} - time() < ${days} * ${DAY_SECONDS} > 0`,
    for: '15m',
    // Same value as the series' label; without it promtool flags the rules as duplicates.
    labels: { severity: 'warning', warn_days: String(days) },
    annotations: {
      summary: 'Certificate {{ $labels.cert }} on {{ $labels.instance }} expires in {{ $value | humanizeDuration }}',
      description: `It is inside its ${days}-day warn window. ${WHERE_TO_GO}`,
      ...ROUTING_ANNOTATIONS,
    },
  }));
  const dueWindows = [...new Set(entries.flatMap((e) => (e.renewDueDays === undefined ? [] : [e.renewDueDays])))].sort((a, b) => a - b);
  const overdue = dueWindows.map<AlertRule>((days) => ({
    alert: 'CertificateRenewalOverdue',
    // Past the renewal point (renewAtShare of the lifetime) and not replaced: automation is broken.
    expr: `probe_ssl_earliest_cert_expiry{${job},renew_due_days="${days}"} - time() < ${days} * ${DAY_SECONDS} > 0`,
    for: '1h',
    labels: { severity: 'warning', renew_due_days: String(days) },
    annotations: {
      summary: 'Certificate {{ $labels.cert }} on {{ $labels.instance }} was not renewed on time: {{ $value | humanizeDuration }} left of its {{ $labels.lifetime_days }}-day lifetime',
      description: `Automated renewal is due with ${days} days left; the certificate served has not been replaced, so renewal is failing. ${WHERE_TO_GO}`,
      ...ROUTING_ANNOTATIONS,
    },
  }));
  return [
    ...expiring,
    ...overdue,
    {
      alert: 'CertificateExpired',
      expr: `time() - probe_ssl_earliest_cert_expiry{${job}} >= 0`,
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Certificate {{ $labels.cert }} on {{ $labels.instance }} expired {{ $value | humanizeDuration }} ago',
        description: `Clients that verify certificates are failing now. ${WHERE_TO_GO}`,
        ...ROUTING_ANNOTATIONS,
      },
    },
    {
      alert: 'CertificateProbeFailing',
      expr: `probe_success{${job}} == 0`,
      for: PROBE_FAILING_FOR,
      labels: { severity: 'warning' },
      annotations: {
        summary: `No TLS handshake with {{ $labels.instance }} (certificate {{ $labels.cert }}) for ${PROBE_FAILING_FOR}`,
        description: `Its expiry cannot be watched while the probe fails. ${WHERE_TO_GO}`,
        ...ROUTING_ANNOTATIONS,
      },
    },
  ];
}

function rulesYaml(entries: MonitoredEntry[], options: PrometheusExportOptions): string {
  return yamlFile(
    { groups: [{ name: options.job, rules: alertRules(entries, options) }] },
    options,
    'Alerting rules on blackbox_exporter probes of the inventory (check: promtool check rules).',
  );
}

/**
 * The TLS module connects and completes a handshake without verifying the chain, so expired and
 * untrusted certificates are still measured (verification is what the alerts are for). The
 * https module is there for targets written as https:// URLs, if a team prefers HTTP checks.
 */
function blackboxYaml(entries: MonitoredEntry[], options: PrometheusExportOptions): string {
  // A fresh object each time: one shared object would be written as a YAML anchor and alias.
  const tlsConfig = () => ({ insecure_skip_verify: true });
  const startTlsModules = Object.fromEntries(
    startTlsModulesUsed(entries).map((name) => [
      name,
      { prober: 'tcp', timeout: '10s', tcp: { query_response: STARTTLS_MODULES[name].map((step) => ({ ...step })), tls_config: tlsConfig() } },
    ]),
  );
  return yamlFile(
    {
      modules: {
        [options.module]: { prober: 'tcp', timeout: '10s', tcp: { tls: true, tls_config: tlsConfig() } },
        [HTTPS_MODULE]: {
          prober: 'http',
          timeout: '10s',
          http: { method: 'GET', fail_if_not_ssl: true, preferred_ip_protocol: 'ip4', tls_config: tlsConfig() },
        },
        ...startTlsModules,
      },
    },
    options,
    'blackbox_exporter modules (run: prometheus-blackbox-exporter --config.file blackbox.yml).',
  );
}

/** A scrape config to paste (or run as is): file_sd targets, each probed through blackbox_exporter. */
function prometheusYaml(options: PrometheusExportOptions): string {
  return yamlFile(
    {
      rule_files: [FILES.rules],
      scrape_configs: [
        {
          job_name: options.job,
          metrics_path: '/probe',
          params: { module: [options.module] },
          file_sd_configs: [{ files: [FILES.targets] }],
          relabel_configs: [
            { source_labels: ['__address__'], target_label: '__param_target' },
            { source_labels: ['__param_target'], target_label: 'instance' },
            { target_label: '__address__', replacement: options.blackboxAddress },
          ],
        },
      ],
    },
    options,
    'Prometheus scrape config for the targets (check: promtool check config prometheus.yml).',
  );
}

export interface PrometheusExport {
  [FILES.targets]: string;
  [FILES.rules]: string;
  [FILES.blackbox]: string;
  [FILES.prometheus]: string;
}

export function prometheusExport(entries: MonitoredEntry[], options: PrometheusExportOptions): PrometheusExport {
  return {
    [FILES.targets]: targetsJson(entries),
    [FILES.rules]: rulesYaml(entries, options),
    [FILES.blackbox]: blackboxYaml(entries, options),
    [FILES.prometheus]: prometheusYaml(options),
  };
}

function yamlFile(value: unknown, options: PrometheusExportOptions, what: string): string {
  const doc = new Document(value);
  const from = options.sources.length > 0 ? ` from ${options.sources.map(labelValue).join(', ')}` : '';
  doc.commentBefore = ` ${what}\n Generated by incident-docs export prometheus${from}; regenerate rather than edit.`;
  return doc.toString({ lineWidth: 0 });
}
