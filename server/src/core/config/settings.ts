/**
 * Each setting described once: its type, default and description. package.json's contributions
 * and the .incident-docs.yaml schema are generated from this table (scripts/sync-manifest.ts)
 * and checked against it by tests.
 */
import { DEFAULT_TICKET_PATTERNS } from './ticketPatterns';
import type { Config, RequiredSection } from './types';

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

export type SettingType = 'boolean' | 'number' | 'string' | 'string[]' | 'rules' | 'requiredSections';

export interface SettingDescriptor<K extends keyof Config = keyof Config> {
  key: K;
  type: SettingType;
  default: Config[K];
  description: string;
  /** Settings read by the server only (not meaningful in .incident-docs.yaml or the CLI). */
  editorOnly?: boolean;
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
    description: 'Milliseconds to wait after an edit before a document is validated again.',
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
    description: 'Days before expiry at which a certificate is reported as expiring (an inventory entry may override it).',
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
];

export function defaultConfig(): Config {
  const config = {} as Record<string, unknown>;
  for (const s of SETTINGS) config[s.key] = structuredClone(s.default);
  return config as unknown as Config;
}
