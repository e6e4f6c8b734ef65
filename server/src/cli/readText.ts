import { readFile } from 'node:fs/promises';

/**
 * A file's text as the core expects it: UTF-8 without the byte-order mark (editors hide it, so
 * columns on the first line must not count it). Line breaks are left alone; the core reads LF and CRLF.
 */
export async function readDocumentText(file: string): Promise<string> {
  const text = (await readFile(file)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
