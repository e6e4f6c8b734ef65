import { githubFormatter } from './github';
import { gitlabFormatter } from './gitlab';
import { junitFormatter } from './junit';
import { jsonFormatter } from './json';
import { sarifFormatter } from './sarif';
import { textFormatter } from './text';
import type { Formatter } from './types';

/** Every `lint --format`; the first is the default. SARIF, GitHub annotations, GitLab Code Quality and JUnit go here. */
export const formatters: Formatter[] = [textFormatter, jsonFormatter, sarifFormatter, githubFormatter, gitlabFormatter, junitFormatter];

export function formatterNamed(name: string): Formatter | undefined {
  return formatters.find((f) => f.name === name);
}

export type { FileReport, FormatContext, Formatter, RuleDescription } from './types';
