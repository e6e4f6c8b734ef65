import type { Connection, ExecuteCommandParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Session } from './session';

/** What a command may use: the session's settings and caches, and the open documents. */
export interface CommandContext {
  session: Session;
  documents: TextDocuments<TextDocument>;
  /** For requests a command makes of the client (`window/showDocument`). */
  connection: Connection;
}

export type CommandHandler = (args: unknown[], context: CommandContext) => Promise<unknown> | unknown;

/** Commands the server runs for `workspace/executeCommand` (code lenses point at them). */
export class Commands {
  private readonly handlers = new Map<string, CommandHandler>();

  register(id: string, handler: CommandHandler): void {
    this.handlers.set(id, handler);
  }

  get ids(): string[] {
    return [...this.handlers.keys()];
  }

  async execute(params: ExecuteCommandParams, context: CommandContext): Promise<unknown> {
    const handler = this.handlers.get(params.command);
    if (!handler) throw new Error(`unknown command ${params.command}`);
    return handler(params.arguments ?? [], context);
  }
}

