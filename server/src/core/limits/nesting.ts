/**
 * Nesting depth, measured by one linear scan before any parser sees the text. The Markdown and
 * YAML parsers recurse per level and slow down superlinearly with depth (10,000 nested list
 * items take minutes and overflow the stack), so a document nested deeper than any real one is
 * not parsed at all: it gets one finding instead. The scans over-estimate rather than miss.
 */
export const MAX_NESTING_DEPTH = 100;

const TAB_COLUMNS = 4;

/** Block quotes and list items opened at the start of a line: `> - 1. * + >`. */
const MD_CONTAINER_PREFIX = /^[ \t]*(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+/;
const MD_MARKER = />|[-*+](?=[ \t]|$)|\d{1,9}[.)]/g;

/** Deepest nesting of a Markdown text: containers per line, and inline emphasis/links per paragraph. */
export function markdownDepth(text: string): number {
  let deepest = 0;
  let inline = 0;
  let fence: string | undefined;
  // CommonMark ends a line at \r\n, \n or a lone \r.
  for (const line of text.split(/\r\n|\r|\n/)) {
    // Any fence-like line closes (closing early only over-counts); only a top-level fence opens,
    // since one inside a quote or list ends with its container, where the scan cannot follow.
    const fenceMark = /^[ \t>*+\-\d.)]*?(`{3,}|~{3,})/.exec(line)?.[1];
    const opensFence = /^ {0,3}(`{3,}[^`]*|~{3,}.*)$/.test(line);
    const prefix = MD_CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    if (prefix) {
      // Counted inside fences too: a fence in a quote or list ends with it, so the scan cannot trust them.
      // A nested list item needs more indentation than its parent: two columns a level at least.
      const indent = columns(/^[ \t]*/.exec(prefix)![0]);
      const markers = prefix.match(MD_MARKER)?.length ?? 0;
      deepest = Math.max(deepest, Math.floor(indent / 2) + markers);
      // A list item starts a new paragraph.
      if (/[-*+\d]/.test(prefix)) inline = 0;
    }
    if (fence !== undefined) {
      // Code is not Markdown: `*p` and `a[i` in a fenced block open nothing inline.
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (opensFence) fence = fenceMark;
    if (line.trim() === '') {
      inline = 0;
      continue;
    }
    inline = inlineDepth(line.slice(prefix.length), inline, (d) => (deepest = Math.max(deepest, d)));
  }
  return deepest;
}

/**
 * Emphasis and link openers minus closers, carried over the lines of a paragraph. A run of `*`,
 * `_` or `~` opens or closes as a whole, as CommonMark's delimiter runs do: `*a *b *c` opens
 * three, `***x***` opens three and closes them. Anything ambiguous counts as opening.
 */
function inlineDepth(line: string, depth: number, seen: (depth: number) => void): number {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '*' || c === '_' || c === '~') {
      let end = i + 1;
      while (line[end] === c) end++;
      const before = line[i - 1];
      const after = line[end];
      const run = end - i;
      i = end - 1;
      if (before !== undefined && !/\s/.test(before)) depth = Math.max(0, depth - run);
      else if (after !== undefined && !/\s/.test(after)) depth += run;
      else continue;
    } else continue;
    seen(depth);
  }
  return depth;
}

/** Deepest nesting of a YAML text: block indentation levels, `- ` / `? ` compact markers and flow brackets. */
export function yamlDepth(text: string): number {
  let deepest = 0;
  const indents: number[] = [];
  let flow = 0;
  for (const line of text.split(/\r?\n/)) {
    const content = line.trimStart();
    if (content !== '' && !content.startsWith('#')) {
      const indent = line.length - content.length;
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      const compact = /^(?:[-?:](?:[ \t]+|$))+/.exec(content)?.[0].replace(/[ \t]/g, '').length ?? 0;
      deepest = Math.max(deepest, indents.length + compact);
      for (let i = 0; i < content.length; i++) {
        const c = content[i];
        if (c === '#' && (i === 0 || /\s/.test(content[i - 1]))) break;
        if ((c === ']' || c === '}') && flow > 0) flow--;
        // A bracket or quote means something only where a value starts; in `note: see [1` it is text.
        if (c !== '[' && c !== '{' && c !== '"' && c !== "'") continue;
        if (!startsValue(content, i)) continue;
        if (c === '[' || c === '{') deepest = Math.max(deepest, indents.length + ++flow);
        else {
          const close = content.indexOf(c, i + 1);
          if (close !== -1) i = close;
        }
      }
    }
  }
  return deepest;
}

function startsValue(content: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (content[j] === ' ' || content[j] === '\t')) j--;
  return j < 0 || ':-,[{?'.includes(content[j]);
}

function columns(whitespace: string): number {
  let n = 0;
  for (const c of whitespace) n = c === '\t' ? n + TAB_COLUMNS - (n % TAB_COLUMNS) : n + 1;
  return n;
}
