/**
 * The one settings type. VS Code settings (`incidentDocs.<key>`), LSP initializationOptions,
 * `.incident-docs.yaml` and CLI flags all resolve to a `Config` (see resolveConfig in index.ts).
 */
import type { RuleLevel } from '../types';

export interface RequiredSection {
  name: string;
  aliases: string[];
}

/** The moments of an incident a timeline entry can be tagged with: `[detected]`. */
export const METRIC_TAGS = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export type MetricTag = (typeof METRIC_TAGS)[number];

export interface Config {
  enable: boolean;
  debounceMs: number;
  /** Editor only: above this many findings of one rule in one file, they are shown as one (0: never). */
  groupFindingsAbove: number;
  /** Editor only: outline items at most (0: no limit). */
  outlineMaxItems: number;
  /** Per-rule level overrides: `{"pm/empty-row": "off"}`. */
  rules: Record<string, RuleLevel>;
  postmortemGlobs: string[];
  requiredSections: RequiredSection[];
  /** A preset name (`default`, `google-sre`, …) or the path of the team's template Markdown file. */
  template: string;
  /** The severities a post-mortem's front matter may name (`severity:`), most severe first. */
  severities: string[];
  /** The path of a JSON Schema (JSON or YAML) for the team's own front-matter fields; empty for none. */
  frontMatterSchema: string;
  /** Days after the incident (resolved, else dated) by which a post-mortem of each severity must be reviewed. */
  reviewOverdueDays: Record<string, number>;
  /** Extra regular expressions (sources) that mark template text left behind. */
  templatePatterns: string[];
  /** Regular expressions (sources) for ticket references in action items. */
  ticketPatterns: string[];
  /** e.g. https://jira.example.com/browse/{key}; empty for no ticket links. */
  ticketUrl: string;
  /** Statuses that close an action item (`Done`, `Closed (dup)`): compared as the status's first words, ignoring case. */
  actionItemDoneWords: string[];
  /** How far the Impact window may sit from the timeline before it is reported. */
  impactToleranceMinutes: number;
  /** Words that, in brackets in a timeline entry (`[detected]`), mark the moment it records; compared ignoring case. */
  metricTags: Record<MetricTag, string[]>;
  /** How far apart two statements of one incident time may be before pm/metrics-mismatch reports them. */
  metricsToleranceMinutes: number;
  /** Files larger than this get one info finding instead of a lint. */
  maxFileSizeBytes: number;
  inventoryGlobs: string[];
  warnDays: number;
  /** The warn window as a share of a known lifetime (0 to 1; 0: off), when no warnDays is written. */
  warnShare: number;
  /** The share of its lifetime at which an automated certificate is due for renewal (0 to 1). */
  renewAtShare: number;
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
