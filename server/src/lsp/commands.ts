import type { Commands } from './commandRegistry';
import { registerDocsCommand } from './docsCommand';
import { registerLiveCommands } from './liveCommands';

/**
 * Every command the server offers; registered before `initialize` answers so the ids are listed
 * in `executeCommandProvider`. Ids are the contract's (contract/src/commandIds.ts).
 */
export function registerCommands(commands: Commands): void {
  registerLiveCommands(commands);
  registerDocsCommand(commands);
}
