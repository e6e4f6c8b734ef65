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
import type { CertModel, InventoryEntry } from './model';
import { certFacts, effectiveWarnWindow, isAutomated, renewalMethod, renewalPoint, sourceLabel, typedLifetime, type CertFacts, type FactSource } from './facts';
import { describeShare, lifetimeDays } from './lifetime';
import { emailRefs, expiryOf, hostRefs, isPlaceholder, issuedOf, type EmailRef } from './refs';
import { quoteText } from '../quote';

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

export function outline(model: CertModel): OutlineItem[] {
  const items: OutlineItem[] = [];
  for (const entry of model.inventory?.entries ?? []) items.push(new EntryOutlineItem(entry));
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

/**
 * An entry in the outline, its detail and spans read on access: the server shows the first items
 * of a large outline only (lsp/symbols.ts), and builds it again after every edit.
 */
class EntryOutlineItem implements OutlineItem {
  readonly kind = 'entry';
  readonly children: OutlineItem[] = [];
  readonly name: string;

  constructor(private readonly entry: InventoryEntry) {
    this.name = entry.name ?? `entry #${entry.index + 1}`;
  }

  get detail(): string | undefined {
    const expiry = expiryOf(this.entry);
    return expiry && !('error' in expiry.parsed) ? `expires ${isoDay(expiry.parsed.date)}` : undefined;
  }

  get span(): Span {
    return this.entry.span;
  }

  get selectionSpan(): Span {
    return this.entry.anchor;
  }
}

/**
 * "Expires in 23 days · 2026-12-20", "Expires today", "Expired 3 days ago" above each entry (with
 * "· from the PEM" or "· live" when the date is not the typed one), and a
 * "Check live" lens that runs the server's checkLiveEntry (the adapter adds the document's URI to
 * its argument).
 */
export function codeLenses(model: CertModel, context: RuleContext): LensInfo[] {
  const lenses: LensInfo[] = [];
  const facts = liveFactsByEntry(model, context);
  const probeable = new Set(liveTargets(model).map((t) => t.entry.index));
  for (const entry of model.inventory?.entries ?? []) {
    const known = certFacts(entry, model, context);
    if (known?.notAfter) lenses.push({ span: entry.anchor, title: describeFacts({ ...known, notAfter: known.notAfter }, context.now) });
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

/** The lens title: "Expires in 23 days · 2026-12-20", then "· from the PEM" or "· live" when not typed. */
function describeFacts(facts: CertFacts & { notAfter: Date }, now: Date): string {
  const title = describeExpiry(facts.notAfter, now);
  return facts.source === 'typed' ? title : `${title} · ${sourceLabel(facts.source)}`;
}

/** Hovering `expires`, `issued` or `lifetime` shows what is known of the certificate and where it comes from. */
const DATE_KEYS = ['expires', 'issued', 'lifetime'];

export function hover(model: CertModel, offset: number, context: RuleContext): HoverInfo | undefined {
  for (const entry of model.inventory?.entries ?? []) {
    for (const key of DATE_KEYS) {
      const field = entry.own(key);
      if (!field || !(within(field.keySpan, offset) || within(field.span, offset))) continue;
      const span = { start: field.keySpan.start, end: field.span.end };
      const written = key === 'lifetime' ? typedLifetime(entry) : key === 'issued' ? issuedOf(entry)?.parsed : expiryOf(entry)?.parsed;
      if (written && typeof written === 'object' && 'error' in written) {
        return { span, markdown: `**${key === 'lifetime' ? 'Not a lifetime' : 'Not a date'}**: ${written.error}.` };
      }
      const facts = certFacts(entry, model, context);
      if (facts) return { span, markdown: factsHover(entry, model, facts, context) };
    }
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

const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');

function factsHover(entry: InventoryEntry, model: CertModel, facts: CertFacts, context: RuleContext): string {
  const lines: string[] = [];
  const date = facts.notAfter;
  if (date) {
    const dateOnly = facts.source === 'typed' && expiryOf(entry)?.parsed;
    const alone = dateOnly && !('error' in dateOnly) && dateOnly.dateOnly ? ' (a date alone means 00:00 UTC)' : '';
    lines.push(`**${describeFacts({ ...facts, notAfter: date }, context.now)}**`, '', `Expires ${iso(date)}${alone}.`);
  }
  if (facts.notBefore) lines.push(`Issued ${iso(facts.notBefore)}${facts.lifetimeMs !== undefined ? `; lifetime ${lifetimeDays(facts.lifetimeMs)} days` : ''}.`);
  lines.push(`Source: ${SOURCE_TEXT[facts.source]}.`);
  const method = renewalMethod(entry, model);
  const due = renewalPoint(facts, context.config);
  if (isAutomated(method) && due) {
    const state = context.now.getTime() >= due.getTime() ? 'overdue' : `in ${calendarDaysUntil(due, context.now)} days`;
    lines.push(`Renewal (${method}) due ${iso(due)}, at ${describeShare(context.config.renewAtShare)} of the lifetime: ${state}.`);
  } else if (date) {
    const window = effectiveWarnWindow(entry, context.config, facts);
    const state = expiryState(date, context.now, window.days);
    const source = window.field
      ? window.field.inherited ? 'from `defaults.warnDays`' : 'from the entry\'s `warnDays`'
      : window.share !== undefined && window.lifetimeMs !== undefined
        ? `\`warnShare\`, ${describeShare(window.share)} of the ${lifetimeDays(window.lifetimeMs)}-day lifetime`
        : 'from the `warnDays` setting';
    const status = state === 'expired' ? 'expired' : state === 'expiring' ? 'inside the warn window' : 'outside the warn window';
    lines.push(`Warn window: ${window.days} days (${source}); it is ${status}.`);
  }
  return lines.join('\n');
}

const SOURCE_TEXT: Record<FactSource, string> = {
  live: 'live, the certificate the host served when you checked it',
  pem: 'from the PEM (`pem`/`pemFile`), the leaf certificate',
  typed: 'typed (`expires`, `issued`, `lifetime`)',
};

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
  /**
   * Automated renewal (acme, cert-manager) with a known lifetime: when it is due (renewAtShare of
   * the lifetime), the date a person must look by; lists order such an entry by it, others by expiry.
   */
  renewalDue?: Date;
  /** Whole calendar days (UTC) from now to `renewalDue`; negative once it has passed. */
  renewalDaysLeft?: number;
  warnDays: number;
  /** Judged as the cert/expir* rules judge it; `unknown` without a date. */
  state: ExpiryState | 'unknown';
  span: Span;
  anchor: Span;
}

/** Every entry's row. The server builds them entry by entry in steps, keeping those an edit left alone (lsp/workspace/inventoryEntries.ts). */
export function certificateRows(model: CertModel, config: Config, now: Date): CertificateRow[] {
  return (model.inventory?.entries ?? []).map((entry) => certificateRow(entry, model, config, now));
}

/**
 * One entry's row. Apart from `span` and `anchor` (read from the nodes, which an edit elsewhere
 * moves), it depends on the entry, the settings and "now" alone: an entry object that an edit left
 * alone (the parse keeps it) has the same row under the same settings on the same day.
 */
export function certificateRow(entry: InventoryEntry, model: CertModel, config: Config, now: Date): CertificateRow {
  // The dates the rules judge (the PEM before the typed fields), with the same warn window.
  const facts = certFacts(entry, model, {});
  const date = facts?.notAfter;
  const warnDays = effectiveWarnWindow(entry, config, facts).days;
  const renewalDue = facts && isAutomated(renewalMethod(entry, model)) ? renewalPoint(facts, config) : undefined;
  return {
    index: entry.index,
    name: entry.name ?? `entry #${entry.index + 1}`,
    hosts: hostRefs(entry).map((h) => h.text),
    expires: date,
    daysLeft: date ? calendarDaysUntil(date, now) : undefined,
    renewalDue,
    renewalDaysLeft: renewalDue ? calendarDaysUntil(renewalDue, now) : undefined,
    warnDays,
    state: date ? expiryState(date, now, warnDays) : 'unknown',
    span: entry.span,
    anchor: entry.anchor,
  };
}
