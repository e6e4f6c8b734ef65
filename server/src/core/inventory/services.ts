/** Editor services over the same model as the rules: outline, hover, code lenses. */
import { LIVE_COMMANDS } from '../../../../contract/src/commandIds';
import type { ExpiryState } from '../../../../contract/src/expiry';
import { isProbeFailure } from '../live/types';
import type { HoverInfo, LensInfo, OutlineItem } from '../editorServices';
import type { RuleContext } from '../rule';
import type { Span } from '../types';
import { resourceLabel } from './certManager';
import type { Config } from '../config';
import { calendarDaysUntil, describeExpiry, expiryState, isoDay } from './dates';
import { classifyEmail, explainVerdict } from './emails';
import { liveFacts, liveTargets, type LiveFact } from './liveTargets';
import type { CertModel } from './model';
import { emailRefs, expiryOf, hostRefs, isPlaceholder, warnWindow, type EmailRef } from './refs';
import { quoteText } from '../quote';

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

export function outline(model: CertModel): OutlineItem[] {
  const items: OutlineItem[] = [];
  for (const entry of model.inventory?.entries ?? []) {
    items.push({
      name: entry.name ?? `entry #${entry.index + 1}`,
      detail: expiryDetail(model, entry.index),
      kind: 'entry',
      span: entry.span,
      selectionSpan: entry.anchor,
      children: [],
    });
  }
  for (const resource of model.resources) {
    items.push({
      name: resourceLabel(resource),
      detail: resource.namespace,
      kind: 'resource',
      span: resource.span,
      selectionSpan: resource.selectionSpan,
      children: [],
    });
  }
  return items;
}

function expiryDetail(model: CertModel, index: number): string | undefined {
  const entry = model.inventory?.entries[index];
  const expiry = entry && expiryOf(entry);
  return expiry && !('error' in expiry.parsed) ? `expires ${isoDay(expiry.parsed.date)}` : undefined;
}

/**
 * "Expires in 23 days · 2026-12-20", "Expires today", "Expired 3 days ago" above each entry, and a
 * "Check live" lens that runs the server's checkLiveEntry (the adapter adds the document's URI to
 * its argument).
 */
export function codeLenses(model: CertModel, context: RuleContext): LensInfo[] {
  const lenses: LensInfo[] = [];
  const facts = liveFactsByEntry(model, context);
  const probeable = new Set(liveTargets(model).map((t) => t.entry.index));
  for (const entry of model.inventory?.entries ?? []) {
    const expiry = expiryOf(entry);
    if (expiry && !('error' in expiry.parsed)) lenses.push({ span: entry.anchor, title: describeExpiry(expiry.parsed.date, context.now) });
    if (!probeable.has(entry.index)) continue;
    lenses.push({ span: entry.anchor, title: 'Check live', command: { id: LIVE_COMMANDS.checkLiveEntry, arguments: [{ entry: entry.index }] } });
    for (const fact of facts.get(entry.index) ?? []) lenses.push({ span: entry.anchor, title: describeLive(fact) });
  }
  return lenses;
}

function liveFactsByEntry(model: CertModel, context: RuleContext): Map<number, LiveFact[]> {
  const out = new Map<number, LiveFact[]>();
  for (const fact of liveFacts(model, context)) out.set(fact.entry.index, [...(out.get(fact.entry.index) ?? []), fact]);
  return out;
}

/** "Live api.example.com: 120 days left, trusted" / "Live api.example.com: refused". */
function describeLive(fact: LiveFact): string {
  const o = fact.outcome;
  if (isProbeFailure(o)) return `Live ${fact.host.text}: ${o.error.code}`;
  const days = o.daysLeft < 0 ? `expired ${-o.daysLeft} days ago` : `${o.daysLeft} days left`;
  const verdicts = [o.trusted ? 'trusted' : 'untrusted', ...(o.hostnameMatches ? [] : ['name mismatch'])];
  return `Live ${fact.host.text}: ${days}, ${verdicts.join(', ')} · ${o.notAfter.slice(0, 10)}`;
}

export function hover(model: CertModel, offset: number, context: RuleContext): HoverInfo | undefined {
  for (const entry of model.inventory?.entries ?? []) {
    const expiry = expiryOf(entry);
    if (!expiry || !(within(expiry.field.keySpan, offset) || within(expiry.field.span, offset))) continue;
    const span = { start: expiry.field.keySpan.start, end: expiry.field.span.end };
    if ('error' in expiry.parsed) return { span, markdown: `**Not a date**: ${expiry.parsed.error}.` };
    const date = expiry.parsed.date;
    const window = warnWindow(entry, context.config);
    const state = expiryState(date, context.now, window.days);
    const source = window.field ? (window.field.inherited ? 'from `defaults.warnDays`' : 'from the entry\'s `warnDays`') : 'from the `warnDays` setting';
    const status = state === 'expired' ? 'expired' : state === 'expiring' ? 'inside the warn window' : 'outside the warn window';
    return {
      span,
      markdown: [
        `**${describeExpiry(date, context.now)}**`,
        '',
        `Expires ${date.toISOString().replace('.000Z', 'Z')}${expiry.parsed.dateOnly ? ' (a date alone means 00:00 UTC)' : ''}.`,
        `Warn window: ${window.days} days (${source}); it is ${status}.`,
      ].join('\n'),
    };
  }
  for (const ref of emailRefs(model)) {
    if (!within(ref.span, offset)) continue;
    if (ref.inManifest && isPlaceholder(ref.address)) return { span: ref.span, markdown: 'A template placeholder: checked once rendered.' };
    const verdict = classifyEmail(ref.address, context.config);
    const title = !verdict.valid ? '**Not an e-mail address**' : verdict.personal ? '**Personal address**' : '**Team address**';
    // The editor shows the finding's message in the same hover: the hover adds to it, never repeats it.
    if (verdict.personal && isReportedUse(model, ref, context.config)) return { span: ref.span, markdown: `${title} (cert/personal-email)\n\n${teamAddressAdvice(context.config)}` };
    return { span: ref.span, markdown: `${title}\n\n${explainVerdict(verdict)}` };
  }
  return undefined;
}

/** cert/personal-email reports an address once, on its first use, unless the rule is off. */
function isReportedUse(model: CertModel, ref: EmailRef, config: Config): boolean {
  if (config.rules['cert/personal-email'] === 'off') return false;
  const address = ref.address.toLowerCase();
  return emailRefs(model).find((r) => r.address.toLowerCase() === address && !(r.inManifest && isPlaceholder(r.address))) === ref;
}

function teamAddressAdvice(config: Config): string {
  const team = config.defaultTeamEmail.trim();
  const fix = team ? `The quick fix puts in \`${quoteText(team)}\` (\`defaultTeamEmail\`).` : 'Set `defaultTeamEmail` and the quick fix puts it in.';
  return `${fix} Addresses matching \`teamEmailPatterns\` are never personal.`;
}

/** One inventory entry as a list of certificates shows it (the editor's Certificates view). */
export interface CertificateRow {
  index: number;
  /** The entry's `name`, else "entry #N". */
  name: string;
  hosts: string[];
  expires?: Date;
  daysLeft?: number;
  warnDays: number;
  /** Judged as the cert/expir* rules judge it; `unknown` without a date. */
  state: ExpiryState | 'unknown';
  span: Span;
  anchor: Span;
}

export function certificateRows(model: CertModel, config: Config, now: Date): CertificateRow[] {
  return (model.inventory?.entries ?? []).map((entry) => {
    const expiry = expiryOf(entry);
    const date = expiry && !('error' in expiry.parsed) ? expiry.parsed.date : undefined;
    const warnDays = warnWindow(entry, config).days;
    return {
      index: entry.index,
      name: entry.name ?? `entry #${entry.index + 1}`,
      hosts: hostRefs(entry).map((h) => h.text),
      expires: date,
      daysLeft: date ? calendarDaysUntil(date, now) : undefined,
      warnDays,
      state: date ? expiryState(date, now, warnDays) : 'unknown',
      span: entry.span,
      anchor: entry.anchor,
    };
  });
}
