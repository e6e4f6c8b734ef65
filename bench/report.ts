/** The results table: one row per figure, with its goal and whether it is met. */
export interface Row {
  id: string;
  what: string;
  /** Our figure, as printed. */
  figure: string;
  /** The peer or floor it is compared with, as printed. */
  against: string;
  goal: string;
  /** The compared number (a ratio, or the figure itself for absolute goals). */
  value: number;
  /** Formatted value, e.g. "1.23x" or "24 ms". */
  shown: string;
  /** Undefined for a floor or peer row, which has no goal of its own. */
  met?: boolean;
}

export function table(rows: Row[]): string {
  const header = ['', 'Measure', 'Ours', 'Against', 'Goal', 'Result', 'Met'];
  const cells = rows.map((r) => [r.id, r.what, r.figure, r.against, r.goal, r.shown, r.met === undefined ? '–' : r.met ? 'yes' : '**no**']);
  const line = (c: string[]) => `| ${c.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n');
}

export const ratio = (v: number) => `${v.toFixed(2)}x`;
