/** The settings section, in `workspace/configuration` and in pushed settings. */
export const SETTINGS_SECTION = 'incidentDocs';

export interface InitOptions {
  /** Settings given at start-up, before (or instead of) any configuration request. */
  settings: unknown;
  /** Fixed "now" for the expiry rules; a hook for tests, not a user setting. */
  now?: Date;
}

/**
 * Reads `initializationOptions`: either `{ "incidentDocs": { ...settings } }` or the settings
 * object itself (what Helix and plain Neovim set-ups tend to send).
 */
export function readInitOptions(raw: unknown): InitOptions {
  if (!isRecord(raw)) return { settings: undefined };
  const section = isRecord(raw[SETTINGS_SECTION]) ? raw[SETTINGS_SECTION] : raw;
  const { now, ...settings } = section as Record<string, unknown>;
  const date = typeof now === 'string' || typeof now === 'number' ? new Date(now) : undefined;
  return { settings, now: date && !Number.isNaN(date.getTime()) ? date : undefined };
}

/** The `incidentDocs` part of a `didChangeConfiguration` payload; undefined when it holds none. */
export function settingsFromPush(settings: unknown): unknown {
  return isRecord(settings) && isRecord(settings[SETTINGS_SECTION]) ? settings[SETTINGS_SECTION] : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
