/** Writes the generated inputs under bench/.inputs/ (gitignored); the same bytes on every run (the stale inventory: every run of a day). */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateCerts, type GeneratedCert } from './gen/certs';
import { folderFiles } from './gen/folder';
import { inventory } from './gen/inventory';
import { postmortem, tablePostmortem } from './gen/postmortem';
import { defaultConfig } from '../server/src/core/config';
import { bigPostmortem } from '../test/helpers/bigPostmortem';
import type { EditPlace } from './measure/big';

export const INPUTS = join(__dirname, '.inputs');
export const SCALES = [1, 2, 4, 8] as const;
/** Scaling bases: 8x is the large document (1 MB post-mortem, 5,000 entries). */
export const PM_BASE_BYTES = 125_000;
export const INV_BASE_ENTRIES = 625;
/**
 * The fixed large inputs (the 1 MB post-mortem, the 5,000-entry inventory) are over the default
 * maxFileSizeBytes: an `.incident-docs.yaml` over them, and the in-process figures, raise it.
 */
export const LARGE_INPUT_LIMIT = 4 * 1024 * 1024;

export interface Inputs {
  certs: GeneratedCert[];
  pmLarge: string;
  pmSmall: string;
  /** P1b tables: 0.87 MB, a pipe-table timeline of about 7,300 rows. */
  pmTable: string;
  /** P6: documents of every shape just under maxFileSizeBytes (or BENCH_P6_BYTES). */
  atLimit: AtLimit;
  invLarge: string;
  /** 5,000 entries around today, 96% expired, 200 personal owners: the editor benchmark's (changes with the date). */
  invStale: string;
  folder: string;
  pmScaled: string[];
  invScaled: string[];
}

export function writeInputs(): Inputs {
  rmSync(INPUTS, { recursive: true, force: true });
  mkdirSync(INPUTS, { recursive: true });
  const certs = generateCerts(Array.from({ length: 60 }, (_, i) => `pem-${i}.example.com`));
  const write = (name: string, text: string) => {
    const file = join(INPUTS, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  write('.incident-docs.yaml', `maxFileSizeBytes: ${LARGE_INPUT_LIMIT}\n`);
  // Outside the repository: bench/.inputs/ is in .gitignore, which a folder walk honours (inside
  // it the lint checked no file at all).
  const folder = join(tmpdir(), 'incident-docs-bench-folder');
  rmSync(folder, { recursive: true, force: true });
  for (const [name, text] of folderFiles(certs)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return {
    certs,
    pmLarge: write('postmortem-1mb.md', postmortem(1_000_000)),
    pmSmall: write('postmortem-20kb.md', postmortem(20_000, 2)),
    pmTable: write('postmortem-table-870kb.md', tablePostmortem(870_000)),
    atLimit: writeAtLimit(write),
    invLarge: write('cert-inventory-5000.yaml', inventory(5000, certs)),
    invStale: write('cert-inventory-5000-stale.yaml', inventory(5000, certs, 3, { now: new Date(), expiredShare: 0.96, personalEvery: 25 })),
    folder,
    pmScaled: SCALES.map((s) => write(`scaling/postmortem-x${s}.md`, postmortem(PM_BASE_BYTES * s))),
    invScaled: SCALES.map((s) => write(`scaling/cert-inventory-x${s}.yaml`, inventory(INV_BASE_ENTRIES * s, certs))),
  };
}

export interface AtLimit {
  bytes: number;
  files: { shape: string; file: string; languageId: string; place: EditPlace }[];
}

/** P6's documents alone (bench/steps.ts), beside the other inputs under bench/.inputs/. */
export function writeAtLimitInputs(): AtLimit {
  return writeAtLimit((name, text) => {
    const file = join(INPUTS, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  });
}

/**
 * Documents of `BENCH_P6_BYTES` (default: just under the default maxFileSizeBytes), one per shape
 * a large document takes, under an `.incident-docs.yaml` that sets the limit back to the default
 * (or just over a larger size), so the CLI and the server lint them as they ship.
 */
function writeAtLimit(write: (name: string, text: string) => string): AtLimit {
  const limit = defaultConfig().maxFileSizeBytes;
  const bytes = Number(process.env.BENCH_P6_BYTES ?? limit - 4096);
  // At the default limit unless told otherwise: not the raised one of the inputs' folder.
  write('p6/.incident-docs.yaml', `maxFileSizeBytes: ${Math.max(limit, bytes + 4096)}\n`);
  const under = (make: (target: number) => string) => {
    for (let target = bytes; ; target = Math.floor(target * 0.99)) {
      const text = make(target);
      if (Buffer.byteLength(text) <= bytes) return text;
    }
  };
  const tableRow: EditPlace = { line: (l) => l.startsWith('| 2026-'), column: (l) => l.lastIndexOf(' |') };
  return {
    bytes,
    files: [
      { shape: 'post-mortem, pipe-table timeline', file: write('p6/postmortems/timeline-table.md', bigPostmortem('table', bytes)), languageId: 'markdown', place: tableRow },
      { shape: 'post-mortem, list timeline', file: write('p6/postmortems/timeline-list.md', bigPostmortem('list', bytes)), languageId: 'markdown', place: { line: (l) => l.startsWith('- 2026-'), column: (l) => l.length } },
      {
        shape: 'post-mortem, HTML and pipe tables, prose',
        file: write('p6/postmortems/mixed.md', under((target) => postmortem(target))),
        languageId: 'markdown',
        place: { line: (l) => l.startsWith('| ') && l.endsWith(' |') && !l.startsWith('| ---'), column: (l) => l.lastIndexOf(' |') },
      },
      {
        shape: 'certificate inventory',
        file: write('p6/cert-inventory.yaml', under((target) => inventory(Math.floor(target / 252), []))),
        languageId: 'yaml',
        place: { line: (l) => l.startsWith('    namespace: '), column: (l) => l.length },
      },
    ],
  };
}
