import type { CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { MAX_QUOTED_CHARS, quoteText } from '../../quote';

export const yamlSyntax: Rule<CertModel> = {
  id: 'cert/yaml-syntax',
  defaultSeverity: 'error',
  docs: {
    summary: 'The YAML does not parse; the message is the parser\'s, at its position.',
    details:
      'The rest of the file is still checked where the parser recovered. Helm, Jinja and envsubst templates are not YAML until rendered: a file that carries template markers and does not parse gets one info finding instead (“not checked: a template”); lint the rendered output.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n',
  },
  check(model, report) {
    const errors = model.yaml.syntaxErrors;
    if (errors.length === 0) return;
    // The parser's message can name document text (a tag, an alias): quoted like any.
    const parserSays = (error: (typeof errors)[number]) => quoteText(error.message, 2 * MAX_QUOTED_CHARS);
    if (model.templated) {
      // A Helm or Jinja template is valid before rendering; its YAML errors are the template syntax, not mistakes.
      report({
        message: `Not checked as YAML: the file contains template markers ({{ }}, {% %}, \${ }) and is not YAML until rendered (${parserSays(errors[0])}); lint the rendered output.`,
        span: errors[0].span,
        severity: 'info',
      });
      return;
    }
    for (const error of errors) report({ message: `YAML syntax error: ${parserSays(error)}.`, span: error.span });
  },
};
