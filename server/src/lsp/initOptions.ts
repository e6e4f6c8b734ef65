import { SETTINGS } from '../core/config';

/** The settings section, in `workspace/configuration` and in pushed settings. */
export const SETTINGS_SECTION = 'incidentDocs';

export interface InitOptions {
  /** Settings given at start-up, before (or instead of) any configuration request. */
  settings: unknown;
  /** Fixed "now" for the expiry rules; a hook for tests, not a user setting. */
  now?: Date;
  /** The time budget per document version (analyses.ts); a hook for tests, not a user setting. */
  lintBudgetMs?: number;
  /**
   * The editor outlines Markdown headings itself (VS Code's Markdown support does): the server's
   * Markdown outline then holds only what that one lacks, the timeline's entries, so no heading
   * shows twice. `outlineTimelineOnly: true`; not a user setting.
   */
  outlineTimelineOnly: boolean;
}

/**
 * Reads `initializationOptions`: either `{ "incidentDocs": { ...settings } }` or the settings
 * object itself (what Helix and plain Neovim set-ups tend to send).
 */
export function readInitOptions(raw: unknown): InitOptions {
  if (!isRecord(raw)) return { settings: undefined, outlineTimelineOnly: false };
  const section = isRecord(raw[SETTINGS_SECTION]) ? raw[SETTINGS_SECTION] : raw;
  const { now, lintBudgetMs, outlineTimelineOnly, ...settings } = section as Record<string, unknown>;
  const date = typeof now === 'string' || typeof now === 'number' ? new Date(now) : undefined;
  const budget = typeof lintBudgetMs === 'number' && lintBudgetMs >= 0 ? lintBudgetMs : undefined;
  return {
    settings,
    now: date && !Number.isNaN(date.getTime()) ? date : undefined,
    lintBudgetMs: budget,
    outlineTimelineOnly: outlineTimelineOnly === true,
  };
}

const SETTING_KEYS = new Set<string>(SETTINGS.map((s) => s.key));

/**
 * The settings in a `didChangeConfiguration` payload: its `incidentDocs` section, or the payload
 * itself when it is a flat settings object (Helix pushes its `config` as is); undefined when it
 * holds none of ours (`null` from pull clients, `{}` from Neovim, other servers' sections).
 */
export function settingsFromPush(settings: unknown): unknown {
  if (!isRecord(settings)) return undefined;
  if (isRecord(settings[SETTINGS_SECTION])) return settings[SETTINGS_SECTION];
  return Object.keys(settings).some((key) => SETTING_KEYS.has(key)) ? settings : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
