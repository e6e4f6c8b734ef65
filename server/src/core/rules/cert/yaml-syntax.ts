import type { CertRule } from './shared';
import { MAX_QUOTED_CHARS, quoteText } from '../../quote';

export const yamlSyntax: CertRule = {
  id: 'cert/yaml-syntax',
  defaultSeverity: 'error',
  docs: {
    summary: 'The YAML does not parse; the message is the parser\'s, at its position.',
    details:
      'The rest of the file is still checked where the parser recovered. Helm, Jinja and envsubst templates are not YAML until rendered: the message says so when the file carries template markers; lint the rendered output instead.',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n',
  },
  check(model, report) {
    const hint = model.templated
      ? ' The file contains template markers ({{ }}, {% %}, ${ }); it is checked as plain YAML, so lint the rendered output.'
      : '';
    for (const error of model.yaml.syntaxErrors) {
      // The parser's message can name document text (a tag, an alias): quoted like any.
      report({ message: `YAML syntax error: ${quoteText(error.message, 2 * MAX_QUOTED_CHARS)}.${hint}`, span: error.span });
    }
  },
};
