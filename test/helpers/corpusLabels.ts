/**
 * The labelled precision check: every finding the linter gives on the shared corpus's real
 * post-mortems, read at its line and labelled (test/fixtures/corpus-labels.tsv).
 */
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../../server/src/core/config';
import { lint } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';

/**
 * true: right and worth keeping. template: right only under the default template (a team's own
 * template removes it). wrong: the document is fine there. noise: right, but a second finding
 * for a fact already reported. gone-wrong / gone-noise: once given, fixed; must not come back.
 */
export const LABELS = ['true', 'template', 'wrong', 'noise', 'gone-wrong', 'gone-noise'] as const;
export type Label = (typeof LABELS)[number];

export interface LabelRow {
  file: string;
  line: number;
  rule: string;
  /** What the finding is about: the required section's name, else the text it covers (40 characters). */
  what: string;
  label: Label;
  note: string;
}

export const NOW = new Date('2026-12-02T00:00:00Z');

export function readLabels(path: string): LabelRow[] {
  const rows: LabelRow[] = [];
  for (const [i, raw] of readFileSync(path, 'utf8').split('\n').entries()) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const [file, line, rule, what, label, note = ''] = raw.split('\t');
    if (!LABELS.includes(label as Label) || !Number.isInteger(Number(line))) throw new Error(`${path}:${i + 1}: bad row: ${raw}`);
    rows.push({ file, line: Number(line), rule, what, label: label as Label, note });
  }
  return rows;
}

export function keyOf(row: Pick<LabelRow, 'file' | 'line' | 'rule' | 'what'>): string {
  return `${row.file}:${row.line}:${row.rule}:${row.what}`;
}

/** The findings of one file as label keys, the way the CLI lints it (default config, --now). */
export function findingKeys(file: string, path: string): { key: string; finding: Finding }[] {
  const text = readFileSync(path, 'utf8');
  const lines = new LineIndex(text);
  const findings = lint({ path, text }, defaultConfig(), { now: NOW });
  return findings.map((finding) => {
    const covered = text.slice(lines.offsetAt(finding.range.start), lines.offsetAt(finding.range.end));
    const section = finding.data?.section;
    const what = typeof section === 'string' ? section : covered.replace(/\s+/g, ' ').trim().slice(0, 40);
    return { key: keyOf({ file, line: finding.range.start.line + 1, rule: finding.rule, what }), finding };
  });
}
