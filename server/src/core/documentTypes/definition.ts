import type { Config } from '../config';
import type { CompletionInfo, HoverInfo, LensInfo, LinkInfo, OutlineItem } from '../editorServices';
import type { BaseModel, EditSpec, Report, Rule, RuleContext } from '../rule';
import type { Steps } from '../steps';
import type { LineEdit } from '../text';
import type { DocumentKind, SourceDocument } from '../types';

/**
 * A kind of document the linter understands, written against its own model: how to recognise it,
 * how to parse it into a model once, the rules that run over that model, and the editor services
 * computed from the same model. Post-mortems and certificate YAML each define one.
 *
 * Its functions are properties, not methods, so TypeScript checks their parameters strictly: a
 * definition for one model never passes for another. `defineDocumentType` hides the model type.
 */
export interface DocumentTypeDefinition<Model extends BaseModel> {
  kind: DocumentKind;
  /** Every kind its models may report (`model.kind`), when more than `kind`. */
  kinds?: DocumentKind[];
  /** Cheap test on path, language id and text; `parse` decides with `model.applies`. */
  matches: (document: SourceDocument, config: Config) => boolean;
  /**
   * For a document too large to check: false when a quick look says it is not of this kind (it
   * then gets no finding at all). Without it, every document `matches` accepts may be.
   */
  mayApply?: (document: SourceDocument, config: Config) => boolean;
  parse: (document: SourceDocument, config: Config) => Model;
  /**
   * `parse` in steps, for a caller that yields to other work between them (the server) or stops
   * (a newer version, a time budget). `forced`: the kind was given (`--kind`), so the model is
   * built whole even when the document turns out not to be of this kind. Without it, `parse` is
   * one step.
   */
  parseSteps?: (document: SourceDocument, config: Config, forced: boolean) => Steps<Model>;
  /**
   * Parses only what changed since the previous version's model (which it may update in place:
   * the previous model is not used again). Undefined when a whole parse is needed. `edit` is set
   * when what lies outside the re-parsed lines is unchanged, so per-entry findings there still hold.
   */
  reparse?: (previous: Model, document: SourceDocument, config: Config) => { model: Model; edit?: LineEdit } | undefined;
  /** `reparse` in steps (see parseSteps); without it, `reparse` is one step. */
  reparseSteps?: (previous: Model, document: SourceDocument, config: Config) => Steps<{ model: Model; edit?: LineEdit } | undefined>;
  /** The model cut down to what `edit` re-parsed, for the rules with `scope: 'entry'` (same text and line index). */
  restrict?: (model: Model, edit: LineEdit) => Model;
  /**
   * A large document's first lines as a model of their own, parsed in a fraction of the whole's
   * time: what the rules with `scope: 'entry'` report on it before `throughLine` they report on the
   * whole document (its positions there are the whole text's). Undefined when there is no such part.
   */
  preview?: (document: SourceDocument, config: Config) => { model: Model; throughLine: number } | undefined;
  rules: Rule<Model>[];
  outline?: (model: Model) => OutlineItem[];
  hover?: (model: Model, offset: number, context: RuleContext) => HoverInfo | undefined;
  completion?: (model: Model, offset: number, context: RuleContext) => CompletionInfo[];
  codeLenses?: (model: Model, context: RuleContext) => LensInfo[];
  links?: (model: Model, config: Config) => LinkInfo[];
  /** The edits of a comment that silences `rule` on `line` in the document's own syntax; undefined where none can go. */
  suppress?: (model: Model, line: number, rule: string) => EditSpec[] | undefined;
}

/**
 * A document type with its model's type hidden, so that types of different models share one list.
 * Its rules are listed for the reference and for checking rule ids (a `Rule<never>` cannot be run);
 * they run through the ParsedDocument that `parse` returns, bound to the model it parsed.
 */
export interface DocumentType {
  readonly kind: DocumentKind;
  /** Every kind its models may report, `kind` first. */
  readonly kinds: readonly DocumentKind[];
  readonly rules: readonly Rule<never>[];
  matches(document: SourceDocument, config: Config): boolean;
  /** For a document too large to check: false when it is certainly not of this kind. */
  mayApply(document: SourceDocument, config: Config): boolean;
  parse(document: SourceDocument, config: Config): ParsedDocument;
  /** `parse` in steps a caller may yield between or stop after; `forced`: the kind was given (`--kind`). */
  parseSteps(document: SourceDocument, config: Config, forced: boolean): Steps<ParsedDocument>;
  /** See DocumentTypeDefinition.preview. */
  preview(document: SourceDocument, config: Config): { parsed: ParsedDocument; throughLine: number } | undefined;
}

/** One of a document type's rules, bound to a model of that type. */
export interface BoundRule {
  readonly rule: Rule<never>;
  /** Runs the rule over the whole model (in steps, for a rule written in steps). */
  check(report: Report, context: RuleContext): void | Steps<void>;
  /** Runs it over the part of the model that `edit` re-parsed; absent when the type cannot cut its model down. */
  checkEdited?(edit: LineEdit, report: Report, context: RuleContext): void | Steps<void>;
}

/** A document parsed as one type: the model, with that type's rules and editor services bound to it. */
export interface ParsedDocument {
  readonly type: DocumentType;
  readonly model: BaseModel;
  readonly rules: readonly BoundRule[];
  /**
   * Parses the next version of the document from this model, which is then used up (it may have
   * been updated in place). Undefined when a whole parse is needed.
   */
  reparse(document: SourceDocument, config: Config): { parsed: ParsedDocument; edit?: LineEdit } | undefined;
  /** `reparse` in steps a caller may yield between. */
  reparseSteps(document: SourceDocument, config: Config): Steps<{ parsed: ParsedDocument; edit?: LineEdit } | undefined>;
  outline(): OutlineItem[];
  hover(offset: number, context: RuleContext): HoverInfo | undefined;
  completion(offset: number, context: RuleContext): CompletionInfo[];
  codeLenses(context: RuleContext): LensInfo[];
  links(config: Config): LinkInfo[];
  /** See DocumentTypeDefinition.suppress. */
  suppress(line: number, rule: string): EditSpec[] | undefined;
}

/** A registered document type that still knows its model type, to bind a model built elsewhere (tests do). */
export interface TypedDocumentType<Model extends BaseModel> extends DocumentType {
  withModel: (model: Model) => ParsedDocument;
}

/** The one place a model's type is hidden: every function that takes the model is bound to it here. */
export function defineDocumentType<Model extends BaseModel>(definition: DocumentTypeDefinition<Model>): TypedDocumentType<Model> {
  const { restrict, reparse, reparseSteps } = definition;
  const type: TypedDocumentType<Model> = {
    kind: definition.kind,
    kinds: definition.kinds ?? [definition.kind],
    rules: definition.rules,
    matches: (document, config) => definition.matches(document, config),
    mayApply: (document, config) => definition.mayApply?.(document, config) ?? true,
    parse: (document, config) => withModel(definition.parse(document, config)),
    parseSteps: function* (document, config, forced) {
      return withModel(definition.parseSteps ? yield* definition.parseSteps(document, config, forced) : definition.parse(document, config));
    },
    preview: (document, config) => {
      const part = definition.preview?.(document, config);
      return part && { parsed: withModel(part.model), throughLine: part.throughLine };
    },
    withModel,
  };

  function withModel(model: Model): ParsedDocument {
    // The cut-down model serves every entry-scoped rule of one analysis: computed once per edit.
    let restricted: { edit: LineEdit; model: Model } | undefined;
    const restrictedTo = (edit: LineEdit, cut: (model: Model, edit: LineEdit) => Model): Model => {
      if (restricted?.edit !== edit) restricted = { edit, model: cut(model, edit) };
      return restricted.model;
    };
    return {
      type,
      model,
      rules: definition.rules.map((rule) => ({
        rule,
        check: (report, context) => rule.check(model, report, context),
        checkEdited: restrict && ((edit, report, context) => rule.check(restrictedTo(edit, restrict), report, context)),
      })),
      reparse: (document, config) => {
        const result = reparse?.(model, document, config);
        return result && { parsed: withModel(result.model), edit: result.edit };
      },
      reparseSteps: function* (document, config) {
        const result = reparseSteps ? yield* reparseSteps(model, document, config) : reparse?.(model, document, config);
        return result && { parsed: withModel(result.model), edit: result.edit };
      },
      outline: () => definition.outline?.(model) ?? [],
      hover: (offset, context) => definition.hover?.(model, offset, context),
      completion: (offset, context) => definition.completion?.(model, offset, context) ?? [],
      codeLenses: (context) => definition.codeLenses?.(model, context) ?? [],
      links: (config) => definition.links?.(model, config) ?? [],
      suppress: (line, rule) => definition.suppress?.(model, line, rule),
    };
  }

  return type;
}
