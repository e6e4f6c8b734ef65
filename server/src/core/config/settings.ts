/**
 * Each setting described once: its type, default and description. package.json's contributions
 * and the .incident-docs.yaml schema are generated from this table (scripts/sync-manifest.ts)
 * and checked against it by tests.
 */
import { DEFAULT_TICKET_PATTERNS } from './ticketPatterns';
import { METRIC_TAGS, type Config, type RequiredSection } from './types';

export const DEFAULT_REQUIRED_SECTIONS: RequiredSection[] = [
  { name: 'Overview', aliases: ['Summary', 'Executive Summary', 'Incident Summary', 'Description'] },
  { name: 'Contributing Factors', aliases: ['Root Cause', 'Root Causes', 'Causes', 'Trigger'] },
  { name: 'Resolution', aliases: ['Mitigation', 'Recovery', 'Fix', 'Resolution and Recovery'] },
  { name: 'Impact', aliases: ['Customer Impact', 'User Impact'] },
  { name: 'Timeline', aliases: ['Chronology', 'Timeline of Events', 'Incident Timeline'] },
  {
    name: "How'd We Do?",
    aliases: ['Lessons Learned', 'Lessons', 'What Went Well', 'Retrospective', 'What went wrong'],
  },
  {
    name: 'Action Items',
    aliases: ['Follow-ups', 'Follow ups', 'Followups', 'Follow-up Actions', 'Next Steps', 'Remediation', 'Corrective Actions'],
  },
  { name: 'Messaging', aliases: ['Communication', 'Communications', 'Comms', 'External Communication'] },
];

export type SettingType = 'boolean' | 'number' | 'string' | 'string[]' | 'rules' | 'requiredSections' | 'wordLists' | 'daysByName';

export interface SettingDescriptor<K extends keyof Config = keyof Config> {
  key: K;
  type: SettingType;
  default: Config[K];
  description: string;
  /** Settings read by the server only (not meaningful in .incident-docs.yaml or the CLI). */
  editorOnly?: boolean;
  /** For `wordLists`: the keys it has, each a list of words; a layer that names some keeps the others. */
  keys?: readonly string[];
  /** A number setting's largest value (shares of a lifetime: 1). */
  maximum?: number;
}

function setting<K extends keyof Config>(d: SettingDescriptor<K>): SettingDescriptor {
  return d as unknown as SettingDescriptor;
}

export const SETTINGS: SettingDescriptor[] = [
  setting({ key: 'enable', type: 'boolean', default: true, description: 'Lint post-mortems and certificate inventories.' }),
  setting({
    key: 'debounceMs',
    type: 'number',
    default: 200,
    editorOnly: true,
    description: 'Milliseconds a burst of edits waits for a pause before the document is validated again. An edit after a quiet spell this long is validated at once.',
  }),
  setting({
    key: 'groupFindingsAbove',
    type: 'number',
    default: 100,
    editorOnly: true,
    description:
      'A rule with more findings than this in one file is shown as one problem that lists them in its related information (VS Code shows at most 1,000 problems per file). 0 never groups. The CLI always reports each finding.',
  }),
  setting({
    key: 'outlineMaxItems',
    type: 'number',
    default: 1000,
    editorOnly: true,
    description:
      'Items an outline holds at most (entries, sections, timeline rows; children counted): VS Code asks for it after every edit, and a larger one slows typing. Over it, the first items level by level, after one that says how many there are. 0: no limit.',
  }),
  setting({
    key: 'rules',
    type: 'rules',
    default: {},
    description: 'Severity per rule id: "off", "hint", "info", "warning" or "error". Example: {"pm/empty-row": "off"}.',
  }),
  setting({
    key: 'postmortemGlobs',
    type: 'string[]',
    default: [
      '**/postmortems/**/*.md',
      '**/post-mortems/**/*.md',
      '**/incidents/**/*.md',
      '**/incident-reports/**/*.md',
      '**/*postmortem*.md',
      '**/*post-mortem*.md',
    ],
    description: 'Markdown files matching these globs are post-mortems, whatever their title.',
  }),
  setting({
    key: 'requiredSections',
    type: 'requiredSections',
    default: DEFAULT_REQUIRED_SECTIONS,
    description:
      'Sections every post-mortem must have, in template order. Each is a name, or {"name", "aliases"}; headings match at any level, ignoring case and punctuation.',
  }),
  setting({
    key: 'template',
    type: 'string',
    default: 'default',
    description:
      'The post-mortem template: a preset (default, google-sre, pagerduty, atlassian, kehoe) or the path of the team\'s own template Markdown file (in .incident-docs.yaml, relative to it). Its headings are the required sections, in order (unless requiredSections is set); its text left in a post-mortem is template text.',
  }),
  setting({
    key: 'templatePatterns',
    type: 'string[]',
    default: [],
    description: 'Extra regular expressions that mark template text left in a post-mortem.',
  }),
  setting({
    key: 'ticketPatterns',
    type: 'string[]',
    default: DEFAULT_TICKET_PATTERNS,
    description: 'Regular expressions for ticket references an action item must carry (default: Jira keys, #123, owner/repo#123; links to an issue tracker always count).',
  }),
  setting({
    key: 'ticketUrl',
    type: 'string',
    default: '',
    description: 'URL template for ticket keys, e.g. https://jira.example.com/browse/{key}. When set, ticket keys become links.',
  }),
  setting({
    key: 'actionItemDoneWords',
    type: 'string[]',
    default: ['done', 'closed', 'fixed', 'complete', 'completed', 'resolved', 'merged', 'shipped', 'cancelled', 'canceled', "won't fix", 'wontfix', "won't do", 'not planned', 'obsolete'],
    description:
      'Statuses that close an action item (a Status column, or "status: …" in a list item), compared with the status\'s first words, ignoring case: done, or dropped on purpose (won\'t fix). A checked task-list box and ✅ count as done too. Done items are not overdue (pm/action-item-overdue) and need no ticket.',
  }),
  setting({
    key: 'impactToleranceMinutes',
    type: 'number',
    default: 15,
    description: 'How many minutes the Impact window may lie outside the timeline before pm/impact-timeline reports it.',
  }),
  setting({
    key: 'maxFileSizeBytes',
    type: 'number',
    // Bench P6: the largest post-mortem the editor lints in 3 s and the CLI in well under 500 MB.
    default: 512 * 1024,
    description: 'Files larger than this are not linted; they get one info finding instead.',
  }),
  setting({
    key: 'inventoryGlobs',
    type: 'string[]',
    default: ['**/cert-inventory*.y?(a)ml', '**/certificates*.y?(a)ml', '**/certs/inventory*.y?(a)ml'],
    description: 'YAML files matching these globs are certificate inventories (files with a top-level `certificates:` list always are).',
  }),
  setting({
    key: 'warnDays',
    type: 'number',
    default: 30,
    description:
      'Days before expiry at which a certificate is reported as expiring (an inventory entry may override it), when its lifetime is unknown; a certificate whose lifetime is known warns at warnShare of it instead.',
  }),
  setting({
    key: 'warnShare',
    type: 'number',
    maximum: 1,
    default: 1 / 3,
    description:
      'The warn window as a share of the certificate\'s lifetime, when the entry and its defaults set no warnDays and the lifetime is known (issued and expires or lifetime, or the PEM): a 47-day certificate warns about 15 days ahead, a one-year one about 121. 0 turns it off (the warnDays setting applies).',
  }),
  setting({
    key: 'renewAtShare',
    type: 'number',
    maximum: 1,
    default: 2 / 3,
    description:
      'Where in its lifetime an automatically renewed certificate (renewal method acme or cert-manager) is due for renewal: cert-manager and ACME clients renew at 2/3. Past that point and not replaced, cert/renewal-overdue reports it.',
  }),
  setting({
    key: 'teamEmailPatterns',
    type: 'string[]',
    default: [],
    description: 'Regular expressions for team addresses; an address matching one is never reported as personal.',
  }),
  setting({
    key: 'personalEmailPatterns',
    type: 'string[]',
    default: [],
    description: 'Regular expressions for personal addresses; an address matching one is always reported.',
  }),
  setting({
    key: 'requireTeamEmail',
    type: 'boolean',
    default: false,
    description: 'Report every address that matches none of teamEmailPatterns.',
  }),
  setting({
    key: 'defaultTeamEmail',
    type: 'string',
    default: '',
    description: 'Team address offered by the quick fix that replaces a personal address.',
  }),
  setting({
    key: 'extraCaFiles',
    type: 'string[]',
    default: [],
    description: 'PEM files of extra certificate authorities (internal CAs) trusted by live certificate checks.',
  }),
  setting({
    key: 'postmortemFolder',
    type: 'string',
    default: 'postmortems',
    description: 'Folder, relative to the workspace folder, where "New Post-Mortem" creates post-mortems.',
  }),
  setting({
    key: 'allowPathsOutsideWorkspace',
    type: 'boolean',
    default: false,
    description:
      'Let pemFile and extraCaFiles name files outside the workspace folder (by "..", an absolute path or a symbolic link). Off, such files are not read and pemFile gets a cert/pem-invalid finding.',
  }),
  setting({
    key: 'metricTags',
    type: 'wordLists',
    keys: METRIC_TAGS,
    default: {
      started: ['started'],
      detected: ['detected'],
      acknowledged: ['acknowledged', 'ack'],
      mitigated: ['mitigated'],
      resolved: ['resolved'],
    },
    description:
      'Words that, in brackets in a timeline entry ("[detected] First alert"), mark the moment it records, per moment (started, detected, acknowledged, mitigated, resolved); compared ignoring case. Time to detect, acknowledge, mitigate and resolve are taken from the front matter (incident.*), else from these entries, else from lines that state them ("Time to detection: 54 minutes").',
  }),
  setting({
    key: 'metricsToleranceMinutes',
    type: 'number',
    default: 10,
    description:
      'How many minutes a front-matter time or a stated duration ("TTR: 148 min") may differ from the timeline entry tagged with the same moment before pm/metrics-mismatch reports it.',
  }),
  setting({
    key: 'severities',
    type: 'string[]',
    default: ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'],
    description: 'The severities a post-mortem\'s front matter may give (severity: SEV2), most severe first. Empty: any text.',
  }),
  setting({
    key: 'frontMatterSchema',
    type: 'string',
    default: '',
    description:
      'The path of a JSON Schema file (JSON or YAML) declaring the team\'s own front-matter fields (in .incident-docs.yaml, relative to it). Checked with the built-in fields (title, date, status, severity, authors, incident, services, tickets) by pm/front-matter.',
  }),
  setting({
    key: 'reviewOverdueDays',
    type: 'daysByName',
    default: { SEV1: 3, SEV2: 5 },
    description:
      'Days after the incident (incident.resolved, else date) by which a post-mortem of each severity must leave draft and in-review; pm/review-overdue reports it after. Severities not listed are never overdue.',
  }),
];

export function defaultConfig(): Config {
  const config = {} as Record<string, unknown>;
  for (const s of SETTINGS) config[s.key] = structuredClone(s.default);
  return config as unknown as Config;
}
