/**
 * The import graph of source files, read with TypeScript's own scanner (imports, `import type`,
 * re-exports, `require`, `import()` and type-position `import('...')`; comments and strings skipped).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** Every .ts file under `dir`, as absolute paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The relative imports of one file, resolved to absolute paths without extension (package imports are left out). */
export function relativeImports(file: string): { specifier: string; target: string }[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ specifier, target: path.resolve(path.dirname(file), specifier) }));
}

/** "file imports specifier" for each import of a file under one of `fromDirs` that lands inside `forbiddenDir`. */
export function forbiddenImports(fromDirs: string[], forbiddenDir: string, root: string): string[] {
  const inside = (target: string) => target === forbiddenDir || target.startsWith(forbiddenDir + path.sep);
  return fromDirs.flatMap((dir) =>
    sourceFiles(dir).flatMap((file) =>
      relativeImports(file)
        .filter((i) => inside(i.target))
        .map((i) => `${path.relative(root, file)} imports '${i.specifier}'`),
    ),
  );
}
