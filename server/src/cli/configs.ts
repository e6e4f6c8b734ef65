import * as path from 'node:path';
import { resolveConfig, type Config, type ConfigLayer } from '../core/config';
import type { RuleLevel } from '../core/types';
import { findConfigFile, loadConfigFile } from '../core/workspace/configFile';
import { policyRootFor } from '../core/workspace/pathPolicy';
import { CliError } from './errors';
import { messagePath } from './paths';

export interface ConfigSources {
  /** `--config FILE`: used for every file instead of the nearest .incident-docs.yaml. */
  explicitFile?: string;
  /** `--rule` overrides, applied over whichever file is used. */
  ruleOverrides: Record<string, RuleLevel>;
  /** `--allow-paths-outside-workspace`: only the command line (never a config file) may lift the limit. */
  allowPathsOutsideWorkspace?: boolean;
  /** Config files are named relative to it in messages. */
  cwd: string;
  /** Called once per distinct problem (unknown key, bad value, a setting a file may not give). */
  warn(message: string): void;
}

/**
 * The config of each linted file: defaults, then `--config FILE` or the nearest
 * .incident-docs.yaml at or above the file, then the command line. Resolved once per config
 * file. A config file that cannot be used (unreadable, malformed) is a CliError (exit 2): linting
 * with the defaults instead would give findings the team switched off, or miss the ones it asked for.
 */
export class ConfigResolver {
  private readonly byConfigFile = new Map<string, Config | CliError>();
  private readonly configFileOfDir = new Map<string, string | undefined>();
  private readonly rootOfDir = new Map<string, string>();
  private readonly reported = new Set<string>();
  private readonly explicitFile?: string;

  constructor(private readonly sources: ConfigSources) {
    this.explicitFile = sources.explicitFile ? path.resolve(sources.cwd, sources.explicitFile) : undefined;
    // A --config that cannot be used stops the run before anything is linted.
    if (this.explicitFile) {
      const config = this.cached(this.explicitFile);
      if (config instanceof CliError) throw new CliError(`--config ${config.message}`);
    }
  }

  /** Throws CliError when the file's config file cannot be used. */
  configFor(file: string): Config {
    const config = this.cached(this.configFileFor(file));
    if (config instanceof CliError) throw config;
    return config;
  }

  /** Where files a document names (pemFile, extraCaFiles) must stay: see policyRootFor. */
  rootFor(file: string): string {
    // Once per folder: the search for .git walks up the tree, and a folder of thousands of files shares one answer.
    const dir = path.dirname(path.resolve(file));
    let root = this.rootOfDir.get(dir);
    if (root === undefined) this.rootOfDir.set(dir, (root = policyRootFor(file, this.configFileFor(file))));
    return root;
  }

  configFileFor(file: string): string | undefined {
    return this.explicitFile ?? this.nearestConfigFile(path.dirname(path.resolve(file)));
  }

  private cached(configFile: string | undefined): Config | CliError {
    const key = configFile ?? '';
    let config = this.byConfigFile.get(key);
    if (!config) {
      config = this.resolve(configFile);
      this.byConfigFile.set(key, config);
    }
    return config;
  }

  private nearestConfigFile(dir: string): string | undefined {
    if (!this.configFileOfDir.has(dir)) this.configFileOfDir.set(dir, findConfigFile(dir));
    return this.configFileOfDir.get(dir);
  }

  private resolve(configFile: string | undefined): Config | CliError {
    const layers: ConfigLayer[] = [];
    if (configFile) {
      const loaded = loadConfigFile(configFile, { shown: messagePath(configFile, this.sources.cwd) });
      if (loaded.error) return new CliError(loaded.error);
      loaded.problems.forEach((p) => this.warnOnce(p));
      if (loaded.layer) layers.push(loaded.layer);
    }
    const commandLine: Record<string, unknown> = {};
    if (Object.keys(this.sources.ruleOverrides).length > 0) commandLine.rules = this.sources.ruleOverrides;
    if (this.sources.allowPathsOutsideWorkspace) commandLine.allowPathsOutsideWorkspace = true;
    if (Object.keys(commandLine).length > 0) layers.push({ source: 'command line', values: commandLine });
    const { config, problems } = resolveConfig(layers);
    problems.forEach((p) => this.warnOnce(p));
    return config;
  }

  private warnOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.sources.warn(message);
  }
}
