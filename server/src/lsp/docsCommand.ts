import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { SERVER_COMMANDS } from '../../../contract/src/commandIds';
import { ruleDocsUrl, ruleIds } from '../core/ruleReference';
import { quoteText } from '../core/quote';
import type { Commands } from './commandRegistry';

/**
 * "Show documentation for pm/empty-row": the client opens the rule's section of the reference
 * (`window/showDocument`, external), the page the diagnostic's code links to.
 */
export function registerDocsCommand(commands: Commands): void {
  const known = new Set(ruleIds());
  commands.register(SERVER_COMMANDS.showRuleDocumentation, async (args, { connection }) => {
    const rule = args[0];
    if (typeof rule !== 'string' || !known.has(rule)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `not a rule of incident-docs: ${typeof rule === 'string' ? quoteText(rule) : typeof rule}`);
    }
    const uri = ruleDocsUrl(rule);
    const { success } = await connection.window.showDocument({ uri, external: true });
    return { uri, success };
  });
}
