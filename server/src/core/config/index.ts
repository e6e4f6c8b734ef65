/**
 * Settings from every source merged into one `Config`. VS Code settings (`incidentDocs.<key>`),
 * LSP initializationOptions, `.incident-docs.yaml` and CLI flags are layers; each setting is
 * described once, in SETTINGS (settings.ts).
 */
import { quoteText } from '../quote';
import type { RuleLevel } from '../types';
import { coerce, describe } from './coerce';
import { defaultConfig, SETTINGS } from './settings';
import type { Config } from './types';

export type { Config, MetricTag, RequiredSection } from './types';
export { METRIC_TAGS } from './types';
export { DEFAULT_REQUIRED_SECTIONS, defaultConfig, SETTINGS, type SettingDescriptor } from './settings';
export { DEFAULT_TICKET_PATTERNS, TICKET_KEY_PATTERN } from './ticketPatterns';

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
 * `rules` merges per rule id and a word list (`metricTags`) per key; every other key replaces.
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
        problems.push(`${layer.source}: unknown setting "${quoteText(key)}"`);
        continue;
      }
      if (raw === undefined || raw === null) continue;
      const value = coerce(descriptor, raw, layer.source, problems);
      if (value === undefined) continue;
      if (descriptor.type === 'rules') {
        config.rules = { ...(config.rules as Record<string, RuleLevel>), ...(value as Record<string, RuleLevel>) };
      } else if (descriptor.type === 'wordLists') {
        config[key] = { ...(config[key] as Record<string, string[]>), ...(value as Record<string, string[]>) };
      } else {
        config[key] = value;
      }
    }
  }
  return { config: config as unknown as Config, problems };
}
