import { keySpan, locate, nodeSpan, openingFence, yamlScalar, type FrontMatter } from '../../postmortem/frontMatter';
import { frontMatterProblems, type FrontMatterProblem } from '../../postmortem/frontMatterProblems';
import { frontMatterSchemaFor } from '../../postmortem/frontMatterSchema';
import type { PostmortemModel } from '../../postmortem/model';
import { quoteText } from '../../quote';
import type { Rule } from '../../rule';
import type { Span } from '../../types';

export const frontMatter: Rule<PostmortemModel> = {
  id: 'pm/front-matter',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A front-matter key or value the schema does not allow.',
    details:
      'The front matter (the YAML between `---` lines at the top) is checked against the built-in fields: `title` (text), `date` (2026-03-02, a time may follow), `status` (draft, in-review, reviewed, published), `severity` (one of `severities`), `authors`, `services` and `tickets` (lists, or one), `incident` with `started`, `detected`, `acknowledged`, `mitigated` and `resolved` (dates and times, 2026-03-02T14:05:00Z; without a zone the timeline’s applies), `timezone`; and against the team’s own JSON Schema (`frontMatterSchema`). Each finding is at the key or value it is about and says why; a key or value one slip away from a known one gets “did you mean”, with a fix. Other keys are the team’s own and are not reported, unless its schema closes the mapping (`additionalProperties: false`). Front matter that is not YAML is reported once; so is a schema file that cannot be used (missing, too large, not JSON or YAML, a pattern with a look-ahead, references that unfold without end). Does not catch: a key nested below the second level that nearly matches one (only the top level, `incident` and the team’s mappings are compared), or a date that exists but is wrong.',
    options: '`severities` (the values of `severity`), `frontMatterSchema` (the team’s fields).',
    bad: '---\ntitle: Gateway outage\nstatus: in review\nsevrity: SEV2\n---\n# Post-mortem: Gateway outage',
    good: '---\ntitle: Gateway outage\nstatus: in-review\nseverity: SEV2\n---\n# Post-mortem: Gateway outage',
    fixes: [{ title: 'Change to the suggested key or value', safe: true, note: 'a key is not renamed unattended when the suggested key is already there or another key would become it too' }],
  },
  check(model, report, { config, document }) {
    const fm = model.frontMatter;
    if (!fm) return;
    if (fm.problem) {
      report({ message: `${fm.problem.message}.`, span: fm.problem.span });
      return;
    }
    const schema = frontMatterSchemaFor(config, document);
    if (schema.problem) report({ message: `Front-matter schema not used: ${schema.problem}.`, span: openingFence(fm.span), data: { schema: config.frontMatterSchema } });
    const problems = frontMatterProblems(fm, schema);
    for (const problem of problems) {
      const span = spanOf(fm, problem);
      const safe = problem.at !== 'key' || keyRenameIsSafe(fm, problem, problems);
      const fix = span && problem.suggestion !== undefined ? { title: `Change to \`${quoteText(problem.suggestion)}\``, edits: [{ span, newText: yamlScalar(problem.suggestion) }], preferred: true, safe } : undefined;
      report({ message: problem.message, span: span ?? openingFence(fm.span), fixes: fix && [fix], data: { path: problem.path } });
    }
  },
};

/** A key renamed unattended must not become one already there, nor the same key as another rename. */
function keyRenameIsSafe(fm: FrontMatter, problem: FrontMatterProblem, all: FrontMatterProblem[]): boolean {
  const parentPath = problem.path.slice(0, -1);
  let parent: unknown = fm.data;
  for (const key of parentPath) parent = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[String(key)] : undefined;
  if (!parent || typeof parent !== 'object' || problem.suggestion === undefined || problem.suggestion in parent) return false;
  const samePlace = (p: FrontMatterProblem) => p.at === 'key' && p.suggestion === problem.suggestion && p.path.slice(0, -1).join('\0') === parentPath.join('\0');
  return all.filter(samePlace).length === 1;
}

/** The key or value a problem is about; undefined for the front matter as a whole. */
function spanOf(fm: FrontMatter, problem: FrontMatterProblem): Span | undefined {
  const located = problem.path.length ? locate(fm, problem.path) : undefined;
  if (!located) return undefined;
  const key = located.pair ? keySpan(fm, located.pair) : undefined;
  return problem.at === 'key' ? (key ?? nodeSpan(fm, located.node)) : (nodeSpan(fm, located.node) ?? key);
}
