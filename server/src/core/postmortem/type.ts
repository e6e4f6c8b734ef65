import type { DocumentType } from '../documentType';
import { postmortemRules } from '../rules/pm';
import { buildPostmortemModel, type PostmortemModel } from './model';
import { isMarkdownDocument } from './detect';

export const postmortemType: DocumentType<PostmortemModel> = {
  kind: 'postmortem',
  matches: (document) => isMarkdownDocument(document),
  parse: (document, config) => buildPostmortemModel(document, config),
  rules: postmortemRules,
};
