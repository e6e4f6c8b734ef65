/** Naming and templating of a new post-mortem. Pure: no `vscode`, so node --test runs it. */

/** "API gateway: TLS cert expired!" → "api-gateway-tls-cert-expired" (ASCII, at most 60 characters). */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The local calendar day as YYYY-MM-DD: a post-mortem is named for the day its author sees. */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `<YYYY-MM-DD>-<slug>.md`, with `-2`, `-3`… when a file of that name already exists. */
export function postmortemFileName(day: string, title: string, exists: (name: string) => boolean): string {
  const base = `${day}-${slugify(title) || 'post-mortem'}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.md` : `${base}-${n}.md`;
    if (!exists(name)) return name;
  }
}

/**
 * The configured folder as path segments below the workspace folder, or undefined when it would
 * leave it (absolute, `..`): a shared `.incident-docs.yaml` must not make the command write elsewhere.
 */
export function folderSegments(setting: string): string[] | undefined {
  const trimmed = setting.trim();
  if (/^([a-zA-Z]:)?[\\/]/.test(trimmed) || trimmed.startsWith('~')) return undefined;
  const segments = trimmed.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  return segments.includes('..') ? undefined : segments;
}

/** `$`, `}` and `\` are syntax in snippet text. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}
