/**
 * Done when (issue 17): given their own team's template file, the corpus's real post-mortems get
 * pm/required-section only for the sections each really lacks. Each expectation below was read by
 * hand against the report and its team's template (test/fixtures/templates/, verbatim).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../../../server/src/core/lint';
import { byRule, config, NOW } from '../../../helpers/lint';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const TEMPLATES = {
  posthog: join(FIXTURES, 'templates', 'PostHog__post-mortems__investigations-template.md'),
  dfds: join(FIXTURES, 'templates', 'dfds__postmortems__PMyyyy-nnn_Postmortem-template.md'),
  mybinder: join(FIXTURES, 'templates', 'jupyterhub__mybinder.org-deploy__docs-source-incident-reports-template-incident-report.md'),
};

/** File → the template's sections it lacks (why, in a word, where it is not obvious). */
const EXPECTED: [string, keyof typeof TEMPLATES, string[]][] = [
  // Written after the investigations template: no lead named, no DERP checklist, no "Anything else".
  // Timeline, Root Cause Analysis and Remediation stand for its Timeline summary, Identified cause and Follow-ups.
  ['PostHog__post-mortems__2025-09-29-flags-is-down.md', 'posthog', ['Anything else', 'DERP Checklist', 'Incident Lead']],
  ['PostHog__post-mortems__2026-01-17-replay-sdk-fetch-wrapper-incident.md', 'posthog', ['Anything else', 'DERP Checklist', 'Incident Lead']],
  // Prose only, no heading at all: one finding that lists the template's sections.
  ['PostHog__post-mortems__investigations-2024-02-28-decide-is-down.md', 'posthog', ['(none of the template)']],
  ['dfds__postmortems__PM2019-009_Kubernetes-network-infrastructure-IP-starvation.md', 'dfds', ['Attendees', 'Stats']],
  ['dfds__postmortems__PM2020-002_KIAM-service-disruption-on-Hellman.md', 'dfds', ['Attendees']],
  ['dfds__postmortems__PM2020-003_Postmortem-for-ADSync-migration.md', 'dfds', ['Attendees']],
  ['dfds__postmortems__PM2020-009_KIAM-service-disruption-due-to-upgrade.md', 'dfds', ['Attendees']],
  // "## Atendees": present, misspelled (named as the near miss).
  ['dfds__postmortems__PM2021-004_ADFS-outage.md', 'dfds', ['Attendees']],
  ['dfds__postmortems__PM2021-011_Log4Shell.md', 'dfds', ['Contributing Factors']],
  // "Conclusion" holds the lessons; the Action items subheadings are the template's samples.
  ['jupyterhub__mybinder.org-deploy__docs-source-incident-reports-2017-09-27-hub-403.md', 'mybinder', []],
  ['jupyterhub__mybinder.org-deploy__docs-source-incident-reports-2018-01-18-ssl-outdated.md', 'mybinder', ['Lessons learnt']],
  ['jupyterhub__mybinder.org-deploy__docs-source-incident-reports-2022-06-02-pod-limit.md', 'mybinder', []],
];

describe('pm/required-section with each team’s own template, on its real post-mortems', () => {
  for (const [file, team, lacks] of EXPECTED) {
    it(`${file}: ${lacks.join(', ') || 'nothing'}`, () => {
      const path = join(FIXTURES, 'postmortems', file);
      const findings = byRule(
        lint({ path, root: FIXTURES, text: readFileSync(path, 'utf8') }, config({ template: TEMPLATES[team] }), { now: NOW, kind: 'postmortem' }),
        'pm/required-section',
      );
      const names = findings.map((f) => (f.data?.section as string | undefined) ?? '(none of the template)').sort();
      assert.deepEqual(names, [...lacks].sort());
    });
  }

  it('the misspelled heading is the one pointed at, with a rename', () => {
    const path = join(FIXTURES, 'postmortems', 'dfds__postmortems__PM2021-004_ADFS-outage.md');
    const [finding] = byRule(lint({ path, root: FIXTURES, text: readFileSync(path, 'utf8') }, config({ template: TEMPLATES.dfds }), { now: NOW, kind: 'postmortem' }), 'pm/required-section');
    assert.equal(finding.message, 'Missing required section “Attendees”; did you mean the heading “Atendees”?');
    assert.deepEqual([finding.range.start.line + 1, finding.range.start.character + 1], [40, 4]);
  });

  it('with the default template the same reports get findings they never had a section for (what the team template removes)', () => {
    const path = join(FIXTURES, 'postmortems', 'dfds__postmortems__PM2020-002_KIAM-service-disruption-on-Hellman.md');
    const findings = byRule(lint({ path, root: FIXTURES, text: readFileSync(path, 'utf8') }, config(), { now: NOW, kind: 'postmortem' }), 'pm/required-section');
    assert.ok(findings.some((f) => f.data?.section === 'Messaging'));
  });
});
