import { isMarkdownDocument } from '../postmortem/detect';
import { frontMatterCompletion, frontMatterHover } from '../postmortem/frontMatterServices';
import { buildPostmortemModel, mayBePostmortem, postmortemModelSteps, reparsePostmortemModel, reparsePostmortemModelSteps } from '../postmortem/model';
import { postmortemCodeLenses, postmortemHover, postmortemLinks, postmortemOutline } from '../postmortem/services';
import { postmortemSuppression } from '../postmortem/suppression';
import { postmortemRules } from '../rules/pm';
import { defineDocumentType } from './definition';

/** Post-mortems (Markdown): the model of core/postmortem, the pm/* rules, and the model's editor services. */
export const postmortemType = defineDocumentType({
  kind: 'postmortem',
  matches: (document) => isMarkdownDocument(document),
  mayApply: (document, config) => mayBePostmortem(document, config),
  parse: (document, config) => buildPostmortemModel(document, config),
  parseSteps: (document, config, forced) => postmortemModelSteps(document, config, forced),
  reparse: (previous, document, config) => {
    const model = reparsePostmortemModel(previous, document, config);
    return model ? { model } : undefined;
  },
  reparseSteps: function* (previous, document, config) {
    const model = yield* reparsePostmortemModelSteps(previous, document, config);
    return model ? { model } : undefined;
  },
  rules: postmortemRules,
  outline: postmortemOutline,
  hover: (model, offset, context) => frontMatterHover(model, offset, context) ?? postmortemHover(model, offset, context.config),
  completion: frontMatterCompletion,
  codeLenses: (model, context) => postmortemCodeLenses(model, context.config),
  links: postmortemLinks,
  suppress: postmortemSuppression,
});
