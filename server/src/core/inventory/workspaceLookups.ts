/**
 * What the cross-file rules look up in a workspace's files: entries and Certificates by host,
 * inventories, Certificates by namespace. Built once per version of the workspace and shared by
 * every file linted against it: each file's rules building them over the whole workspace made a
 * CLI run quadratic in its files (a 1,300-file folder of inventories and manifests spent 79 of
 * its 80 s there). A file's own facts come from its model, which in the editor is newer than the
 * index's copy: the index's items under the linted file's path are left out, and the file's own
 * come first, as if one lookup had been built of the file and then the others.
 */
import { HostLookup, matchingIn } from './hostLookup';
import type { CertFileFacts, CertWorkspace, IndexedCertificate, IndexedEntry } from './workspaceFacts';

/** An entry or Certificate with the file it is in, and the path that file is indexed under (none for the linted file). */
export interface Located<T extends IndexedEntry | IndexedCertificate> {
  readonly item: T;
  readonly file: CertFileFacts;
  readonly key: string | undefined;
  readonly hosts: readonly string[];
  readonly namespace?: string;
}

/** Lookups over some files, each built on first use. */
class Lookups {
  private entryLookup?: HostLookup<Located<IndexedEntry>>;
  private certificateLookup?: HostLookup<Located<IndexedCertificate>>;
  private certificateList?: Located<IndexedCertificate>[];
  private byNamespace?: Map<string, Located<IndexedCertificate>[]>;
  /** The files that are inventories, and the paths of those holding Certificates. */
  readonly inventories: { key: string | undefined; file: CertFileFacts }[] = [];
  readonly withCertificates = new Set<string | undefined>();

  constructor(private readonly files: readonly (readonly [string | undefined, CertFileFacts])[]) {
    for (const [key, file] of files) {
      if (file.inventory !== undefined) this.inventories.push({ key, file });
      if (file.certificates.length > 0) this.withCertificates.add(key);
    }
  }

  get entries(): HostLookup<Located<IndexedEntry>> {
    return (this.entryLookup ??= new HostLookup(this.located((file) => file.entries)));
  }

  get certificates(): Located<IndexedCertificate>[] {
    return (this.certificateList ??= [...this.located((file) => file.certificates)]);
  }

  get certificatesByHost(): HostLookup<Located<IndexedCertificate>> {
    return (this.certificateLookup ??= new HostLookup(this.certificates));
  }

  /** Certificates that name a namespace, by it. */
  get certificatesByNamespace(): Map<string, Located<IndexedCertificate>[]> {
    if (!this.byNamespace) {
      this.byNamespace = new Map();
      for (const c of this.certificates) {
        if (c.namespace === undefined) continue;
        const list = this.byNamespace.get(c.namespace);
        if (list) list.push(c);
        else this.byNamespace.set(c.namespace, [c]);
      }
    }
    return this.byNamespace;
  }

  private *located<T extends IndexedEntry | IndexedCertificate>(itemsOf: (file: CertFileFacts) => readonly T[]): Iterable<Located<T>> {
    for (const [key, file] of this.files) {
      for (const item of itemsOf(file)) yield { item, file, key, hosts: item.hosts, namespace: item.namespace };
    }
  }
}

/** The latest lookups of each workspace (the server keeps one workspace; the CLI one per run or worker). */
const shared = new WeakMap<CertWorkspace, { version: number; lookups: Lookups }>();

function lookupsOf(workspace: CertWorkspace | undefined): Lookups {
  if (!workspace) return new Lookups([]);
  const cached = shared.get(workspace);
  if (cached && cached.version === workspace.version) return cached.lookups;
  const lookups = new Lookups([...workspace.files()]);
  shared.set(workspace, { version: workspace.version, lookups });
  return lookups;
}

/** The linted file (`own`) and the other files of its workspace, as the cross-file rules compare them. */
export class FileAmongOthers {
  private readonly mine: Lookups;
  private readonly others: Lookups;
  /** Leaves out the index's copy of the linted file. */
  private readonly notOwn = (item: { key: string | undefined }) => item.key === undefined || item.key !== this.path;

  constructor(
    readonly own: CertFileFacts,
    private readonly path: string | undefined,
    workspace: CertWorkspace | undefined,
  ) {
    this.mine = new Lookups([[undefined, own]]);
    this.others = lookupsOf(workspace);
  }

  /** Entries, this file's first, with a host matching `host` in an agreeing namespace. */
  entriesMatching(host: string, namespace: string | undefined): Located<IndexedEntry>[] {
    return matchingIn([this.mine.entries, this.others.entries], host, namespace, this.notOwn);
  }

  /** The first of entriesMatching(host, undefined) that names a namespace, without gathering them all. */
  firstEntryWithNamespace(host: string): Located<IndexedEntry> | undefined {
    return matchingIn([this.mine.entries, this.others.entries], host, undefined, (e) => this.notOwn(e) && e.namespace !== undefined, 1)[0];
  }

  /** Certificates, this file's first, with a host matching `host` in an agreeing namespace. */
  certificatesMatching(host: string, namespace: string | undefined): Located<IndexedCertificate>[] {
    return matchingIn([this.mine.certificatesByHost, this.others.certificatesByHost], host, namespace, this.notOwn);
  }

  /** The first `limit` inventories: this file if it is one, then the others. */
  inventories(limit: number): CertFileFacts[] {
    return firstOf([this.mine.inventories, this.others.inventories], limit, this.notOwn).map((i) => i.file);
  }

  /** Whether any file holds a Certificate. */
  holdsCertificates(): boolean {
    return this.own.certificates.length > 0 || othersHoldCertificates(this.others, this.path);
  }

  /**
   * The first `limit` Certificates of `namespace`, this file's first; when none says that namespace
   * (or `namespace` is undefined), the first `limit` of all.
   */
  certificatesNear(namespace: string | undefined, limit: number): Located<IndexedCertificate>[] {
    if (namespace !== undefined) {
      const same = firstOf([this.mine.certificatesByNamespace.get(namespace) ?? [], this.others.certificatesByNamespace.get(namespace) ?? []], limit, this.notOwn);
      if (same.length > 0) return same;
    }
    return firstOf([this.mine.certificates, this.others.certificates], limit, this.notOwn);
  }
}

/** The first `limit` items of the lists, in order, that `keep` accepts. */
function firstOf<T>(lists: readonly (readonly T[])[], limit: number, keep: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (const list of lists) {
    for (const item of list) {
      if (out.length >= limit) return out;
      if (keep(item)) out.push(item);
    }
  }
  return out;
}

/** Whether a file of the workspace other than the one at `path` holds a Certificate (before the linted file's facts are read). */
export function otherFilesHoldCertificates(workspace: CertWorkspace | undefined, path: string | undefined): boolean {
  return othersHoldCertificates(lookupsOf(workspace), path);
}

function othersHoldCertificates(lookups: Lookups, path: string | undefined): boolean {
  const indexed = lookups.withCertificates;
  return indexed.size > (path !== undefined && indexed.has(path) ? 1 : 0);
}
