/**
 * The one settings type. VS Code settings (`incidentDocs.<key>`), LSP initializationOptions,
 * `.incident-docs.yaml` and CLI flags all resolve to a `Config` through `resolveConfig`.
 * Each setting is described once, in SETTINGS; package.json's contributions and the
 * .incident-docs.yaml schema are checked against that table by tests.
 */
import type { RuleLevel } from './types';

export interface RequiredSection {
  name: string;
  aliases: string[];
}

export interface Config {
  enable: boolean;
  debounceMs: number;
  /** Per-rule level overrides: `{"pm/empty-row": "off"}`. */
  rules: Record<string, RuleLevel>;
  postmortemGlobs: string[];
  requiredSections: RequiredSection[];
  /** A preset name (`default`, `google-sre`, …) or the path of the team's template Markdown file. */
  template: string;
  /** Extra regular expressions (sources) that mark template text left behind. */
  templatePatterns: string[];
  /** Regular expressions (sources) for ticket references in action items. */
  ticketPatterns: string[];
  /** e.g. https://jira.example.com/browse/{key}; empty for no ticket links. */
  ticketUrl: string;
  /** How far the Impact window may sit from the timeline before it is reported. */
  impactToleranceMinutes: number;
  /** Files larger than this get one info finding instead of a lint. */
  maxFileSizeBytes: number;
  inventoryGlobs: string[];
  warnDays: number;
  teamEmailPatterns: string[];
  personalEmailPatterns: string[];
  requireTeamEmail: boolean;
  defaultTeamEmail: string;
  extraCaFiles: string[];
  /** Where "New Post-Mortem" creates files, relative to the workspace folder. */
  postmortemFolder: string;
  /** Lets pemFile and extraCaFiles name files outside the workspace (or through links leaving it). */
  allowPathsOutsideWorkspace: boolean;
}

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

/** Upper-case prefixes that look like ticket keys but are not: SEV-1, CVE-2021-44228, UTF-8. */
const NOT_TICKET_PREFIXES = 'SEV|CVE|UTC|GMT|ISO|RFC|TLS|SSL|HTTP|UTF|SHA|AES|RSA|TCP|UDP|P';

/** A Jira-style key (RHCLOUD-8613), as a regular expression source. */
export const TICKET_KEY_PATTERN = `\\b(?!(?:${NOT_TICKET_PREFIXES})-)[A-Z][A-Z0-9]{1,9}-\\d+\\b`;

export const DEFAULT_TICKET_PATTERNS = [
  TICKET_KEY_PATTERN, // Jira-style keys: RHCLOUD-8613
  '(?:^|[\\s(\\[])#\\d+\\b', // #123
  '\\b[\\w.-]+/[\\w.-]+#\\d+\\b', // owner/repo#123
  '\\bhttps?://\\S+', // any link
];

type SettingType = 'boolean' | 'number' | 'string' | 'string[]' | 'rules' | 'requiredSections';

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
    description: 'Regular expressions for ticket references an action item must carry (Jira keys, #123, owner/repo#123, links).',
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
    default: 5 * 1024 * 1024,
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

const LEVELS = new Set(['off', 'hint', 'info', 'warning', 'error']);

export interface ConfigLayer {
  /** Where these values came from, for messages: "settings", ".incident-docs.yaml", "--rule". */
  source: string;
  values: unknown;
}

export interface ResolvedConfig {
  config: Config;
  /** Values that were ignored, with a reason a person understands. */
  problems: string[];
}

/**
 * Merges layers over the defaults, later layers winning. Unknown keys and values of the wrong
 * type are reported and ignored, never thrown: a typo in settings must not stop linting.
 * `rules` merges per rule id; every other key replaces.
 */
export function resolveConfig(layers: ConfigLayer[]): ResolvedConfig {
  const config = defaultConfig() as unknown as Record<string, unknown>;
  const problems: string[] = [];
  const byKey = new Map(SETTINGS.map((s) => [s.key as string, s]));
  for (const layer of layers) {
    if (layer.values === undefined || layer.values === null) continue;
    if (typeof layer.values !== 'object' || Array.isArray(layer.values)) {
      problems.push(`${layer.source}: expected a mapping of settings, got ${describe(layer.values)}`);
      continue;
    }
    for (const [key, raw] of Object.entries(layer.values as Record<string, unknown>)) {
      const descriptor = byKey.get(key);
      if (!descriptor) {
        problems.push(`${layer.source}: unknown setting "${key}"`);
        continue;
      }
      if (raw === undefined || raw === null) continue;
      const value = coerce(descriptor, raw, layer.source, problems);
      if (value === undefined) continue;
      if (descriptor.type === 'rules') {
        config.rules = { ...(config.rules as Record<string, RuleLevel>), ...(value as Record<string, RuleLevel>) };
      } else {
        config[key] = value;
      }
    }
  }
  return { config: config as unknown as Config, problems };
}

function coerce(d: SettingDescriptor, raw: unknown, source: string, problems: string[]): unknown {
  const where = `${source}: "${d.key}"`;
  switch (d.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      break;
    case 'number':
      if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return raw;
      break;
    case 'string':
      if (typeof raw === 'string') return raw;
      break;
    case 'string[]':
      if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) {
        if (d.key.endsWith('Patterns')) return validPatterns(raw as string[], where, problems);
        return raw;
      }
      break;
    case 'rules':
      if (typeof raw === 'object' && !Array.isArray(raw)) {
        const out: Record<string, RuleLevel> = {};
        for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
          const normalized = level === 'warn' ? 'warning' : level === 'information' ? 'info' : level;
          if (typeof normalized === 'string' && LEVELS.has(normalized)) out[id] = normalized as RuleLevel;
          else problems.push(`${where}: rule "${id}" has level ${describe(level)}; use off, hint, info, warning or error`);
        }
        return out;
      }
      break;
    case 'requiredSections':
      if (Array.isArray(raw)) {
        const out: RequiredSection[] = [];
        for (const item of raw) {
          if (typeof item === 'string' && item.trim()) out.push({ name: item, aliases: [] });
          else if (item && typeof item === 'object' && typeof (item as RequiredSection).name === 'string') {
            const aliases = (item as RequiredSection).aliases;
            out.push({
              name: (item as RequiredSection).name,
              aliases: Array.isArray(aliases) ? aliases.filter((a): a is string => typeof a === 'string') : [],
            });
          } else problems.push(`${where}: ignored entry ${describe(item)}; expected a name or {name, aliases}`);
        }
        return out;
      }
      break;
  }
  problems.push(`${where} expects ${d.type === 'rules' ? 'a mapping of rule ids to levels' : d.type}, got ${describe(raw)}`);
  return undefined;
}

function validPatterns(patterns: string[], where: string, problems: string[]): string[] {
  return patterns.filter((p) => {
    try {
      new RegExp(p);
      return true;
    } catch (e) {
      problems.push(`${where}: ignored invalid regular expression ${JSON.stringify(p)} (${(e as Error).message})`);
      return false;
    }
  });
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
