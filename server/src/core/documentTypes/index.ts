import type { DocumentType } from './definition';
import { postmortemType } from './postmortem';
import { certificateYamlType } from './inventory';

/**
 * Every document kind the linter knows. A new kind (inventory, cert-manager) adds its
 * DocumentType here; nothing else in lint() changes.
 */
export const documentTypes: DocumentType[] = [postmortemType as unknown as DocumentType, certificateYamlType as unknown as DocumentType];
