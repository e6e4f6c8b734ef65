/** Minimal ANSI styling; with `enabled` false every style is the identity, so output stays plain. */
export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const style = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ANSI: Palette = {
  red: style(31, 39),
  yellow: style(33, 39),
  blue: style(34, 39),
  dim: style(2, 22),
  bold: style(1, 22),
  underline: style(4, 24),
};

const identity = (s: string) => s;
const PLAIN: Palette = { red: identity, yellow: identity, blue: identity, dim: identity, bold: identity, underline: identity };

export function palette(enabled: boolean): Palette {
  return enabled ? ANSI : PLAIN;
}

/** Colours only for a terminal, and never when NO_COLOR is set to anything non-empty (no-color.org). */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}
