import type { ExecuteCommandParams } from 'vscode-languageserver/node';

export type CommandHandler = (args: unknown[]) => Promise<unknown> | unknown;

/**
 * Commands the server runs for `workspace/executeCommand` (code lenses point at them).
 * Empty for now; the live certificate check registers here.
 */
export class Commands {
  private readonly handlers = new Map<string, CommandHandler>();

  register(id: string, handler: CommandHandler): void {
    this.handlers.set(id, handler);
  }

  get ids(): string[] {
    return [...this.handlers.keys()];
  }

  async execute(params: ExecuteCommandParams): Promise<unknown> {
    const handler = this.handlers.get(params.command);
    if (!handler) throw new Error(`unknown command ${params.command}`);
    return handler(params.arguments ?? []);
  }
}
