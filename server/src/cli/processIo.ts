import { escapeControls } from '../core/quote';

/** What a command prints through: the process's own streams, each stderr line escaped. */
export interface ProcessIo {
  cwd: string;
  stdout(text: string): void;
  /** One line, without its newline. */
  stderr(line: string): void;
}

/** The process's working directory and streams; untrusted text in a stderr line cannot drive the terminal. */
export function processIo(): ProcessIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${escapeControls(line)}\n`),
  };
}
