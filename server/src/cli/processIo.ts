import { escapeControls } from '../core/quote';

/** What a command prints through: the process's own streams, each stderr line escaped. */
export interface ProcessIo {
  cwd: string;
  stdout(text: string): void;
  /** One line, without its newline. */
  stderr(line: string): void;
}

/**
 * The process's working directory and streams; untrusted text in a stderr line cannot drive the
 * terminal. `above` gives the progress line showing, if any (progress.ts): a stderr line goes
 * above it instead of through it.
 */
export function processIo(above: () => { log(line: string): boolean } | undefined = () => undefined): ProcessIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => {
      const text = escapeControls(line);
      if (!above()?.log(text)) process.stderr.write(`${text}\n`);
    },
  };
}
