import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig, type Config, type ConfigLayer } from '../core/config';
import { findConfigFile, parseConfigText } from '../core/configFile';
import type { RuleLevel } from '../core/types';
import { CliError } from './errors';
import { displayPath } from './paths';

export interface ConfigSources {
  /** `--config FILE`: used for every file instead of the nearest .incident-docs.yaml. */
  explicitFile?: string;
  /** `--rule` overrides, applied over whichever file is used. */
  ruleOverrides: Record<string, RuleLevel>;
  /** Config files are named relative to it in messages. */
  cwd: string;
  /** Called once per distinct problem (unknown key, bad value, malformed YAML). */
  warn(message: string): void;
}

/**
 * The config of each linted file: defaults, then `--config FILE` or the nearest
 * .incident-docs.yaml at or above the file, then `--rule`. Resolved once per config file.
 */
export class ConfigResolver {
  private readonly byConfigFile = new Map<string, Config>();
  private readonly configFileOfDir = new Map<string, string | undefined>();
  private readonly reported = new Set<string>();

  constructor(private readonly sources: ConfigSources) {
    // An explicit file that does not exist is a mistake in the command, not a config problem.
    if (sources.explicitFile && !fs.existsSync(sources.explicitFile)) {
      throw new CliError(`--config ${sources.explicitFile}: no such file`);
    }
  }

  configFor(file: string): Config {
    const configFile = this.sources.explicitFile ?? this.nearestConfigFile(path.dirname(file));
    const key = configFile ?? '';
    let config = this.byConfigFile.get(key);
    if (!config) {
      config = this.resolve(configFile);
      this.byConfigFile.set(key, config);
    }
    return config;
  }

  /** Where files a document names (pemFile) must stay: the config file's folder, else the working directory. */
  rootFor(file: string): string {
    const configFile = this.sources.explicitFile ?? this.nearestConfigFile(path.dirname(file));
    return configFile ? path.dirname(path.resolve(configFile)) : this.sources.cwd;
  }

  private nearestConfigFile(dir: string): string | undefined {
    if (!this.configFileOfDir.has(dir)) this.configFileOfDir.set(dir, findConfigFile(dir));
    return this.configFileOfDir.get(dir);
  }

  private resolve(configFile: string | undefined): Config {
    const layers: ConfigLayer[] = [];
    if (configFile) {
      const loaded = this.load(configFile);
      loaded.problems.forEach((p) => this.warnOnce(p));
      if (loaded.layer) layers.push(loaded.layer);
    }
    if (Object.keys(this.sources.ruleOverrides).length > 0) {
      layers.push({ source: '--rule', values: { rules: this.sources.ruleOverrides } });
    }
    const { config, problems } = resolveConfig(layers);
    problems.forEach((p) => this.warnOnce(p));
    return config;
  }

  /** Like core's loadConfigFile, but messages name the file as the user sees it (relative to the cwd). */
  private load(configFile: string): ReturnType<typeof parseConfigText> {
    const shown = displayPath(configFile, this.sources.cwd);
    let text: string;
    try {
      text = fs.readFileSync(configFile, 'utf8');
    } catch (e) {
      return { problems: [`${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] };
    }
    return parseConfigText(text, shown);
  }

  private warnOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.sources.warn(message);
  }
}
