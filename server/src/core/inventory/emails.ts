/**
 * Is an address a person's or a team's? Certificate notices sent to one person die with that
 * mailbox (holidays, leaving, a full inbox): the seed outage. The evidence is kept in words so the
 * finding and the hover can both say why.
 */
import type { Config } from '../config';
import { quoteText } from '../quote';
import { userPatterns } from '../userPatterns';

export type EmailConfig = Pick<Config, 'teamEmailPatterns' | 'personalEmailPatterns' | 'requireTeamEmail'>;

export interface EmailVerdict {
  address: string;
  valid: boolean;
  personal: boolean;
  /** Each reason, e.g. "gmail.com is a free-mail provider". */
  evidence: string[];
}

const FREE_MAIL_EXACT = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'aol.com', 'ymail.com', 'mail.com', 'web.de',
  'fastmail.com', 'fastmail.fm', 'hey.com', 'tutanota.com', 'tuta.io', 'zoho.com', 'yandex.com', 'yandex.ru',
  'mail.ru', 'qq.com', '163.com', '126.com', 'naver.com', 'hanmail.net', 'free.fr', 'orange.fr', 'laposte.net',
]);
/** Providers with a domain per country: hotmail.co.uk, yahoo.fr, gmx.de. */
const FREE_MAIL_PREFIXES = ['hotmail.', 'yahoo.', 'gmx.', 'windowslive.', 'libero.', 'btinternet.'];
/** Mailing-list hosts: an address there is a group by construction. */
const GROUP_DOMAINS = new Set(['googlegroups.com', 'groups.io', 'lists.sourceforge.net']);

/** Words that make a local part a role or team, not a person: sre-oncall, platform-team, pki. */
const ROLE_WORDS = new Set(
  (
    'admin admins administrator alert alerts all api approvers acme backend billing bot build ca cert certs certificates ' +
    'certificate ci cloud contact data dev devops dns eng engineering frontend group help helpdesk hostmaster info infra ' +
    'infrastructure it letsencrypt list monitoring net netops network noc noreply no-reply notifications oncall ops ' +
    'operations owners pager pagerduty pki platform postmaster release root sec secops security service services ' +
    'servicedesk site sre ssl staff support sysadmin systems team teams tech tls web webmaster'
  ).split(' '),
);

/**
 * Given names common enough that a bare `jeff@` or `maria@` is a person. Deliberately short:
 * it catches the usual one-person inbox without pretending to be a census.
 */
const GIVEN_NAMES = new Set(
  (
    'aaron adam alex alexander alice amanda amy andrea andreas andrew anna anne anthony ben benjamin bob brian ' +
    'carlos carol charles chris christian christina christopher daniel david dan diana emily emma eric erik eva ' +
    'frank george hannah hans henry ian jack james jan jane jason jeff jeffrey jennifer jessica jim joe johannes john ' +
    'jon jonathan jose joseph josh julia justin karen kate kevin laura lisa lucas luis marc maria mark martin mary ' +
    'matt matthew michael michelle mike nicole nick olivia patrick paul peter rachel richard robert ryan sam sarah ' +
    'scott sebastian sophie stefan stephen steve steven susan thomas tim tom tyler victoria william yuvi'
  ).split(' '),
);

const ADDRESS = /^([^\s@<>()[\]\\,;:"]+)@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)$/i;

export function isValidEmail(address: string): boolean {
  const m = ADDRESS.exec(address.trim());
  return !!m && !m[1].startsWith('.') && !m[1].endsWith('.') && !m[1].includes('..');
}

/**
 * Verdicts already given, per setting: an inventory names a few hundred addresses thousands of times
 * (8,056 references to 209 addresses in the 5,000-entry benchmark). Keyed like userPatterns, by the
 * pattern lists' identity (a config is never changed in place), checked against the other two
 * settings; bounded, since the addresses come from the document.
 */
const remembered = new WeakMap<readonly string[], { personal: readonly string[]; requireTeamEmail: boolean; verdicts: Map<string, EmailVerdict> }>();
const MAX_REMEMBERED = 10_000;

/** A verdict may be shared by many callers: it is frozen. */
export function classifyEmail(address: string, config: EmailConfig): EmailVerdict {
  let memo = remembered.get(config.teamEmailPatterns);
  if (!memo || memo.personal !== config.personalEmailPatterns || memo.requireTeamEmail !== config.requireTeamEmail) {
    memo = { personal: config.personalEmailPatterns, requireTeamEmail: config.requireTeamEmail, verdicts: new Map() };
    remembered.set(config.teamEmailPatterns, memo);
  }
  let verdict = memo.verdicts.get(address);
  if (!verdict) {
    verdict = classify(address, config);
    Object.freeze(verdict.evidence);
    Object.freeze(verdict);
    if (memo.verdicts.size >= MAX_REMEMBERED) memo.verdicts.clear();
    memo.verdicts.set(address, verdict);
  }
  return verdict;
}

function classify(address: string, config: EmailConfig): EmailVerdict {
  const trimmed = address.trim();
  if (!isValidEmail(trimmed)) return { address: trimmed, valid: false, personal: false, evidence: ['not a valid e-mail address'] };
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, at).toLowerCase().replace(/\+.*$/, '');
  const domain = trimmed.slice(at + 1).toLowerCase();
  const verdict = (personal: boolean, evidence: string[]): EmailVerdict => ({ address: trimmed, valid: true, personal, evidence });

  const team = firstMatch(config.teamEmailPatterns, trimmed);
  if (team) return verdict(false, [`it matches the team pattern /${quoteText(team)}/ (teamEmailPatterns)`]);
  const personal = firstMatch(config.personalEmailPatterns, trimmed);
  if (personal) return verdict(true, [`it matches the personal pattern /${quoteText(personal)}/ (personalEmailPatterns)`]);
  if (config.requireTeamEmail) {
    return verdict(true, [
      config.teamEmailPatterns.length
        ? 'requireTeamEmail is on and it matches none of teamEmailPatterns'
        : 'requireTeamEmail is on and no teamEmailPatterns are configured',
    ]);
  }
  if (isFreeMail(domain)) return verdict(true, [`${domain} is a free-mail provider, where mailboxes belong to people`]);
  if (GROUP_DOMAINS.has(domain)) return verdict(false, [`${domain} hosts mailing lists, which reach a group`]);
  const words = local.split(/[._-]+/).filter(Boolean);
  const role = words.find((w) => ROLE_WORDS.has(w));
  if (role) return verdict(false, [`the local part "${quoteText(local)}" names a role or team ("${role}")`]);
  const nameShape = personNameShape(local);
  if (nameShape) return verdict(true, [`the local part "${local}" looks like a person's name (${nameShape})`]);
  if (GIVEN_NAMES.has(local)) return verdict(true, [`the local part "${local}" is a common first name`]);
  return verdict(false, [`nothing marks "${quoteText(trimmed)}" as personal (no free-mail domain, no first.last local part)`]);
}

/** `jane.doe`, `jane_doe`, `j.doe`, `jane.q.doe`: letters only, two or three parts. */
function personNameShape(local: string): string | undefined {
  if (!/^[a-z]+(?:[._][a-z]+){1,2}$/.test(local)) return undefined;
  const parts = local.split(/[._]/);
  const last = parts[parts.length - 1];
  if (last.length < 2) return undefined;
  if (parts[0].length === 1) return 'initial and surname, like j.doe';
  return local.includes('_') ? 'first_last, like jane_doe' : 'first.last, like jane.doe';
}

function isFreeMail(domain: string): boolean {
  const d = domain.toLowerCase();
  return FREE_MAIL_EXACT.has(d) || FREE_MAIL_PREFIXES.some((p) => d.startsWith(p));
}

function firstMatch(patterns: readonly string[], address: string): string | undefined {
  return userPatterns(patterns, { ignoreCase: true }).find((p) => p.regex.test(address))?.source;
}

/** One sentence for messages and hovers. */
export function explainVerdict(v: EmailVerdict): string {
  if (!v.valid) return `\`${quoteText(v.address)}\` is not a valid e-mail address.`;
  if (v.personal) {
    return `\`${quoteText(v.address)}\` looks personal: ${v.evidence.join('; ')}. Certificate notices sent to one person are lost when that person is away or leaves; use a team address or alias.`;
  }
  return `\`${quoteText(v.address)}\` looks like a team address: ${v.evidence.join('; ')}.`;
}
