/** Which workspace files the client hands to the server. Pure: no `vscode`. */

/** Post-mortems and inventories are Markdown and YAML; the server decides which ones they are. */
export const MARKDOWN_AND_YAML = '**/*.{md,markdown,yaml,yml}';
export const YAML_FILES = '**/*.{yaml,yml}';

/** Never worth reading, whatever files.exclude says. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/**
 * One exclude glob: `files.exclude` (the patterns set to true; conditional `{when}` ones are kept
 * out, they depend on siblings) plus node_modules. findFiles drops files.exclude as soon as an
 * exclude is given, so it is rebuilt here.
 */
export function excludeGlob(filesExclude: Record<string, unknown> | undefined): string {
  const patterns = Object.entries(filesExclude ?? {})
    .filter(([, value]) => value === true)
    .flatMap(([pattern]) => expandBraces(pattern));
  const all = [...new Set([...ALWAYS_EXCLUDED, ...patterns])];
  return `{${all.join(',')}}`;
}

/** `*.{js,map}` → `*.js`, `*.map` (each group expanded): VS Code's globs do not nest brace groups. */
export function expandBraces(pattern: string): string[] {
  const m = /\{([^{}]*)\}/.exec(pattern);
  if (!m) return [pattern];
  const head = pattern.slice(0, m.index);
  const tail = pattern.slice(m.index + m[0].length);
  return m[1].split(',').flatMap((alt) => expandBraces(`${head}${alt}${tail}`));
}
