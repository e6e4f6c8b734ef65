import type { Config } from '../config';
import type { HoverInfo, LensInfo, LinkInfo, OutlineItem } from '../editorServices';
import type { BaseModel, Rule, RuleContext } from '../rule';
import type { LineEdit } from '../text';
import type { DocumentKind, SourceDocument } from '../types';

/**
 * A kind of document the linter understands: how to recognise it, how to parse it into a model
 * once, the rules that run over that model, and the editor services computed from the same model.
 * Post-mortems, inventories and cert-manager manifests each register one.
 */
export interface DocumentType<Model extends BaseModel = BaseModel> {
  kind: DocumentKind;
  /** Every kind its models may report (`model.kind`), when more than `kind`. */
  kinds?: DocumentKind[];
  /** Cheap test on path, language id and text; `parse` decides with `model.applies`. */
  matches(document: SourceDocument, config: Config): boolean;
  parse(document: SourceDocument, config: Config): Model;
  /**
   * Parses only what changed since the previous version's model (which it may update in place:
   * the previous model is not used again). Undefined when a whole parse is needed. `edit` is set
   * when what lies outside the re-parsed lines is unchanged, so per-entry findings there still hold.
   */
  reparse?(previous: Model, document: SourceDocument, config: Config): { model: Model; edit?: LineEdit } | undefined;
  /** The model cut down to what `edit` re-parsed, for the rules with `scope: 'entry'`. */
  restrict?(model: Model, edit: LineEdit): Model;
  rules: Rule<Model>[];
  outline?(model: Model): OutlineItem[];
  hover?(model: Model, offset: number, context: RuleContext): HoverInfo | undefined;
  codeLenses?(model: Model, context: RuleContext): LensInfo[];
  links?(model: Model, config: Config): LinkInfo[];
}
