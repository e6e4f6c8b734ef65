/** Writes the generated inputs under bench/.inputs/ (gitignored); the same bytes on every run. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateCerts, type GeneratedCert } from './gen/certs';
import { folderFiles } from './gen/folder';
import { inventory } from './gen/inventory';
import { postmortem } from './gen/postmortem';
import { bigPostmortem } from '../test/helpers/bigPostmortem';

export const INPUTS = join(__dirname, '.inputs');
export const SCALES = [1, 2, 4, 8] as const;
/** Scaling bases: 8x is the large document (1 MB post-mortem, 5,000 entries). */
export const PM_BASE_BYTES = 125_000;
export const INV_BASE_ENTRIES = 625;

export interface Inputs {
  certs: GeneratedCert[];
  pmLarge: string;
  pmSmall: string;
  /** Just under maxFileSizeBytes: a 5 MB post-mortem with a ~117,000-row timeline table. */
  pmHuge: string;
  invLarge: string;
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
  const folder = join(INPUTS, 'folder');
  for (const [name, text] of folderFiles(certs)) write(join('folder', name), text);
  return {
    certs,
    pmLarge: write('postmortem-1mb.md', postmortem(1_000_000)),
    pmSmall: write('postmortem-20kb.md', postmortem(20_000, 2)),
    pmHuge: write('postmortem-5mb.md', bigPostmortem('table')),
    invLarge: write('cert-inventory-5000.yaml', inventory(5000, certs)),
    folder,
    pmScaled: SCALES.map((s) => write(`scaling/postmortem-x${s}.md`, postmortem(PM_BASE_BYTES * s))),
    invScaled: SCALES.map((s) => write(`scaling/cert-inventory-x${s}.yaml`, inventory(INV_BASE_ENTRIES * s, certs))),
  };
}
