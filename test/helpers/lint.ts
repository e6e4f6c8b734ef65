import { resolveConfig, type Config } from '../../server/src/core/config';
import { lint, type LintOptions } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/text';
import type { Finding, TextEdit } from '../../server/src/core/types';

export const NOW = new Date('2026-11-27T12:00:00Z');

export function config(values: Record<string, unknown> = {}): Config {
  const { config, problems } = resolveConfig([{ source: 'test', values }]);
  if (problems.length) throw new Error(problems.join('\n'));
  return config;
}

/** Lints Markdown as a post-mortem (forced), optionally with settings. */
export function lintPostmortem(text: string, values: Record<string, unknown> = {}, options: LintOptions = {}): Finding[] {
  return lint({ path: 'postmortems/test.md', text }, config(values), { now: NOW, kind: 'postmortem', ...options });
}

export function byRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** The text a finding's range covers. */
export function covered(text: string, finding: { range: Finding['range'] }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(finding.range.start), lines.offsetAt(finding.range.end));
}

/** Applies edits the way an editor does: all ranges refer to the original text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
