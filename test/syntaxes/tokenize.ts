/**
 * Tokenizes text with the real TextMate engine VS Code uses (vscode-textmate + the Oniguruma wasm
 * that ships in vscode-oniguruma), with VS Code's base grammars from the tm-grammars package and
 * our injection grammars wired exactly as package.json contributes them (`injectTo`).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IOnigLib, type StateStack } from 'vscode-textmate';

const ROOT = path.join(__dirname, '..', '..');

export const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

export interface ContributedGrammar {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

export const contributedGrammars: ContributedGrammar[] = manifest.contributes?.grammars ?? [];

/** Base grammars, as in VS Code: markdown-basics' Markdown, its HTML, and YAML (see tm-grammars' NOTICE for origin and licence). */
const BASE_GRAMMARS: Record<string, string> = {
  'text.html.markdown': 'markdown.json',
  'text.html.derivative': 'html-derivative.json',
  'text.html.basic': 'html.json',
  'source.yaml': 'yaml.json',
};

function grammarFile(scopeName: string): string | undefined {
  const ours = contributedGrammars.find((g) => g.scopeName === scopeName);
  if (ours) return path.join(ROOT, ours.path);
  const base = BASE_GRAMMARS[scopeName];
  return base ? require.resolve(`tm-grammars/grammars/${base}`) : undefined;
}

// The wasm can be loaded once per process.
let onigLib: Promise<IOnigLib> | undefined;
const registries = new Map<boolean, Registry>();

function loadOnig(): Promise<IOnigLib> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  return oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
}

/** With injections as VS Code applies ours, or without (the base grammars alone, to compare against). */
function registry(withInjections: boolean): Registry {
  onigLib ??= loadOnig();
  let r = registries.get(withInjections);
  if (!r) {
    r = new Registry({
      onigLib,
      // Grammars VS Code would embed but these tests do not need (CSS, JS, languages of fenced code)
      // are simply absent, as when their extension is disabled.
      loadGrammar: async (scopeName) => {
        const file = grammarFile(scopeName);
        return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName) =>
        withInjections ? contributedGrammars.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName) : [],
    });
    registries.set(withInjections, r);
  }
  return r;
}

export async function loadGrammar(scopeName: string, withInjections = true): Promise<IGrammar> {
  const grammar = await registry(withInjections).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

export async function tokenize(scopeName: string, text: string, withInjections = true): Promise<Token[]> {
  const grammar = await loadGrammar(scopeName, withInjections);
  const tokens: Token[] = [];
  let state: StateStack = INITIAL;
  text.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) {
      tokens.push({ line: index, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** The texts given `scope`, adjacent tokens that share it joined (captures split one match into several). */
export function scoped(tokens: Token[], scope: string): string[] {
  const out: string[] = [];
  let previous: Token | undefined;
  for (const t of tokens) {
    const has = t.scopes.includes(scope);
    if (has && previous && previous.line === t.line && previous.scopes.includes(scope)) out[out.length - 1] += t.text;
    else if (has) out.push(t.text);
    previous = t;
  }
  return out;
}

/** The one token whose text is exactly `text` on the line containing `lineText`. */
export function tokenAt(tokens: Token[], lineText: string, text: string, lines: string[]): Token {
  const line = lines.findIndex((l) => l.includes(lineText));
  const found = tokens.filter((t) => t.line === line && t.text === text);
  if (found.length !== 1) {
    const onLine = tokens.filter((t) => t.line === line).map((t) => JSON.stringify(t.text));
    throw new Error(`expected one token ${JSON.stringify(text)} on line ${line} ("${lineText}"), got ${found.length}: ${onLine.join(' ')}`);
  }
  return found[0];
}

export interface LostScopes {
  line: number;
  column: number;
  char: string;
  lost: string[];
  /** The scopes the character has with the injections. */
  scopes: string[];
}

/** Characters where a base-grammar scope is missing once the injections apply: what they broke. */
export async function lostScopes(scopeName: string, text: string): Promise<LostScopes[]> {
  const perChar = (tokens: Token[]) => {
    const out = new Map<string, string[]>();
    const column = new Map<number, number>();
    for (const t of tokens) {
      let c = column.get(t.line) ?? 0;
      for (const _ of t.text) out.set(`${t.line}:${c++}`, t.scopes);
      column.set(t.line, c);
    }
    return out;
  };
  const base = perChar(await tokenize(scopeName, text, false));
  const injected = perChar(await tokenize(scopeName, text, true));
  const lines = text.split('\n');
  const lost: LostScopes[] = [];
  for (const [key, scopes] of base) {
    const now = injected.get(key) ?? [];
    const missing = scopes.filter((s) => !now.includes(s));
    if (missing.length === 0) continue;
    const [line, column] = key.split(':').map(Number);
    lost.push({ line, column, char: lines[line][column], lost: missing, scopes: now });
  }
  return lost;
}
