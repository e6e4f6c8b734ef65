import type { Connection } from 'vscode-languageserver/node';
import { redactPem } from './redact';

/** Writes to the client's log (the "Incident Docs" output channel), repeating no warning and no PEM body. */
export class Logger {
  private readonly warned = new Set<string>();

  constructor(private readonly connection: Connection) {}

  info(message: string): void {
    this.connection.console.info(redactPem(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.stack ?? error.message}` : error ? `: ${String(error)}` : '';
    this.connection.console.error(redactPem(`${message}${detail}`));
  }

  warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.connection.console.warn(redactPem(message));
  }
}
