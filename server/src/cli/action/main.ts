/**
 * The GitHub Action (action.yml, `runs: using: node20`): the bundled CLI's lint, with the findings
 * as annotations (or another format) on stdout, SARIF to a file for code scanning, a job summary,
 * and the counts as step outputs. The exit code is the CLI's: 1 fails the step on errors.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeControls } from '../../core/quote';
import { CliError, EXIT_USAGE } from '../errors';
import { formatterNamed } from '../format';
import { cliVersion } from '../program';
import { formatContext, lintFiles, reportWarningBudget, type CliIO } from '../runLint';
import { readInputs } from './inputs';
import { jobSummary } from './jobSummary';

/** `name<<DELIMITER` form: a value can never end the entry early, whatever it holds. */
function outputEntry(name: string, value: string): string {
  const delimiter = `incident-docs-${randomBytes(8).toString('hex')}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export async function runAction(env: NodeJS.ProcessEnv, io: CliIO): Promise<number> {
  const inputs = readInputs(env);
  const options = { format: inputs.format, changedSince: inputs.changedSince, maxWarnings: inputs.maxWarnings };
  const result = await lintFiles(inputs.paths, options, io);
  io.stdout(formatterNamed(inputs.format)!.format(result.shown, formatContext(io)));
  reportWarningBudget(result, options, io);
  if (inputs.sarifFile) {
    const target = path.resolve(io.cwd, inputs.sarifFile);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, formatterNamed('sarif')!.format(result.reports, formatContext(io)));
  }
  if (env.GITHUB_STEP_SUMMARY) fs.appendFileSync(env.GITHUB_STEP_SUMMARY, jobSummary(result.reports));
  if (env.GITHUB_OUTPUT) {
    const { error, warning, info, hint } = result.counts;
    const outputs: [string, string][] = [
      ['errors', String(error)],
      ['warnings', String(warning)],
      ['infos', String(info + hint)],
      ['files', String(result.reports.length)],
      ['exit-code', String(result.exitCode)],
      ...(inputs.sarifFile ? [['sarif-file', inputs.sarifFile] as [string, string]] : []),
    ];
    fs.appendFileSync(env.GITHUB_OUTPUT, outputs.map(([name, value]) => outputEntry(name, value)).join(''));
  }
  return result.exitCode;
}

async function main(): Promise<void> {
  const io: CliIO = {
    cwd: process.cwd(),
    color: false,
    version: cliVersion,
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${escapeControls(line)}\n`),
  };
  try {
    process.exitCode = await runAction(process.env, io);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    // A workflow command, so the run's page shows why the step failed.
    process.stdout.write(`::error title=incident-docs::${escapeControls(e.message).replace(/%/g, '%25')}\n`);
    io.stderr(`incident-docs: ${e.message}`);
    process.exitCode = EXIT_USAGE;
  }
}

void main();
