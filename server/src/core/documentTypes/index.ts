import type { DocumentType } from './definition';
import { certificateYamlType } from './inventory';
import { postmortemType } from './postmortem';

/**
 * Every document type the linter knows, in the order of the rule reference. A new kind of
 * document adds its definition file beside these and its entry here; nothing in lint() changes.
 */
export const documentTypes: readonly DocumentType[] = [postmortemType, certificateYamlType];
