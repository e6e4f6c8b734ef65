/**
 * Writes a fixed document back, atomically: the new bytes go to a temporary file in the same
 * folder, which then replaces the document by a rename, so a reader (or a crash) sees the old
 * file or the new one, never half of one. The file keeps its mode (and, run as root, its owner).
 * The document is written only if it still holds the bytes that were read and fixed, only where
 * the path policy lets the tool read (a link out of the repository is not followed), and only
 * when its encoding writes back exactly: no byte a fix did not touch may change.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errnoReason } from '../core/workspace/errors';
import { outsideRootReason, realLocation } from '../core/workspace/pathPolicy';
import { readBoundedFileSync } from '../core/workspace/readFile';
import { encodeText, encodingOf, roundTrips } from '../core/workspace/textEncoding';
import { CliError } from './errors';

export interface FixedDocument {
  file: string;
  /** How the user sees the path, for messages. */
  shown: string;
  /** The bytes the fixed text was read from. */
  bytes: Buffer;
  text: string;
  /** The folder the path policy keeps reads (and so writes) in. */
  root: string;
  allowOutside: boolean;
}

/** Writes `doc.text` over `doc.file`; throws a CliError saying why it did not. */
export function writeFixed(doc: FixedDocument): void {
  const encoding = encodingOf(doc.bytes);
  if (!roundTrips(doc.bytes, encoding)) throw new CliError(`${doc.shown}: not valid ${encoding.startsWith('utf16') ? 'UTF-16' : 'UTF-8'}; not rewritten`);
  const outside = outsideRootReason(doc.file, doc.root, doc.allowOutside, doc.shown);
  if (outside) throw new CliError(`${doc.shown}: not rewritten: ${outside}`);
  // A link is followed to the file it names (which the check above kept inside the root): the
  // link stays a link.
  const target = realLocation(doc.file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
    const now = readBoundedFileSync(target, { maxBytes: doc.bytes.length, what: 'document' }, doc.shown).bytes;
    if (!now.equals(doc.bytes)) throw new Error('changed');
  } catch {
    throw new CliError(`${doc.shown}: changed while it was being fixed; not rewritten`);
  }
  // Checked by the bits, not access(): run as root, access() allows everything, and a file
  // someone made read-only is not ours to replace.
  if ((stat.mode & 0o222) === 0) throw new CliError(`${doc.shown}: read-only; not rewritten`);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.incident-docs-fix`);
  try {
    // `wx`: never through a file or link someone placed at that name.
    const fd = fs.openSync(temporary, 'wx', stat.mode & 0o7777);
    try {
      fs.writeFileSync(fd, encodeText(doc.text, encoding));
      // The umask may have taken bits off the mode open() was given.
      fs.fchmodSync(fd, stat.mode & 0o7777);
      if (process.getuid?.() === 0) fs.fchownSync(fd, stat.uid, stat.gid);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    throw new CliError(`${doc.shown}: cannot write the fixed file (${errnoReason(e)})`);
  }
}
