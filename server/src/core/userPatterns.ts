/**
 * Regular expressions a repository supplies (`templatePatterns`, `ticketPatterns`,
 * `teamEmailPatterns`, `personalEmailPatterns`). A JavaScript RegExp backtracks: `^(a+)+$` takes
 * a minute on 30 letters, in the editor's server. These run on RE2 semantics (re2js), whose time
 * is linear in the text; what RE2 cannot run (look-aheads, back-references) is refused with the
 * reason when the config is resolved, and skipped.
 */
import { RE2JS } from 're2js';
import { quoteText } from './quote';

/** Longer patterns compile slowly (a 27,000-character one takes seconds) and no real one needs it. */
export const MAX_PATTERN_LENGTH = 1000;

export interface UserPattern {
  /** As written in the settings. */
  source: string;
  regex: RE2JS;
}

export interface PatternOptions {
  ignoreCase?: boolean;
  /** `^` and `$` at every line, as the JavaScript `m` flag. */
  multiline?: boolean;
}

/** The pattern compiled, or why it cannot be: "it uses a look-ahead, which ...". */
export function compileUserPattern(source: string, options: PatternOptions = {}): RE2JS | { reason: string } {
  const key = cacheKey(source, options);
  const cached = compiled.get(key);
  if (cached) return cached;
  const result = compile(source, options);
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, result);
  return result;
}

/**
 * The patterns of one setting, compiled once per config (the array is the config's) and cached
 * by source across configs. Patterns that cannot run are left out: resolveConfig reported them.
 */
export function userPatterns(sources: readonly string[], options: PatternOptions = {}): UserPattern[] {
  const flags = cacheKey('', options);
  let byFlags = perSetting.get(sources);
  if (!byFlags) perSetting.set(sources, (byFlags = new Map()));
  let patterns = byFlags.get(flags);
  if (!patterns) {
    patterns = sources.flatMap((source) => {
      const regex = compileUserPattern(source, options);
      return regex instanceof RE2JS ? [{ source, regex }] : [];
    });
    byFlags.set(flags, patterns);
  }
  return patterns;
}

/** Problems with a setting's patterns, one sentence each; the patterns that can run. */
export function checkUserPatterns(sources: string[], where: string, problems: string[]): string[] {
  return sources.filter((source) => {
    const result = compileUserPattern(source);
    if (result instanceof RE2JS) return true;
    problems.push(`${where}: ignored regular expression "${quoteText(source)}": ${result.reason}`);
    return false;
  });
}

const compiled = new Map<string, RE2JS | { reason: string }>();
const MAX_CACHED = 500;
const perSetting = new WeakMap<readonly string[], Map<string, UserPattern[]>>();

function cacheKey(source: string, options: PatternOptions): string {
  return `${options.ignoreCase ? 'i' : ''}${options.multiline ? 'm' : ''}/${source}`;
}

function compile(source: string, options: PatternOptions): RE2JS | { reason: string } {
  if (source.length > MAX_PATTERN_LENGTH) {
    return { reason: `it is ${source.length} characters long; patterns may have at most ${MAX_PATTERN_LENGTH}` };
  }
  // Look-behinds only when the pattern has one: with them allowed re2js matches with its slowest engine.
  const lookbehinds = /\(\?<[=!]/.test(source) ? RE2JS.LOOKBEHINDS : 0;
  const flags = (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (options.multiline ? RE2JS.MULTILINE : 0) | lookbehinds;
  try {
    return RE2JS.compile(fromJavaScript(source), flags);
  } catch (e) {
    return { reason: reasonFor(e) };
  }
}

/** JavaScript's `\uXXXX` and `\u{X}` escapes, which RE2 spells `\x{X}`; everything else passes as written. */
function fromJavaScript(source: string): string {
  return source.replace(/\\(\\|u\{([0-9A-Fa-f]{1,6})\}|u([0-9A-Fa-f]{4}))/g, (whole, _escaped, braced, four) =>
    braced || four ? `\\x{${braced ?? four}}` : whole,
  );
}

const UNSUPPORTED = 'which linear-time matching does not support';

/** The parser's complaint in words; RE2JSSyntaxException carries the kind (`error`) and the offending part (`input`). */
function reasonFor(error: unknown): string {
  const { error: kind, input } = (error ?? {}) as { error?: unknown; input?: unknown };
  if (typeof kind === 'string' && typeof input === 'string') {
    if (input === '(?=' || input === '(?!') return `it uses a look-ahead, ${UNSUPPORTED}`;
    if (kind === 'invalid capture in lookbehind') return `it has a capturing group inside a look-behind, ${UNSUPPORTED} (write (?:…) there)`;
    if (kind === 'invalid escape sequence' && /^\\(?:[1-9]|k)/.test(input)) return `it uses a back-reference (${input}), ${UNSUPPORTED}`;
    return `it is not a valid regular expression: ${kind} in "${quoteText(input, 30)}"`;
  }
  return `it is not a valid regular expression: ${quoteText(error instanceof Error ? error.message : String(error))}`;
}
