import { Option, type Command } from 'commander';

export function registerRulesCommand(program: Command): void {
  program
    .command('rules')
    .description('Print the rule reference: id, default severity, what each rule reports, options, examples.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .action((options: { format: 'markdown' | 'json' }) => {
      // Every rule's module: loaded when the reference is asked for, not at start-up.
      const { rulesJson, rulesMarkdown } = require('../../core/ruleReference') as typeof import('../../core/ruleReference');
      process.stdout.write(options.format === 'json' ? rulesJson() : rulesMarkdown());
    });
}
