/**
 * P6's floor: what a lint of a post-mortem cannot do without, load the Markdown parser the design
 * prescribes (remark with GFM and front matter, as the core uses it) and parse the file. startup.ts
 * bundles it as the product is and runs it in a whole process (remarkFloorMain.ts) with the V8
 * code cache its first run saved, as the installed CLI runs.
 */
import { readFileSync } from 'node:fs';
import { withGfm } from '../lib/markdownFloors';

/** Parses the file; false when the parse found nothing (the floor must do the work). */
export function parseFile(file: string): boolean {
  return withGfm.parse(readFileSync(file, 'utf8')).children.length > 0;
}
