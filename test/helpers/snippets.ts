/**
 * Expands VS Code snippet bodies the way the editor does when every placeholder is left at its
 * default, so tests can lint what a user gets. Covers the subset our snippets use: tab stops
 * (`$1`, `${1}`), placeholders (`${1:default}`, nested), choices (`${1|a,b|}`, first option),
 * variables (`$NAME`, `${NAME}`, `${NAME:default}`) and escapes (`\$`, `\}`, `\\`; in choices `\,`,
 * `\|`). Transforms are not supported and throw, as do unknown variables without a default (in
 * VS Code they would insert their own name: almost always a typo such as `$CURRENT_DAY`).
 */

export type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; children?: SnippetNode[] }
  | { type: 'choice'; index: number; options: string[] }
  | { type: 'variable'; name: string; children?: SnippetNode[] };

export interface ExpandOptions {
  /** Values of variables such as CURRENT_YEAR; see snippetVariables(). */
  variables?: Record<string, string>;
  /** Text typed at a tab stop (every mirror of it gets the same), instead of its default. */
  values?: Record<number, string>;
}

export class SnippetSyntaxError extends Error {}

/** `body` as a snippet file holds it: one string or an array of lines. */
export function bodyText(body: string | string[]): string {
  return Array.isArray(body) ? body.join('\n') : body;
}

export function parseSnippet(text: string): SnippetNode[] {
  const parser = new Parser(text);
  const nodes = parser.parseUntil(false);
  return nodes;
}

export function expandSnippet(body: string | string[], options: ExpandOptions = {}): string {
  const nodes = parseSnippet(bodyText(body));
  const defaults = new Map<number, SnippetNode[] | string>();
  collectDefaults(nodes, defaults);
  return render(nodes, { variables: options.variables ?? {}, values: options.values ?? {}, defaults, active: new Set() });
}

/** The tab stop numbers a body uses, in order of first appearance. */
export function tabStops(body: string | string[]): number[] {
  const seen: number[] = [];
  const visit = (nodes: SnippetNode[]) => {
    for (const n of nodes) {
      if ((n.type === 'tabstop' || n.type === 'choice') && !seen.includes(n.index)) seen.push(n.index);
      if ((n.type === 'tabstop' || n.type === 'variable') && n.children) visit(n.children);
    }
  };
  visit(parseSnippet(bodyText(body)));
  return seen;
}

/** The options of every choice, by tab stop. */
export function choices(body: string | string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const visit = (nodes: SnippetNode[]) => {
    for (const n of nodes) {
      if (n.type === 'choice') out.set(n.index, n.options);
      if ((n.type === 'tabstop' || n.type === 'variable') && n.children) visit(n.children);
    }
  };
  visit(parseSnippet(bodyText(body)));
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** VS Code's date/time variables for a moment, read in UTC (VS Code uses local time; UTC keeps tests stable). */
export function snippetVariables(date: Date): Record<string, string> {
  return {
    CURRENT_YEAR: String(date.getUTCFullYear()),
    CURRENT_YEAR_SHORT: pad(date.getUTCFullYear() % 100),
    CURRENT_MONTH: pad(date.getUTCMonth() + 1),
    CURRENT_MONTH_NAME: MONTHS[date.getUTCMonth()],
    CURRENT_MONTH_NAME_SHORT: MONTHS[date.getUTCMonth()].slice(0, 3),
    CURRENT_DATE: pad(date.getUTCDate()),
    CURRENT_DAY_NAME: DAYS[date.getUTCDay()],
    CURRENT_DAY_NAME_SHORT: DAYS[date.getUTCDay()].slice(0, 3),
    CURRENT_HOUR: pad(date.getUTCHours()),
    CURRENT_MINUTE: pad(date.getUTCMinutes()),
    CURRENT_SECOND: pad(date.getUTCSeconds()),
    CURRENT_SECONDS_UNIX: String(Math.floor(date.getTime() / 1000)),
    CURRENT_TIMEZONE_OFFSET: '+00:00',
  };
}

interface RenderState {
  variables: Record<string, string>;
  values: Record<number, string>;
  defaults: Map<number, SnippetNode[] | string>;
  /** Tab stops being rendered, to stop a placeholder that contains its own mirror. */
  active: Set<number>;
}

/** VS Code shows a placeholder's default at every mirror of it: the first one with content wins. */
function collectDefaults(nodes: SnippetNode[], defaults: Map<number, SnippetNode[] | string>): void {
  for (const n of nodes) {
    if (n.type === 'tabstop' && n.children) {
      if (!defaults.has(n.index)) defaults.set(n.index, n.children);
      collectDefaults(n.children, defaults);
    } else if (n.type === 'choice' && !defaults.has(n.index)) {
      defaults.set(n.index, n.options[0]);
    } else if (n.type === 'variable' && n.children) {
      collectDefaults(n.children, defaults);
    }
  }
}

function render(nodes: SnippetNode[], state: RenderState): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out += n.value;
        break;
      case 'tabstop':
      case 'choice':
        out += renderTabStop(n.index, state);
        break;
      case 'variable': {
        const value = state.variables[n.name];
        if (value !== undefined) out += value;
        else if (n.children) out += render(n.children, state);
        else throw new SnippetSyntaxError(`unknown variable $${n.name}`);
        break;
      }
    }
  }
  return out;
}

function renderTabStop(index: number, state: RenderState): string {
  if (index in state.values) return state.values[index];
  const value = state.defaults.get(index);
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (state.active.has(index)) throw new SnippetSyntaxError(`tab stop ${index} contains itself`);
  state.active.add(index);
  try {
    return render(value, state);
  } finally {
    state.active.delete(index);
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  /** Parses until the end, or (inside a placeholder) until its unescaped closing brace. */
  parseUntil(insidePlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '\\' && '$}\\'.includes(this.text[this.pos + 1] ?? '')) {
        text += this.text[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && insidePlaceholder) {
        flush();
        return nodes;
      } else if (c === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += c;
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    if (insidePlaceholder) throw new SnippetSyntaxError('unclosed ${ in snippet');
    flush();
    return nodes;
  }

  /** At a `$`: a tab stop, placeholder, choice or variable; undefined when it is a literal `$`. */
  private parseDollar(): SnippetNode | undefined {
    const rest = this.text.slice(this.pos + 1);
    const simple = /^(\d+|[A-Za-z_][A-Za-z_0-9]*)/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[0].length;
      return /^\d/.test(simple[0]) ? { type: 'tabstop', index: Number(simple[0]) } : { type: 'variable', name: simple[0] };
    }
    if (rest[0] !== '{') return undefined;
    const head = /^\{(\d+|[A-Za-z_][A-Za-z_0-9]*)([}:|/])/.exec(rest);
    if (!head) throw new SnippetSyntaxError(`malformed \${ at offset ${this.pos}`);
    const [whole, name, sep] = head;
    const isTabStop = /^\d/.test(name);
    this.pos += 1 + whole.length;
    if (sep === '}') return isTabStop ? { type: 'tabstop', index: Number(name) } : { type: 'variable', name };
    if (sep === '/') throw new SnippetSyntaxError(`transforms are not supported (\${${name}/...})`);
    if (sep === '|') {
      if (!isTabStop) throw new SnippetSyntaxError(`a choice needs a tab stop number, not ${name}`);
      return { type: 'choice', index: Number(name), options: this.parseChoiceOptions() };
    }
    const children = this.parseUntil(true);
    this.pos++; // the closing brace
    return isTabStop ? { type: 'tabstop', index: Number(name), children } : { type: 'variable', name, children };
  }

  private parseChoiceOptions(): string[] {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '\\' && ',|\\'.includes(this.text[this.pos + 1] ?? '')) {
        current += this.text[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|' && this.text[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
    throw new SnippetSyntaxError('unclosed choice ${n|...|}');
  }
}
