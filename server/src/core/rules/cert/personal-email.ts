import type { Config } from '../../config';
import { classifyEmail, explainVerdict } from '../../inventory/emails';
import { emailRefsSteps, isPlaceholder, type EmailRef, type EmailRole } from '../../inventory/refs';
import type { FixSpec, Rule } from '../../rule';
import type { CertModel } from '../../inventory/model';
import { MAX_QUOTED_CHARS, quoteList, sentenceStart } from '../../quote';
import { pacer } from '../../steps';

type EmailVerdict = ReturnType<typeof classifyEmail>;

const ROLE_NAMES: Record<EmailRole, string> = {
  owner: 'owner',
  notify: 'notify address',
  escalation: 'renewal escalation',
  acme: 'ACME registration e-mail (spec.acme.email, where Let\'s Encrypt sends expiry notices)',
};

/** A ref's verdict under one config: the refs of entries an edit left alone are the same objects (refs.ts), and so are their verdicts. */
const verdicts = new WeakMap<EmailRef, { config: Config; verdict: EmailVerdict }>();

function verdictOf(ref: EmailRef, config: Config): EmailVerdict {
  const known = verdicts.get(ref);
  if (known?.config === config) return known.verdict;
  const verdict = classifyEmail(ref.address, config);
  verdicts.set(ref, { config, verdict });
  return verdict;
}

export const personalEmail: Rule<CertModel> = {
  id: 'cert/personal-email',
  defaultSeverity: 'warning',
  // Not entry-scoped: the same address in several entries or resources is one finding (one fact).
  docs: {
    summary: 'An owner, notify, escalation or cert-manager ACME address belongs to a person, not a team.',
    details:
      'Personal when it matches `personalEmailPatterns`; or its domain is a free-mail provider (gmail.com, outlook.com, hotmail.*, yahoo.*, icloud.com, proton.me, gmx.*, ...); or its local part looks like a person\'s name (jane.doe, jane_doe, j.doe, or a common first name alone). Addresses naming a role (sre-oncall@, platform-team@, pki@) and mailing-list hosts (googlegroups.com) are not. `teamEmailPatterns` always win. The same address used in several entries or resources is one finding, on its first use, with the others as related locations (the fix replaces them all). With `requireTeamEmail`, every address matching none of them is reported. Expiry notices sent to one person die with that mailbox. Quick fix: replace it with `defaultTeamEmail`, when set.',
    options: '`teamEmailPatterns`, `personalEmailPatterns`, `requireTeamEmail`, `defaultTeamEmail`',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    owner: jane.doe@example.com\n    notify: [janedoe1984@gmail.com]\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    owner: platform-team@example.com\n    notify: [sre-oncall@example.com]\n',
    fixes: [{ title: 'Replace with `defaultTeamEmail`', safe: false, note: 'it changes who is told, which a person decides' }],
  },
  *check(model, report, { config }) {
    const byAddress = new Map<string, { ref: EmailRef; verdict: EmailVerdict }[]>();
    const pace = pacer();
    for (const ref of yield* emailRefsSteps(model)) {
      if (pace()) yield;
      if (ref.inManifest && isPlaceholder(ref.address)) continue;
      const verdict = verdictOf(ref, config);
      if (!verdict.valid || !verdict.personal) continue;
      const key = ref.address.toLowerCase();
      const uses = byAddress.get(key);
      if (uses) uses.push({ ref, verdict });
      else byAddress.set(key, [{ ref, verdict }]);
    }
    for (const uses of byAddress.values()) {
      const [{ ref, verdict }, ...others] = uses;
      const fixes: FixSpec[] = [];
      const team = config.defaultTeamEmail.trim();
      if (team && team.toLowerCase() !== ref.address.toLowerCase()) {
        fixes.push({ title: `Replace with the team address ${team}`, edits: uses.map((u) => ({ span: u.ref.span, newText: team })), preferred: true });
      }
      // The first few uses by name, the rest counted: an address in thousands of entries made a message of hundreds of KB.
      const also = others.length ? ` Also used by ${quoteList(others.map((o) => o.ref.where), ['', ''], 2 * MAX_QUOTED_CHARS)}.` : '';
      report({
        message: `${sentenceStart(ref.where)}: personal ${ROLE_NAMES[ref.role]}. ${explainVerdict(verdict)}${also}`,
        span: ref.span,
        fixes,
        related: others.map((o) => ({ span: o.ref.span, message: `${sentenceStart(o.ref.where)}: the same address` })),
        data: { address: ref.address, evidence: verdict.evidence },
      });
    }
  },
};
