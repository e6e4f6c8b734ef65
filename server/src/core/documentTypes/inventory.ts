import { isYamlDocument } from '../inventory/detect';
import { reparseCertModel } from '../inventory/incremental';
import { buildCertModel, certModelSteps, restrictToLines } from '../inventory/model';
import { previewCertModel } from '../inventory/preview';
import { codeLenses, hover, outline } from '../inventory/services';
import { yamlSuppression } from '../inventory/suppression';
import { certRules } from '../rules/cert';
import { defineDocumentType } from './definition';

/**
 * Certificate YAML: the model of core/inventory, the cert/* rules, and the model's editor services.
 * One type for both YAML kinds, so allRules() lists each cert/* rule once. It applies to an
 * inventory (top-level `certificates:` list, or a path in inventoryGlobs holding no cert-manager
 * resource: content decides before the name) and to any file holding cert-manager resources;
 * `model.kind` says which ('inventory' wins when a `certificates:` list and resources share a file).
 */
export const certificateYamlType = defineDocumentType({
  kind: 'inventory',
  kinds: ['inventory', 'cert-manager'],
  matches: (document) => isYamlDocument(document),
  parse: (document, config) => buildCertModel(document, config),
  parseSteps: (document, config) => certModelSteps(document, config),
  reparse: (previous, document, config) => reparseCertModel(previous, document, config),
  restrict: (model, edit) => restrictToLines(model, edit.fromLine, edit.newEndLine),
  preview: (document, config) => previewCertModel(document, config),
  rules: certRules,
  outline,
  hover,
  codeLenses,
  suppress: yamlSuppression,
});
