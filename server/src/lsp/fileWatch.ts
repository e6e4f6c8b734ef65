/**
 * The files analyses read besides their documents (core/workspace/fileDependencies.ts: the
 * template and front-matter schema settings name, the PEM files inventory entries name): when one
 * changes on disk, the open documents are analysed again, as after a settings change; their own
 * text did not change, so nothing else would. Each file is registered with the client once, when
 * first read (a RelativePattern of its folder and name where the client takes one, else a glob of
 * its path), up to MAX_WATCHED files; registrations wait for `initialized`.
 */
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, type Connection, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver/node';
import { onDependency } from '../core/workspace/fileDependencies';
import type { ClientFeatures } from './clientFeatures';
import type { Logger } from './logger';
import { pathToUri, uriToPath } from './uri';

/** Files watched at most: a repository's settings name a few; its entries' PEM files may be many. */
const MAX_WATCHED = 256;
/** Characters a glob reads as more than themselves: a path holding one is not registered (it is still heard of). */
const GLOB_SYNTAX = /[*?[\]{}!\\]/;

export class DependencyWatch {
  private readonly files = new Set<string>();
  private readonly waiting: string[] = [];
  private registering = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly connection: Connection,
    private readonly features: Pick<ClientFeatures, 'watchedFilesRegistration' | 'watchedFilesRelativePatterns'>,
    private readonly logger: Pick<Logger, 'warnOnce'>,
  ) {
    this.stopListening = onDependency((file) => this.read(file));
  }

  /** After `initialized`: registers what was read so far, and from then on each new file as it is read. */
  start(): void {
    this.registering = true;
    for (const file of this.waiting.splice(0)) this.register(file);
  }

  /** Whether one of the changes is to a file an analysis read. */
  concerns(changes: readonly FileEvent[]): boolean {
    return changes.some((change) => {
      const file = uriToPath(change.uri);
      return file !== undefined && this.files.has(path.resolve(file));
    });
  }

  dispose(): void {
    this.stopListening();
  }

  private read(file: string): void {
    if (this.files.has(file)) return;
    if (this.files.size >= MAX_WATCHED) {
      this.logger.warnOnce(`Watching ${MAX_WATCHED} files that documents read (templates, schemas, PEM files): changes to others show once their documents are edited.`);
      return;
    }
    this.files.add(file);
    if (this.registering) this.register(file);
    else this.waiting.push(file);
  }

  private register(file: string): void {
    const watcher = this.watcherOf(file);
    if (!watcher) return;
    void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [watcher] }).catch(() => undefined);
  }

  private watcherOf(file: string): FileSystemWatcher | undefined {
    if (!this.features.watchedFilesRegistration) return undefined;
    const name = path.basename(file);
    if (this.features.watchedFilesRelativePatterns) {
      return GLOB_SYNTAX.test(name) ? undefined : { globPattern: { baseUri: pathToUri(path.dirname(file)), pattern: name } };
    }
    const glob = file.split(path.sep).join('/');
    return GLOB_SYNTAX.test(glob) ? undefined : { globPattern: glob };
  }
}
