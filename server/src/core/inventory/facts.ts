/**
 * What is known of an entry's certificate, from the best source at hand: a live observation
 * (after a check the user asked for), else the PEM (`pem`/`pemFile`, the leaf), else the typed
 * fields (`issued`, `lifetime`, `expires`). The rules about expiry, renewal and lifetime and the
 * hover and lens all read these, so they agree on the dates and say where they come from.
 */
import { isMap, isScalar } from 'yaml';
import type { Config } from '../config';
import { isProbeFailure } from '../live/types';
import type { RuleContext } from '../rule';
import type { Span } from '../types';
import { DAY_MS } from '../units';
import { pemSources, type PemSource } from './entryPem';
import { AUTOMATED_RENEWAL_METHODS } from './keys';
import { parseLifetime } from './lifetime';
import { entryLiveFacts } from './liveTargets';
import type { CertModel, Field, InventoryEntry } from './model';
import { modelToken } from './modelToken';
import { expiryOf, issuedOf, warnWindow, type WarnWindow } from './refs';
import { at, stringOf } from './yaml';

export type FactSource = 'live' | 'pem' | 'typed';

export interface CertFacts {
  source: FactSource;
  /** notBefore: issued. */
  notBefore?: Date;
  /** notAfter: expires. */
  notAfter?: Date;
  /** notAfter − notBefore, or the typed `lifetime`. */
  lifetimeMs?: number;
  /** Where the source is written: the host probed, the `pem`/`pemFile` field; absent for typed facts. */
  sourceSpan?: Span;
  /** The live check found the chain trusted by the system store (a publicly trusted CA). */
  liveSystemTrust?: boolean;
}

/** "live", "from the PEM", "typed": how a lens, hover or message names the source. */
export function sourceLabel(source: FactSource): string {
  return source === 'live' ? 'live' : source === 'pem' ? 'from the PEM' : 'typed';
}

/** Per entry, for one model (modelToken.ts: the value must not hold the model). */
const cache = new WeakMap<InventoryEntry, { model: object; live: unknown; facts: CertFacts | undefined }>();

/** The entry's certificate facts; undefined when no source gives a date. */
export function certFacts(entry: InventoryEntry, model: CertModel, context: Pick<RuleContext, 'live'>): CertFacts | undefined {
  const cached = cache.get(entry);
  if (cached && cached.model === modelToken(model) && cached.live === context.live) return cached.facts;
  const facts = liveFactsOf(entry, model, context) ?? pemFactsOf(entry, model) ?? typedFacts(entry);
  cache.set(entry, { model: modelToken(model), live: context.live, facts });
  return facts;
}

/** Of several hosts probed, the certificate that expires first speaks for the entry. */
function liveFactsOf(entry: InventoryEntry, model: CertModel, context: Pick<RuleContext, 'live'>): CertFacts | undefined {
  let best: CertFacts | undefined;
  for (const fact of entryLiveFacts(entry, model, context)) {
    if (isProbeFailure(fact.outcome)) continue;
    const notBefore = new Date(fact.outcome.notBefore);
    const notAfter = new Date(fact.outcome.notAfter);
    if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) continue;
    if (best?.notAfter && best.notAfter.getTime() <= notAfter.getTime()) continue;
    best = {
      source: 'live',
      notBefore,
      notAfter,
      lifetimeMs: notAfter.getTime() - notBefore.getTime(),
      sourceSpan: fact.host.span,
      liveSystemTrust: fact.outcome.trustedBySystemStore === true,
    };
  }
  return best;
}

function pemFactsOf(entry: InventoryEntry, model: CertModel): CertFacts | undefined {
  const source = leafSource(entry, model);
  if (!source || 'error' in source.result) return undefined;
  const { notBefore, notAfter } = source.result;
  return { source: 'pem', notBefore, notAfter, lifetimeMs: notAfter.getTime() - notBefore.getTime(), sourceSpan: source.field.span };
}

/** The first readable PEM of the entry (inline `pem` before `pemFile`). */
export function leafSource(entry: InventoryEntry, model: CertModel): PemSource | undefined {
  return pemSources(entry, model).find((s) => !('error' in s.result));
}

function typedFacts(entry: InventoryEntry): CertFacts | undefined {
  const expiry = expiryOf(entry);
  const issued = issuedOf(entry);
  const notAfterTyped = expiry && !('error' in expiry.parsed) ? expiry.parsed.date : undefined;
  const notBeforeTyped = issued && !('error' in issued.parsed) ? issued.parsed.date : undefined;
  const lifetime = typedLifetime(entry);
  const lifetimeMs =
    typeof lifetime === 'number' ? lifetime : notAfterTyped && notBeforeTyped ? notAfterTyped.getTime() - notBeforeTyped.getTime() : undefined;
  const notAfter = notAfterTyped ?? (notBeforeTyped && lifetimeMs !== undefined ? new Date(notBeforeTyped.getTime() + lifetimeMs) : undefined);
  const notBefore = notBeforeTyped ?? (notAfterTyped && lifetimeMs !== undefined ? new Date(notAfterTyped.getTime() - lifetimeMs) : undefined);
  if (!notAfter && !notBefore) return undefined;
  return { source: 'typed', notBefore, notAfter, lifetimeMs };
}

/** The entry's `lifetime` (its own, else from defaults), in milliseconds or a problem. */
export function typedLifetime(entry: InventoryEntry): number | { error: string } | undefined {
  const field = entry.field('lifetime');
  if (!field) return undefined;
  const text = isScalar(field.node) && field.node.value !== null ? String(field.node.value) : '';
  return parseLifetime(text);
}

/**
 * Where a finding about the facts goes: the `expires` value when written (where expiry findings
 * always were), else the source (the PEM field, the host probed), else the `issued` value, else
 * the entry.
 */
export function factsSpan(entry: InventoryEntry, facts: CertFacts): Span {
  return expiryOf(entry)?.field.span ?? facts.sourceSpan ?? issuedOf(entry)?.field.span ?? entry.anchor;
}

/** The renewal method (own or from defaults), as written. */
export function renewalMethod(entry: InventoryEntry, model: CertModel): string | undefined {
  const renewal = entry.field('renewal');
  const doc = model.inventory?.doc;
  if (!renewal || !doc || !isMap(renewal.node)) return undefined;
  return stringOf(at(doc, renewal.node, 'method'));
}

export function isAutomated(method: string | undefined): boolean {
  return method !== undefined && AUTOMATED_RENEWAL_METHODS.includes(method);
}

/** When an automated certificate is due for renewal: `renewAtShare` of its lifetime after notBefore. */
export function renewalPoint(facts: CertFacts, config: Pick<Config, 'renewAtShare'>): Date | undefined {
  if (!facts.notBefore || facts.lifetimeMs === undefined || !(facts.lifetimeMs > 0)) return undefined;
  return new Date(facts.notBefore.getTime() + config.renewAtShare * facts.lifetimeMs);
}

export interface EffectiveWarnWindow extends WarnWindow {
  /** Set when the window is warnShare of the lifetime. */
  share?: number;
  lifetimeMs?: number;
}

/**
 * An explicit warnDays (entry, else defaults) keeps its meaning; without one, a known lifetime
 * gives `warnShare` of it (at least a day); else the warnDays setting.
 */
export function effectiveWarnWindow(entry: InventoryEntry, config: Config, facts: CertFacts | undefined): EffectiveWarnWindow {
  const written = warnWindow(entry, config);
  if (written.field) return written;
  const lifetimeMs = facts?.lifetimeMs;
  if (lifetimeMs === undefined || !(lifetimeMs > 0) || !(config.warnShare > 0)) return written;
  return { days: Math.max(1, Math.floor((config.warnShare * lifetimeMs) / DAY_MS)), share: config.warnShare, lifetimeMs };
}

/** The `trust` field (own or from defaults) as written. */
export function trustOf(entry: InventoryEntry): { value: string; field: Field } | undefined {
  const field = entry.field('trust');
  const value = stringOf(field?.node);
  return field && value !== undefined ? { value, field } : undefined;
}
