import { entryClientIdentity } from '../core/inventory/clientIdentity';
import { liveTargets } from '../core/inventory/liveTargets';
import type { CertModel } from '../core/inventory/model';
import type { Analysis } from '../core/lint';
import { probeMany } from '../core/live';
import { loadExtraCas } from '../core/live/extraCas';
import { liveKey, type LiveObservations } from '../core/live/observations';
import type { ClientIdentity, ProbeOptions } from '../core/live/types';

export interface LiveProbeOptions {
  concurrency: number;
  timeoutMs: number;
  now: Date;
  /** Called with a line to show progress on (a TTY's stderr); absent when not interactive. */
  progress?: (done: number, total: number) => void;
  /** From --cert/--key: for hosts whose entry names no client certificate of its own. */
  clientIdentity?: ClientIdentity;
  warn: (message: string) => void;
}

/**
 * `lint --live`: every host of every inventory entry in the analysed files, probed once each with
 * bounded concurrency. Extra CAs come from each file's config (`extraCaFiles`); the client
 * certificate from the entry (`clientCert`/`clientKey`), else --cert/--key. The hosts of an entry
 * whose client certificate is unusable are not probed (cert/pem-invalid says why).
 */
export async function probeInventories(analyses: Analysis[], options: LiveProbeOptions): Promise<LiveObservations> {
  const targets = new Map<string, ProbeOptions>();
  // Many files share one config: say each CA-file problem once.
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (!warned.has(message)) options.warn(message);
    warned.add(message);
  };
  for (const analysis of analyses) {
    for (const { model } of analysis.parsed) {
      if (model.kind !== 'inventory') continue;
      const extraCaPems = loadExtraCas(analysis.config, analysis.document.root, warnOnce);
      for (const { entry, host } of liveTargets(model as CertModel)) {
        const key = liveKey(host.parsed.host, host.parsed.port, host.parsed.starttls);
        const own = entryClientIdentity(entry, model as CertModel);
        if (targets.has(key) || (own && 'error' in own)) continue;
        const client = own?.identity ?? options.clientIdentity;
        targets.set(key, {
          host: host.parsed.host,
          port: host.parsed.port,
          starttls: host.parsed.starttls ?? undefined,
          timeoutMs: options.timeoutMs,
          now: options.now,
          extraCaPems,
          clientCertPem: client?.certPem,
          clientKeyPem: client?.keyPem,
        });
      }
    }
  }
  const keys = [...targets.keys()];
  const outcomes = await probeMany([...targets.values()], {
    concurrency: options.concurrency,
    onProgress: options.progress ? ({ done, total }) => options.progress!(done, total) : undefined,
  });
  const observations: LiveObservations = new Map();
  keys.forEach((key, i) => observations.set(key, { outcome: outcomes[i] }));
  return observations;
}
