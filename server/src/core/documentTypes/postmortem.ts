import type { DocumentType } from './definition';
import { postmortemRules } from '../rules/pm';
import { isMarkdownDocument } from '../postmortem/detect';
import { buildPostmortemModel, reparsePostmortemModel, type PostmortemModel } from '../postmortem/model';
import { postmortemHover, postmortemLinks, postmortemOutline } from '../postmortem/services';

export const postmortemType: DocumentType<PostmortemModel> = {
  kind: 'postmortem',
  matches: (document) => isMarkdownDocument(document),
  parse: (document, config) => buildPostmortemModel(document, config),
  reparse: (previous, document, config) => {
    const model = reparsePostmortemModel(previous, document, config);
    return model ? { model } : undefined;
  },
  rules: postmortemRules,
  outline: postmortemOutline,
  hover: (model, offset) => postmortemHover(model, offset),
  links: postmortemLinks,
};
