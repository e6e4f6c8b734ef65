/** The import graph of the source trees, read with TypeScript's own import scanner (no regex). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import ts from 'typescript';

export interface Import {
  /** The importing file, relative to the root, with forward slashes. */
  from: string;
  /** The module specifier as written. */
  specifier: string;
  /** The imported file, relative to the root, for a relative specifier; undefined for a package. */
  to?: string;
}

/** Every `.ts` file under `dirs` (relative to `root`), declaration files and node_modules left out. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir)).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const relative = `${dir}/${name}`;
      if (statSync(path.join(root, relative)).isDirectory()) walk(relative);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(relative);
    }
  };
  for (const dir of dirs) if (existsSync(path.join(root, dir))) walk(dir);
  return out;
}

/** Every import, export-from, require and dynamic import of the files under `dirs`, type-only ones included. */
export function readImports(root: string, dirs: readonly string[]): Import[] {
  return sourceFiles(root, dirs).flatMap((from) => {
    const text = readFileSync(path.join(root, from), 'utf8');
    return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier }) => ({
      from,
      specifier,
      to: specifier.startsWith('.') ? resolveRelative(root, from, specifier) : undefined,
    }));
  });
}

/** `./x` → `dir/x.ts` or `dir/x/index.ts` when one exists, else the bare path (still judged by where it points). */
function resolveRelative(root: string, from: string, specifier: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [`${base}.ts`, `${base}/index.ts`, base];
  return candidates.find((c) => existsSync(path.join(root, c)) && statSync(path.join(root, c)).isFile()) ?? base;
}

/** `vscode-languageclient/node` → `vscode-languageclient`; `@scope/name/x` → `@scope/name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(packageName(specifier));
}

/** "client/src/a.ts imports '../../server/src/b' (server/src/b.ts)": the file and the import, as written. */
export function describeImport(i: Import): string {
  return `${i.from} imports '${i.specifier}'${i.to && i.to !== i.specifier ? ` (${i.to})` : ''}`;
}

/**
 * The import cycles among files `within` (Tarjan's strongly connected components, iterative: the
 * graph is the whole tree). Each cycle is one path that returns to its start, e.g. [a, b, a].
 */
export function importCycles(imports: readonly Import[], within: (file: string) => boolean = () => true): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!i.to || !within(i.from) || !within(i.to) || i.to === i.from) continue;
    edges.set(i.from, (edges.get(i.from) ?? new Set()).add(i.to));
    if (!edges.has(i.to)) edges.set(i.to, new Set());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  for (const start of [...edges.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; next: string[] }[] = [];
    const open = (node: string) => {
      index.set(node, index.size);
      low.set(node, index.get(node)!);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: [...edges.get(node)!].sort() });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const target = frame.next.shift();
      if (target !== undefined) {
        if (!index.has(target)) open(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1) components.push(component);
    }
  }
  return components.map((component) => cyclePath(component, edges));
}

/** One walk around a strongly connected component, from its first file back to it (breadth-first, shortest). */
function cyclePath(component: string[], edges: Map<string, Set<string>>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...edges.get(node)!].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...component, component[0]];
}
