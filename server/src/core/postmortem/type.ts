import type { DocumentType } from '../documentType';
import { postmortemRules } from '../rules/pm';
import { isMarkdownDocument } from './detect';
import { buildPostmortemModel, type PostmortemModel } from './model';
import { postmortemHover, postmortemLinks, postmortemOutline } from './services';

export const postmortemType: DocumentType<PostmortemModel> = {
  kind: 'postmortem',
  matches: (document) => isMarkdownDocument(document),
  parse: (document, config) => buildPostmortemModel(document, config),
  rules: postmortemRules,
  outline: postmortemOutline,
  hover: (model, offset) => postmortemHover(model, offset),
  links: postmortemLinks,
};
