/**
 * What monitoring needs of an inventory: per entry, where to probe and whom the page goes to.
 * Read from the same model the cert/* rules use, so `defaults` inheritance is the linter's.
 */
import { isMap } from 'yaml';
import type { Config } from '../config';
import { entryLabel, type CertModel, type InventoryEntry } from '../inventory/model';
import { certFacts, effectiveWarnWindow, isAutomated, renewalMethod } from '../inventory/facts';
import { hostRefs, textOf } from '../inventory/refs';
import { DAY_MS } from '../units';
import { deref, stringOf } from '../inventory/yaml';

export interface MonitoredTarget {
  /** `host:port` (IPv6 in brackets), as blackbox_exporter's target parameter takes them. */
  address: string;
  /** How TLS is reached there: `https` (implicit TLS, also a host without a scheme), `smtp`, `ldaps`, …. */
  scheme: string;
}

export interface MonitoredEntry {
  /** The entry's name: the `cert` label. */
  name: string;
  targets: MonitoredTarget[];
  /** The warn window the linter uses: `warnDays`, else `warnShare` of a known lifetime, else the setting. */
  warnDays: number;
  /** Automated renewal with a known lifetime: its length in whole days. */
  lifetimeDays?: number;
  /** …and the days left at its renewal point, `(1 - renewAtShare)` of the lifetime: fewer means renewal is overdue. */
  renewDueDays?: number;
  owner?: string;
  environment?: string;
  namespace?: string;
  /** renewal.sop: where to go to renew it. */
  sop?: string;
  /** renewal.escalation: who helps when renewal fails. */
  escalation?: string;
}

export interface InventorySource {
  /** How the file is named in messages. */
  file: string;
  model: CertModel;
  config: Config;
}

export interface MonitoredEntries {
  entries: MonitoredEntry[];
  /** Entries or hosts left out (and why), names used twice: the export still goes ahead. */
  warnings: string[];
}

export function monitoredEntries(sources: InventorySource[]): MonitoredEntries {
  const entries: MonitoredEntry[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  for (const { file, model, config } of sources) {
    for (const entry of model.inventory?.entries ?? []) {
      const where = `${file}: entry ${entryLabel(entry)}`;
      if (!entry.name?.trim()) {
        warnings.push(`${where} has no name, which the alerts need as the cert label; skipped`);
        continue;
      }
      const targets = probeTargets(entry, where, warnings);
      if (targets.length === 0) {
        warnings.push(`${where} has no host that can be probed; skipped`);
        continue;
      }
      const here = `entry #${entry.index + 1} of ${file}`;
      const earlier = seen.get(entry.name);
      if (earlier) warnings.push(`${where}: ${earlier} has the same name; their alerts share the cert label`);
      else seen.set(entry.name, here);
      const renewal = entry.field('renewal')?.node;
      // The typed and PEM facts the rules read (a live check is not the repository's).
      const facts = certFacts(entry, model, { live: undefined });
      const lifetimeMs = isAutomated(renewalMethod(entry, model)) ? facts?.lifetimeMs : undefined;
      const lifetime = lifetimeMs !== undefined && lifetimeMs > 0 ? lifetimeMs / DAY_MS : undefined;
      entries.push({
        name: entry.name,
        targets,
        warnDays: effectiveWarnWindow(entry, config, facts).days,
        lifetimeDays: lifetime === undefined ? undefined : Math.round(lifetime),
        renewDueDays: lifetime === undefined ? undefined : Math.floor((1 - config.renewAtShare) * lifetime),
        owner: textOf(entry.field('owner')),
        environment: textOf(entry.field('environment')),
        namespace: textOf(entry.field('namespace')),
        sop: isMap(renewal) ? stringOf(deref(model.inventory!.doc, renewal.get('sop', true))) : undefined,
        escalation: isMap(renewal) ? stringOf(deref(model.inventory!.doc, renewal.get('escalation', true))) : undefined,
      });
    }
  }
  return { entries, warnings };
}

/** Valid hosts as `host:port` and scheme; a wildcard names no server to connect to, and malformed hosts are the linter's business. */
function probeTargets(entry: InventoryEntry, where: string, warnings: string[]): MonitoredTarget[] {
  const targets: MonitoredTarget[] = [];
  for (const ref of hostRefs(entry)) {
    if ('error' in ref.parsed) warnings.push(`${where}: host "${ref.text}" skipped (${ref.parsed.error})`);
    else if (ref.parsed.host.includes('*')) warnings.push(`${where}: wildcard host "${ref.text}" cannot be probed; list the names it serves`);
    else {
      const { key: address, scheme } = ref.parsed;
      if (!targets.some((t) => t.address === address && t.scheme === scheme)) targets.push({ address, scheme });
    }
  }
  return targets;
}
