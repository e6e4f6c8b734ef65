/**
 * A new post-mortem from the configured template, as a snippet (VS Code's TextMate-style syntax):
 * each `{{ placeholder }}` becomes a tab stop holding its words (a choice for `{{ a | b }}`), `{{ date }}`
 * and `{{ time }}` the day and time it is inserted, the front matter's title the one given.
 * Left as inserted, the placeholders' words are the template's guidance, which pm/template-text
 * recognises (teamTemplate.ts renders them the same way: placeholderDefault).
 */
import { placeholderDefault } from './guidance';

const PLACEHOLDER = /\{\{([^{}\n]{0,200})\}\}/g;
/** `<!-- optional -->`, `<!-- aliases: … -->`, attributions: for the template's reader, not the report's. */
const COMMENT_BLOCK = /^[ \t]*<!--[\s\S]*?-->[ \t]*(?:\r?\n|$)/gm;

/** `$`, `}` and `\` are syntax in snippet text; `|` and `,` too inside a choice. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[$}\\|,]/g, (c) => `\\${c}`);
}

export function postmortemSkeleton(templateText: string, title?: string): string {
  let text = templateText.replace(/\r\n/g, '\n').replace(COMMENT_BLOCK, '');
  // Blank lines left where a comment stood under a heading: one is enough.
  text = text.replace(/\n{3,}/g, '\n\n');
  const frontMatter = /^---\n[\s\S]*?\n---\n/.exec(text)?.[0] ?? '';
  let stop = 0;
  const withStops = (part: string) => {
    let out = '';
    let last = 0;
    for (const m of part.matchAll(PLACEHOLDER)) {
      out += escapeSnippet(part.slice(last, m.index));
      last = (m.index ?? 0) + m[0].length;
      out += stopFor(m[1]);
    }
    return out + escapeSnippet(part.slice(last));
  };
  const stopFor = (inner: string): string => {
    const name = inner.trim().toLowerCase();
    if (name === 'date') return '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE';
    if (name === 'time' || name === 'hh:mm') return `\${${++stop}:$CURRENT_HOUR:$CURRENT_MINUTE}`;
    if (name === 'title' && title !== undefined) return escapeSnippet(title);
    const options = inner.split('|').map((o) => o.trim()).filter(Boolean);
    if (options.length > 1) return `\${${++stop}|${options.map(escapeChoice).join(',')}|}`;
    return `\${${++stop}:${escapeSnippet(placeholderDefault(inner))}}`;
  };
  let head = frontMatter ? withStops(frontMatter) : '';
  if (title !== undefined && frontMatter) head = head.replace(/^title:.*$/m, `title: ${escapeSnippet(yamlScalar(title))}`);
  // A template without front matter still gets the day and the title (detected as a post-mortem by content).
  if (title !== undefined && !frontMatter) head = `---\ndate: $CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE\ntitle: ${escapeSnippet(yamlScalar(title))}\n---\n`;
  const body = withStops(text.slice(frontMatter.length)).replace(/\s+$/, '');
  return `${head}${body}\n$0`;
}

/** Quoted only when YAML would otherwise read it as something else. */
function yamlScalar(text: string): string {
  const plain = text.trim();
  return /^[\w(]/.test(plain) && !/[:#]\s|[:#]$|^(true|false|null|yes|no|~)$/i.test(plain) ? plain : JSON.stringify(plain);
}
