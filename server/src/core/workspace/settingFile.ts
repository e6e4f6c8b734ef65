/**
 * A file a setting names (`template`, `frontMatterSchema`): resolved against the document's
 * workspace (a config file's paths are already absolute), refused outside it unless the user
 * allows it, read bounded, and parsed once per version: linting on every keystroke only stats it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { quoteText } from '../quote';
import type { SourceDocument } from '../types';
import { WorkspaceError } from './errors';
import { outsideRootReason } from './pathPolicy';
import { dependedOn } from './fileDependencies';
import { readTextFileSync, type ReadLimit } from './readFile';

export type SettingFileResult<T> = { value: T; file: string } | { problem: string };

interface Cached<T> {
  key: string;
  value: T;
}

/** Parsed files by resolved path, each with the version (mtime, size, inode) it was read at. */
export class SettingFileCache<T> {
  private readonly files = new Map<string, Cached<T>>();

  constructor(private readonly maxFiles = 16) {}

  get(file: string, key: string): T | undefined {
    const cached = this.files.get(file);
    return cached?.key === key ? cached.value : undefined;
  }

  set(file: string, key: string, value: T): void {
    this.files.delete(file);
    this.files.set(file, { key, value });
    if (this.files.size > this.maxFiles) this.files.delete(this.files.keys().next().value as string);
  }
}

/**
 * The file `setting` names, parsed by `parse` (which may throw a WorkspaceError with its reason);
 * never throws: a problem in words instead, the setting quoted as written.
 */
export function readSettingFile<T>(
  setting: string,
  document: Pick<SourceDocument, 'path' | 'root'>,
  options: { allowOutside: boolean; limit: ReadLimit; cache: SettingFileCache<T>; parse: (text: string, shown: string, file: string) => T },
): SettingFileResult<T> {
  const shown = `"${quoteText(setting)}"`;
  const base = document.root ?? (document.path ? path.dirname(document.path) : undefined);
  if (!path.isAbsolute(setting) && base === undefined) {
    return { problem: `${shown} is relative, and this document has no folder to resolve it against` };
  }
  const file = path.resolve(base ?? '/', setting);
  if (!options.allowOutside) {
    if (document.root === undefined && base === undefined) return { problem: `${shown} is not read: this document has no workspace folder` };
    const outside = outsideRootReason(file, base, false, quoteText(setting));
    if (outside) return { problem: outside };
  }
  dependedOn(file);
  try {
    const stat = fs.statSync(file);
    const key = `${stat.mtimeMs}\0${stat.size}\0${stat.ino}`;
    const cached = options.cache.get(file, key);
    if (cached !== undefined) return { value: cached, file };
    const value = options.parse(readTextFileSync(file, options.limit, shown), shown, file);
    options.cache.set(file, key, value);
    return { value, file };
  } catch (e) {
    if (e instanceof WorkspaceError) return { problem: e.message };
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: `${shown}: no such file` };
    return { problem: `${shown}: cannot read (${code ?? 'error'})` };
  }
}
