import { classifyEmail, explainVerdict } from '../../inventory/emails';
import { emailRefs, isPlaceholder, type EmailRole } from '../../inventory/refs';
import type { FixSpec, Rule } from '../../rule';
import type { CertModel } from '../../inventory/model';

const ROLE_NAMES: Record<EmailRole, string> = {
  owner: 'owner',
  notify: 'notify address',
  escalation: 'renewal escalation',
  acme: 'ACME registration e-mail (spec.acme.email, where Let\'s Encrypt sends expiry notices)',
};

export const personalEmail: Rule<CertModel> = {
  id: 'cert/personal-email',
  defaultSeverity: 'warning',
  scope: 'entry',
  docs: {
    summary: 'An owner, notify, escalation or cert-manager ACME address belongs to a person, not a team.',
    details:
      'Personal when it matches `personalEmailPatterns`; or its domain is a free-mail provider (gmail.com, outlook.com, hotmail.*, yahoo.*, icloud.com, proton.me, gmx.*, ...); or its local part looks like a person\'s name (jane.doe, jane_doe, j.doe, or a common first name alone). Addresses naming a role (sre-oncall@, platform-team@, pki@) and mailing-list hosts (googlegroups.com) are not. `teamEmailPatterns` always win; with `requireTeamEmail`, every address matching none of them is reported. Expiry notices sent to one person die with that mailbox. Quick fix: replace it with `defaultTeamEmail`, when set.',
    options: '`teamEmailPatterns`, `personalEmailPatterns`, `requireTeamEmail`, `defaultTeamEmail`',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    owner: jane.doe@example.com\n    notify: [janedoe1984@gmail.com]\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    expires: 2099-01-31\n    owner: platform-team@example.com\n    notify: [sre-oncall@example.com]\n',
  },
  check(model, report, { config }) {
    for (const ref of emailRefs(model)) {
      if (ref.inManifest && isPlaceholder(ref.address)) continue;
      const verdict = classifyEmail(ref.address, config);
      if (!verdict.valid || !verdict.personal) continue;
      const fixes: FixSpec[] = [];
      const team = config.defaultTeamEmail.trim();
      if (team && team.toLowerCase() !== ref.address.toLowerCase()) {
        fixes.push({ title: `Replace with the team address ${team}`, edits: [{ span: ref.span, newText: team }], preferred: true });
      }
      report({
        message: `${ref.where}: personal ${ROLE_NAMES[ref.role]}. ${explainVerdict(verdict)}`,
        span: ref.span,
        fixes,
        data: { address: ref.address, evidence: verdict.evidence },
      });
    }
  },
};
