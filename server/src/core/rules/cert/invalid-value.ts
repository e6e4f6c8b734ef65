import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { closest } from 'fastest-levenshtein';
import { classifyEmail } from '../../inventory/emails';
import { RENEWAL_METHODS } from '../../inventory/keys';
import { type CertModel, entryLabel, type Field, fieldOf, type Inventory, type InventoryEntry } from '../../inventory/model';
import { parseLifetime } from '../../inventory/lifetime';
import { emailRefsSteps, expiryOf, hostRefs, issuedOf, warnDaysValue } from '../../inventory/refs';
import { deref, pairOf, spanOf } from '../../inventory/yaml';
import type { Report, ReportSpec, Rule } from '../../rule';
import type { Span } from '../../types';
import { pacer } from '../../steps';
import { describeValue, quoteText } from '../../quote';
import { schemeNames, tlsScheme } from '../../../../../contract/src/tlsScheme';

const STRING_KEYS = ['name', 'environment', 'namespace', 'issuer', 'secret', 'pem', 'pemFile', 'clientCert', 'clientKey'];

/**
 * `*.example.com` written unquoted: YAML reads it as an alias (to an anchor `.example.com` that
 * does not exist), and the host is lost. The text as written, for the message; else undefined.
 */
function unquotedWildcard(doc: Inventory['doc'], value: unknown): string | undefined {
  return isAlias(value) && value.source.startsWith('.') && deref(doc, value) === null ? `*${value.source}` : undefined;
}

/** The finding on an unquoted wildcard, with the fix that quotes it (the alias's text is the host as written). */
function wildcardFinding(where: Where, wildcard: string, span: Span): ReportSpec {
  return {
    message: `${where()}: YAML reads \`${quoteText(wildcard)}\` as an alias, not a host; quote the wildcard: "${quoteText(wildcard)}".`,
    span,
    fixes: [{ title: 'Quote the wildcard host', edits: [{ span, newText: JSON.stringify(wildcard) }], preferred: true, safe: true }],
  };
}

function describe(node: Node | null): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return isScalar(node) ? describeValue(node.value) : 'empty';
}

/**
 * Where a value is, for a message: built only when one is reported (most entries report nothing,
 * and a 5,000-entry inventory built 35,000 such strings for a first lint).
 */
type Where = () => string;

function checkEntry(entry: InventoryEntry, inv: Inventory, report: Report): void {
  if (!entry.map) {
    report({ message: `Entry ${entryLabel(entry)} is not a mapping of keys (name, hosts, expires, ...).`, span: entry.span });
    return;
  }
  checkEntryValues(entry, inv, report);
}

function checkEntryValues(entry: InventoryEntry, inv: Inventory, report: Report): void {
  let label: string | undefined;
  const where: Where = () => `Entry ${(label ??= entryLabel(entry))}`;
  for (const key of STRING_KEYS) {
    const field = entry.own(key);
    if (field && !(isScalar(field.node) && (typeof field.node.value === 'string' || typeof field.node.value === 'number'))) {
      report({ message: `${where()}: \`${key}\` should be text, not ${describe(field.node)}.`, span: field.span });
    }
  }
  const hosts = entry.own('hosts');
  if (hosts && !isSeq(hosts.node) && !(isScalar(hosts.node) && typeof hosts.node.value === 'string')) {
    const wildcard = unquotedWildcard(inv.doc, hosts.pair.value);
    const value = hosts.pair.value as Node | null;
    if (wildcard && value) report(wildcardFinding(where, wildcard, spanOf(value)));
    else report({ message: `${where()}: \`hosts\` should be a list of host or host:port, not ${describe(hosts.node)}.`, span: hosts.span });
  } else if (isSeq(hosts?.node)) {
    for (const item of hosts.node.items) {
      const node = deref(inv.doc, item);
      if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
        const wildcard = unquotedWildcard(inv.doc, item);
        const span = spanOf(item as Node, hosts.span);
        report(wildcard ? wildcardFinding(where, wildcard, span) : { message: `${where()}: a host should be host or host:port, not ${describe(node)}.`, span });
      }
    }
  }
  for (const host of hostRefs(entry)) {
    if ('error' in host.parsed) report({ message: `${where()}: malformed host: ${host.parsed.error}.`, span: host.span });
  }
  const expiry = expiryOf(entry);
  if (expiry && 'error' in expiry.parsed) {
    report({ message: `${where()}: \`expires\` is not a valid date: ${expiry.parsed.error}.`, span: expiry.field.span });
  }
  const issued = issuedOf(entry);
  if (issued && 'error' in issued.parsed) {
    report({ message: `${where()}: \`issued\` is not a valid date: ${issued.parsed.error}.`, span: issued.field.span });
  }
  checkLifetime(entry.own('lifetime'), where, report);
  checkTrust(entry.own('trust'), where, report);
  checkProtocol(entry.own('protocol'), where, report);
  checkWarnDays(entry.own('warnDays'), where, report);
  checkAddresses(entry.own('owner'), where, inv, report);
  checkAddresses(entry.own('notify'), where, inv, report);
  checkRenewal(entry.own('renewal'), where, inv, report);
}

function checkLifetime(field: Field | undefined, where: Where, report: Report): void {
  if (!field) return;
  const text = isScalar(field.node) && field.node.value !== null ? String(field.node.value) : '';
  const value = parseLifetime(text);
  if (typeof value === 'object') report({ message: `${where()}: \`lifetime\`: ${value.error}.`, span: field.span });
}

const TRUST_VALUES = ['public', 'private'];

function checkTrust(field: Field | undefined, where: Where, report: Report): void {
  if (!field) return;
  const value = isScalar(field.node) && field.node.value !== null ? String(field.node.value) : '';
  if (TRUST_VALUES.includes(value)) return;
  report({ message: `${where()}: \`trust\` should be public or private, not ${describe(field.node)}.`, span: field.span });
}

function checkProtocol(field: Field | undefined, where: Where, report: Report): void {
  if (!field) return;
  const value = isScalar(field.node) && field.node.value !== null ? String(field.node.value) : '';
  if (value === value.toLowerCase() && tlsScheme(value.trim())) return;
  report({ message: `${where()}: \`protocol\` should be one of ${schemeNames()}, not ${describe(field.node)}.`, span: field.span });
}

function checkWarnDays(field: Field | undefined, where: Where, report: Report): void {
  const value = warnDaysValue(field);
  if (field && typeof value === 'object') report({ message: `${where()}: ${value.error}.`, span: field.span });
}

/**
 * `owner`, `notify` and `escalation`: one address, or a flat list of them. Anything else would be
 * read by no one (a mapping), or hide its addresses from the checks (a list in the list).
 */
function checkAddresses(field: Field | undefined, where: Where, inv: Inventory, report: Report, name = field?.key): void {
  if (!field || isAddress(field.node)) return;
  if (!isSeq(field.node)) {
    report({ message: `${where()}: \`${name}\` should be an address or a list of addresses, not ${describe(field.node)}.`, span: field.span });
    return;
  }
  field.node.items.forEach((item, i) => {
    const node = deref(inv.doc, item);
    if (isAddress(node)) return;
    const nested = isSeq(node) ? ' (a list inside the list: write its addresses in the outer list)' : '';
    report({
      message: `${where()}: \`${name}\` item ${i + 1} should be an address, not ${describe(node)}${nested}.`,
      span: spanOf(item as Node, field.span),
    });
  });
}

function isAddress(node: Node | null): boolean {
  return isScalar(node) && typeof node.value === 'string';
}

function checkRenewal(field: Field | undefined, where: Where, inv: Inventory, report: Report): void {
  if (!field) return;
  if (!isMap(field.node)) {
    report({ message: `${where()}: \`renewal\` should be a mapping (method, sop, escalation), not ${describe(field.node)}.`, span: field.span });
    return;
  }
  const escalation = pairOf(inv.doc, field.node, 'escalation');
  if (escalation) checkAddresses(fieldOf(inv.doc, escalation), where, inv, report, 'renewal.escalation');
  const pair = pairOf(inv.doc, field.node, 'method');
  if (!pair) return;
  const node = deref(inv.doc, pair.value);
  const method = isScalar(node) && node.value !== null ? String(node.value) : '';
  if (RENEWAL_METHODS.includes(method)) return;
  const span = spanOf(pair.value as Node | null, spanOf(pair.key as Node));
  const suggestion = method ? closest(method.toLowerCase(), RENEWAL_METHODS) : undefined;
  report({
    message: `${where()}: unknown renewal method ${method ? `"${quoteText(method)}"` : '(empty)'}; use ${RENEWAL_METHODS.join(', ')}.`,
    span,
    fixes: suggestion && method ? [{ title: `Change to ${suggestion}`, edits: [{ span, newText: suggestion }] }] : [],
  });
}

export const invalidValue: Rule<CertModel> = {
  id: 'cert/invalid-value',
  defaultSeverity: 'error',
  scope: 'entry',
  docs: {
    summary: 'An impossible date, a malformed host or port, a malformed e-mail, a non-positive warnDays, an unknown renewal method, a `lifetime` that is not a duration (90d, 2160h), a `trust` other than public or private.',
    details: 'Also values of the wrong shape: an entry that is not a mapping, `hosts` that is neither a list nor one value, `owner`, `notify` or `escalation` that is not an address or a flat list of addresses, `renewal` that is not a mapping. A wildcard host written unquoted (`*.example.com`) is read by YAML as an alias, and is lost: quote it.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com:70000]\n    expires: 2026-02-30\n    owner: platform-team.example.com\n    warnDays: 0\n    renewal: { method: acmee }\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com:8443]\n    expires: 2026-02-28\n    owner: platform-team@example.com\n    warnDays: 14\n    renewal: { method: acme }\n',
    fixes: [
      { title: 'Change a renewal method to the nearest known one', safe: false, note: 'the nearest by spelling, however far' },
      { title: 'Quote the wildcard host', safe: true },
    ],
  },
  *check(model, report, { config }) {
    const inv = model.inventory;
    if (!inv) return;
    if (inv.certificates && !isSeq(inv.certificates.node)) {
      report({ message: `Key \`certificates\` should be a list of entries, not ${describe(inv.certificates.node)}.`, span: inv.certificates.span });
    }
    const defaults = inv.defaults;
    if (defaults && !defaults.map && !(isScalar(defaults.field.node) && defaults.field.node.value === null)) {
      report({ message: `Key \`defaults\` should be a mapping, not ${describe(defaults.field.node)}.`, span: defaults.field.span });
    }
    if (defaults?.map) {
      const field = (key: string) => {
        const pair = pairOf(inv.doc, defaults.map!, key);
        return pair ? fieldOf(inv.doc, pair) : undefined;
      };
      checkWarnDays(field('warnDays'), () => 'In `defaults`', report);
      checkLifetime(field('lifetime'), () => 'In `defaults`', report);
      checkTrust(field('trust'), () => 'In `defaults`', report);
      checkAddresses(field('owner'), () => 'In `defaults`', inv, report);
      checkAddresses(field('notify'), () => 'In `defaults`', inv, report);
      checkRenewal(field('renewal'), () => 'In `defaults`', inv, report);
    }
    const pace = pacer();
    for (const entry of inv.entries) {
      if (pace()) yield;
      checkEntry(entry, inv, report);
    }
    for (const ref of yield* emailRefsSteps(model)) {
      if (pace()) yield;
      if (ref.inManifest) continue;
      if (!classifyEmail(ref.address, config).valid) {
        report({ message: `Not a valid e-mail address: "${quoteText(ref.address)}" (${ref.role}, ${ref.where}).`, span: ref.span });
      }
    }
  },
};
