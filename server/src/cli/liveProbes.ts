import { readFileSync } from 'node:fs';
import type { Config } from '../core/config';
import { outsideRootReason } from '../core/workspacePaths';
import { liveTargets } from '../core/inventory/liveTargets';
import type { CertModel } from '../core/inventory/model';
import type { Analysis } from '../core/lint';
import { probeMany } from '../core/live';
import { liveKey, type LiveObservations } from '../core/live/observations';
import type { ProbeOptions } from '../core/live/types';

export interface LiveProbeOptions {
  concurrency: number;
  timeoutMs: number;
  now: Date;
  /** Called with a line to show progress on (a TTY's stderr); absent when not interactive. */
  progress?: (done: number, total: number) => void;
  warn: (message: string) => void;
}

/**
 * `lint --live`: every host of every inventory entry in the analysed files, probed once each with
 * bounded concurrency. Extra CAs come from each file's config (`extraCaFiles`).
 */
export async function probeInventories(analyses: Analysis[], options: LiveProbeOptions): Promise<LiveObservations> {
  const targets = new Map<string, ProbeOptions>();
  for (const analysis of analyses) {
    const extraCaPems = readCas(analysis.config, analysis.document.root, options.warn);
    for (const { model } of analysis.parsed) {
      if (model.kind !== 'inventory') continue;
      for (const { host } of liveTargets(model as CertModel)) {
        const key = liveKey(host.parsed.host, host.parsed.port);
        if (!targets.has(key)) {
          targets.set(key, { host: host.parsed.host, port: host.parsed.port, timeoutMs: options.timeoutMs, now: options.now, extraCaPems });
        }
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

const caCache = new Map<string, string | null>();

/** Like pemFile, a CA file must stay inside the root (the config file's folder) unless allowed. */
function readCas(config: Config, root: string | undefined, warn: (m: string) => void): string[] {
  const out: string[] = [];
  for (const file of config.extraCaFiles) {
    const outside = outsideRootReason(file, root, config.allowPathsOutsideWorkspace);
    if (outside) {
      warn(`extraCaFiles: ${outside}`);
      continue;
    }
    if (!caCache.has(file)) {
      try {
        caCache.set(file, readFileSync(file, 'utf8'));
      } catch (e) {
        warn(`extraCaFiles: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        caCache.set(file, null);
      }
    }
    const pem = caCache.get(file);
    if (pem) out.push(pem);
  }
  return out;
}
