/** What `incident-docs diff` found, as its formats read it. */
import type { InventoryDiff } from '../../core/inventory/diff';
import type { BaseCommit, TouchedFile } from './git';

export const DIFF_FORMATS = ['markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface FileDiff {
  /** As lint shows it: relative to the working directory. */
  file: string;
  status: TouchedFile['status'];
  /** Whether each version is an inventory (a file may become one, or stop being one). */
  inventory: { before: boolean; after: boolean };
  /** Why the versions were not compared (too large, not a regular file); the diff is absent then. */
  notCompared?: string;
  diff?: InventoryDiff;
}

export interface DiffReport {
  base: { ref: string } & Omit<BaseCommit, 'root'>;
  files: FileDiff[];
  /** Files that could not be read: reported on stderr, and the exit code is 2. */
  failed: number;
}

