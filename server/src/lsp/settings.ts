import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { resolveConfig, type ConfigLayer, type ResolvedConfig } from '../core/config';
import { findConfigFile, loadConfigFile } from '../core/workspace/configFile';
import type { ClientFeatures } from './clientFeatures';
import { SETTINGS_SECTION } from './initOptions';
import type { Logger } from './logger';
import { uriToPath } from './uri';
import type { WorkspaceFolders } from './workspaceFolders';

/** Configs kept by what they were resolved from: a workspace has a few distinct ones (a folder's file, a language's settings). */
const CONFIGS_KEPT = 32;

/**
 * Settings per resource, layered: defaults < editor settings < the nearest `.incident-docs.yaml`.
 * Editor settings are what the client pushed (initializationOptions, then didChangeConfiguration)
 * overlaid with what it answers to `workspace/configuration`, when it offers that.
 */
export class DocumentSettings {
  /** Pulled settings per URI; cleared whenever the client says settings changed. */
  private readonly pulled = new Map<string, Promise<unknown>>();
  private pushed: unknown;
  /**
   * Configs by what they were resolved from (the layers, their problems), the most recently used
   * last: the same layers give the same object, for any file, however often its settings were
   * pulled again. An analysis is re-used only under the same config object (AnalysisCache): a read
   * of a closed file let its settings go (forget), the file's open pulled them again, and the open
   * parsed the whole of a 5,000-entry inventory that the Certificates view had just parsed.
   */
  private readonly resolvedByKey = new Map<string, ResolvedConfig>();

  constructor(
    private readonly connection: Connection,
    private readonly features: ClientFeatures,
    private readonly folders: WorkspaceFolders,
    private readonly logger: Logger,
    initialSettings: unknown,
  ) {
    this.pushed = initialSettings;
  }

  /** A settings change from the client: `pushedSettings` is undefined when it carries none (pull clients). */
  changed(pushedSettings: unknown): void {
    if (pushedSettings !== undefined) this.pushed = pushedSettings;
    this.pulled.clear();
  }

  /** Its settings are pulled again when next needed (a closed file's: the client may hold many). */
  forget(uri: string): void {
    this.pulled.delete(uri);
  }

  async resolve(uri: string): Promise<ResolvedConfig> {
    const layers: ConfigLayer[] = [{ source: 'settings', values: this.pushed }];
    const pulled = await this.pull(uri);
    if (pulled !== undefined) layers.push({ source: 'settings', values: pulled });
    const problems: string[] = [];
    const file = this.configFileFor(uri);
    if (file) {
      // The workspace's own file may not set what only the user may (allowPathsOutsideWorkspace).
      const loaded = loadConfigFile(file);
      if (loaded.error) problems.push(`${loaded.error}; its settings are not used`);
      problems.push(...loaded.problems);
      if (loaded.layer) layers.push(loaded.layer);
    }
    // The same layers give the same config object, so the next version of a document can tell
    // nothing changed and reuse its previous analysis (see AnalysisCache).
    const key = JSON.stringify([layers, problems]);
    const known = this.resolvedByKey.get(key);
    this.resolvedByKey.delete(key);
    const resolved = known ?? resolveConfig(layers);
    if (!known) {
      resolved.problems.unshift(...problems);
      for (const problem of resolved.problems) this.logger.warnOnce(problem);
    }
    this.resolvedByKey.set(key, resolved);
    if (this.resolvedByKey.size > CONFIGS_KEPT) this.resolvedByKey.delete(this.resolvedByKey.keys().next().value as string);
    return resolved;
  }

  /** The workspace folder holding the document: files it names (pemFile, extraCaFiles) must stay inside. */
  rootFor(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    return filePath ? this.folders.rootFor(filePath) : undefined;
  }

  /** The config file that applies to a document, read fresh each time so an edit on disk is never missed. */
  configFileFor(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    return findConfigFile(path.dirname(filePath), this.folders.rootFor(filePath));
  }

  private pull(uri: string): Promise<unknown> {
    if (!this.features.configurationPull) return Promise.resolve(undefined);
    let settings = this.pulled.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        // Clients answer null (or nothing) for a section they do not know.
        .then((value: unknown) => value ?? undefined)
        .catch((e: unknown) => {
          this.logger.warnOnce(`workspace/configuration failed: ${(e as Error)?.message ?? e}`);
          return undefined;
        });
      this.pulled.set(uri, settings);
    }
    return settings;
  }
}
