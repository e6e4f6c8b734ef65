/**
 * What the client was last sent of each inventory's rows, kept as one digest per row, so that a
 * read after an edit answers the rows that changed instead of all of them: a keystroke in a
 * 5,000-entry inventory changed one row of a 2 MB answer, which the server wrote, the editor's
 * extension host parsed and every view redrew, once per pause in typing.
 */
import { createHash } from 'node:crypto';
import type { InventoryCertificate, InventoryRowChanges } from '../../../../contract/src/requests';

interface Sent {
  id: string;
  digests: string[];
}

export type RowsAnswer = { kind: 'full'; id: string; rows: InventoryCertificate[] } | { kind: 'changes'; id: string; changes: InventoryRowChanges };

export class SentRows {
  private readonly byUri = new Map<string, Sent>();
  private serial = 0;

  /**
   * The answer for `rows` of `uri` (each with its digest: equal digests, equal rows): changes when the
   * client holds what was sent last under `held`, else the rows in full. Either way these rows are
   * what was sent last, under a new id.
   */
  answer(uri: string, { rows, digests }: { rows: InventoryCertificate[]; digests: string[] }, held: string | undefined): RowsAnswer {
    const last = this.byUri.get(uri);
    const id = `${++this.serial}`;
    this.byUri.set(uri, { id, digests });
    if (held === undefined || last?.id !== held) return { kind: 'full', id, rows };
    const changed = rows.flatMap((row, at) => (last.digests[at] === digests[at] ? [] : [{ at, row }]));
    return { kind: 'changes', id, changes: { uri, count: rows.length, rows: changed } };
  }

  /** The file is no inventory now (or could not be read): what was sent of it is no base for changes. */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** A row's digest: equal digests, equal rows. */
export function digestOf(row: object): string {
  return createHash('sha1').update(JSON.stringify(row)).digest('base64');
}
