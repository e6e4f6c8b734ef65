import type { DocumentType } from '../documentType';
import { postmortemRules } from '../rules/pm';
import { isMarkdownDocument } from './detect';
import { buildPostmortemModel, reparsePostmortemModel, type PostmortemModel } from './model';
import { postmortemHover, postmortemLinks, postmortemOutline } from './services';

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
