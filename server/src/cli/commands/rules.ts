import { Option, type Command } from 'commander';
import { cliParts } from '../lazyParts';

export function registerRulesCommand(program: Command): void {
  program
    .command('rules')
    .description('Print the rule reference: id, default severity, what each rule reports, options, examples.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .action((options: { format: 'markdown' | 'json' }) => {
      const { rulesJson, rulesMarkdown } = cliParts().ruleReferenceModule();
      process.stdout.write(options.format === 'json' ? rulesJson() : rulesMarkdown());
    });
}
