/**
 * The diff as Markdown for a pull request: a comment, or the action's job summary. Everything
 * taken from the repository (file names, entry names, addresses, hosts, values, the messages
 * that quote them) is shown in inline code, where GitHub's Markdown makes nothing of it: no
 * markup, HTML, link, image, autolink, @mention or #reference. The text around it is this
 * file's own, and holds none of those either. Bounded to what one comment may hold.
 */
import { escapeControls } from '../../core/quote';
import type { DiffAddress, DiffFinding, FieldChange, FindingChanges } from '../../core/inventory/diff';
import type { EntryDiff, InventoryDiff } from '../../core/inventory/diff';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/units';
import type { DiffReport, FileDiff } from './types';

/** GitHub takes at most 65,536 characters in a comment; the rest of the budget is the note that the list was cut. */
const MAX_CHARS = 60_000;
/** Findings listed per entry before "and N more". */
const MAX_FINDINGS_LISTED = 10;
/** A message is cut to this many characters. */
const MAX_MESSAGE = 300;

/**
 * Text as an inline code span. A span ends at the first run of backticks as long as the one that
 * opened it, so the fence is one longer than any run inside; a space pads text that starts or
 * ends with a backtick. Line breaks and other controls are escapes (a span is one line).
 */
export function code(text: string): string {
  const shown = escapeControls(text);
  if (shown === '') return '(empty)';
  let longest = 0;
  for (const run of shown.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end of a span that has both and is not all spaces.
  const stripped = shown.startsWith(' ') && shown.endsWith(' ') && shown.trim() !== '';
  const pad = shown.startsWith('`') || shown.endsWith('`') || stripped ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

export function diffMarkdown(report: DiffReport): string {
  const out = new Budget();
  out.add('## Certificate inventory changes', '');
  const base = `${code(report.base.ref)} (merge base ${code(report.base.mergeBase.slice(0, 12))})`;
  if (report.files.length === 0) {
    out.add(`No inventory changed since ${base}.`);
    return out.text();
  }
  out.add(`Compared with ${base}: ${summary(report.files)}.`);
  for (const file of report.files) {
    if (!out.add('', `### ${code(file.file)} (${fileStatus(file)})`, '')) break;
    if (file.notCompared) {
      out.add(`Not compared: ${file.notCompared}.`);
      continue;
    }
    const diff = file.diff!;
    if (diff.entries.length === 0 && diff.defaults.length === 0 && diff.findings.introduced.length + diff.findings.resolved.length === 0) {
      out.add('No change in certificate terms (comments, order or formatting only).');
      continue;
    }
    if (!fileLines(diff).every((line) => out.add(line))) break;
  }
  return out.text();
}

function summary(files: FileDiff[]): string {
  const totals = { added: 0, removed: 0, changed: 0, renamed: 0, introduced: 0, resolved: 0 };
  for (const f of files) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += f.diff?.counts[key] ?? 0;
  const parts = [
    plural(files.length, 'inventory', 'inventories'),
    `${plural(totals.added, 'entry', 'entries')} added, ${totals.removed} removed, ${totals.changed} changed${totals.renamed ? ` (${totals.renamed} renamed)` : ''}`,
    `${plural(totals.introduced, 'finding')} introduced, ${totals.resolved} resolved`,
  ];
  return parts.join('; ');
}

function fileStatus(file: FileDiff): string {
  if (file.status === 'modified' && file.inventory.before && !file.inventory.after) return 'no longer an inventory';
  if (file.status === 'modified' && !file.inventory.before && file.inventory.after) return 'now an inventory';
  return file.status === 'added' ? 'new file' : file.status === 'deleted' ? 'deleted' : 'modified';
}

function fileLines(diff: InventoryDiff): string[] {
  const lines: string[] = [];
  for (const entry of diff.entries) lines.push(...entryLines(entry));
  if (diff.defaults.length > 0) {
    lines.push('- **Defaults**');
    for (const change of diff.defaults) {
      const inherited = change.inheritedBy > 0 ? ` (inherited by ${plural(change.inheritedBy, 'entry', 'entries')})` : '';
      lines.push(`  - ${changeText(change)}${inherited}`);
    }
  }
  lines.push(...findingLines(diff.findings, '- **The file**'));
  return lines;
}

function entryLines(entry: EntryDiff): string[] {
  const name = code(entry.name ?? entry.label);
  const lines: string[] = [];
  if (entry.status === 'added') {
    lines.push(`- **Added** ${name} (line ${entry.line})${holds(entry)}`);
  } else if (entry.status === 'removed') {
    lines.push(`- **Removed** ${name} (was line ${entry.line})${holds(entry)}`);
  } else if (entry.previous) {
    lines.push(`- **Renamed** ${code(entry.previous.name ?? entry.previous.label)} → ${name} (line ${entry.line}, matched by its hosts)`);
  } else {
    lines.push(`- **Changed** ${name} (line ${entry.line})`);
  }
  for (const change of entry.changes) lines.push(`  - ${changeText(change)}`);
  lines.push(...findingLines(entry.findings));
  return lines;
}

function holds(entry: EntryDiff): string {
  const parts: string[] = [];
  if (entry.hosts?.length) parts.push(`hosts ${list(entry.hosts)}`);
  if (entry.expires !== undefined) parts.push(`expires ${code(entry.expires)}${entry.state && entry.state !== 'valid' ? ` (**${entry.state}**)` : ''}`);
  return parts.length > 0 ? `: ${parts.join('; ')}` : '';
}

function list(items: readonly string[], max = 10): string {
  const shown = items.slice(0, max).map(code).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function changeText(change: FieldChange): string {
  switch (change.kind) {
    case 'expires':
      return expiresText(change);
    case 'addresses':
      return addressText(change);
    case 'hosts': {
      const parts = [];
      if (change.added.length) parts.push(`added ${list(change.added)}`);
      if (change.removed.length) parts.push(`dropped ${list(change.removed)}`);
      return `hosts: ${parts.join('; ')}`;
    }
    case 'renewal': {
      const what = change.part === 'method' ? 'renewal method' : 'renewal SOP';
      return `${what}: ${fromTo(change.before, change.after)}${inheritance(change)}`;
    }
    case 'value':
      return `${code(change.key)}: ${fromTo(change.before, change.after)}`;
  }
}

function fromTo(before: string | undefined, after: string | undefined): string {
  if (before === undefined) return `set to ${code(after ?? '')}`;
  if (after === undefined) return `removed (was ${code(before)})`;
  return `${code(before)} → ${code(after)}`;
}

function inheritance(change: { inheritedBefore: boolean; inheritedAfter: boolean }): string {
  if (change.inheritedAfter && !change.inheritedBefore) return ' (now from defaults)';
  if (change.inheritedBefore && !change.inheritedAfter) return ' (was from defaults)';
  return '';
}

function expiresText(change: Extract<FieldChange, { kind: 'expires' }>): string {
  const head = `\`expires\`: ${fromTo(change.before, change.after)}`;
  const parts: string[] = [];
  if (change.movedMs !== undefined && change.movedMs !== 0) {
    parts.push(`**${change.movedMs > 0 ? 'later' : 'earlier'} by ${duration(Math.abs(change.movedMs))}**`);
  }
  const window = change.warnDays !== undefined ? `the ${change.warnDays}-day warn window` : 'the warn window';
  if (change.stateAfter === 'expired') parts.push('**already expired**');
  else if (change.stateAfter === 'expiring') parts.push(change.stateBefore === 'expiring' ? `still inside ${window}` : `⚠️ **now inside ${window}**`);
  else if (change.stateAfter === 'valid' && change.stateBefore && change.stateBefore !== 'valid') parts.push(`no longer ${change.stateBefore === 'expired' ? 'expired' : `inside ${window}`}`);
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}

function duration(ms: number): string {
  if (ms >= DAY_MS) return plural(Math.round(ms / DAY_MS), 'day');
  if (ms >= HOUR_MS) return plural(Math.round(ms / HOUR_MS), 'hour');
  return plural(Math.max(1, Math.round(ms / MINUTE_MS)), 'minute');
}

function addressText(change: Extract<FieldChange, { kind: 'addresses' }>): string {
  const role = code(change.role === 'escalation' ? 'renewal.escalation' : change.role);
  const [before] = change.before;
  const [after] = change.after;
  let body: string;
  if (change.before.length <= 1 && change.after.length <= 1) {
    body = !before ? `set to ${addressCode(after)}` : !after ? `removed (was ${addressCode(before)})` : `${addressCode(before)} → ${addressCode(after)}`;
  } else {
    const parts = [];
    if (change.added.length) parts.push(`added ${change.added.map(addressCode).join(', ')}`);
    if (change.removed.length) parts.push(`removed ${change.removed.map(addressCode).join(', ')}`);
    body = parts.join('; ');
  }
  const personal = change.added.some((a) => a.personal);
  const warning = change.teamReplacedByPersonal
    ? ' — ⚠️ **a team address replaced by a personal one**'
    : personal
      ? ' — ⚠️ **notices now go to a personal address**'
      : '';
  return `${role}: ${body}${inheritance(change)}${warning}`;
}

function addressCode(a: DiffAddress): string {
  return `${code(a.address)}${a.personal ? ' (personal)' : !a.valid ? ' (not an address)' : ''}`;
}

function findingLines(changes: FindingChanges, heading?: string): string[] {
  if (changes.introduced.length === 0 && changes.resolved.length === 0) return [];
  const indent = '  ';
  const lines = heading ? [heading] : [];
  const add = (what: string, findings: DiffFinding[]) => {
    for (const f of findings.slice(0, MAX_FINDINGS_LISTED)) {
      lines.push(`${indent}- ${what}: ${f.severity} ${code(f.rule)} (line ${f.line}): ${code(clip(f.message))}`);
    }
    if (findings.length > MAX_FINDINGS_LISTED) lines.push(`${indent}- … and ${findings.length - MAX_FINDINGS_LISTED} more ${what}`);
  };
  add('introduced', changes.introduced);
  add('resolved', changes.resolved);
  return lines;
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** Lines up to MAX_CHARS; the first line that does not fit ends the text with a note. */
class Budget {
  private readonly lines: string[] = [];
  private length = 0;
  private full = false;

  add(...lines: string[]): boolean {
    for (const line of lines) {
      if (this.full) return false;
      if (this.length + line.length + 1 > MAX_CHARS) {
        this.full = true;
        this.lines.push('', '… the list is cut here to fit a comment; `incident-docs diff --format json` has all of it.');
        return false;
      }
      this.lines.push(line);
      this.length += line.length + 1;
    }
    return true;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
