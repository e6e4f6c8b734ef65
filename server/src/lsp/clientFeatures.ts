import { SymbolKind, type ClientCapabilities } from 'vscode-languageserver/node';

/**
 * What the client announced in `initialize`, reduced to the questions the handlers ask.
 * Nothing here defaults to true: a client that announces nothing gets plain answers.
 */
export interface ClientFeatures {
  configurationPull: boolean;
  configurationChangeRegistration: boolean;
  watchedFilesRegistration: boolean;
  /** Watchers may be a folder and a pattern in it (LSP 3.17 RelativePattern), not only a glob over the workspace. */
  watchedFilesRelativePatterns: boolean;
  workspaceFolders: boolean;
  /** The server may ask for code lenses again (workspace/codeLens/refresh). */
  codeLensRefresh: boolean;
  diagnostics: {
    version: boolean;
    codeDescription: boolean;
    relatedInformation: boolean;
    data: boolean;
  };
  /** Requests the client said it makes; the server offers only those. */
  requests: { hover: boolean; documentSymbol: boolean; codeLens: boolean; documentLink: boolean; completion: boolean };
  hoverMarkdown: boolean;
  completion: { markdown: boolean; insertTextModeAsIs: boolean };
  symbols: { hierarchical: boolean; kinds: ReadonlySet<SymbolKind> };
  codeActions: { literals: boolean; preferred: boolean };
  documentChanges: boolean;
  linkTooltips: boolean;
  /** The client opens a URI the server names (`window/showDocument`): the "Show documentation" quick fix needs it. */
  showDocument: boolean;
}

/** The symbol kinds of LSP 1.0 (File..Array): all a client that lists none is obliged to know. */
const BASE_SYMBOL_KINDS = Array.from({ length: SymbolKind.Array }, (_, i) => (i + 1) as SymbolKind);

export function clientFeatures(capabilities: ClientCapabilities | undefined): ClientFeatures {
  const workspace = capabilities?.workspace;
  const text = capabilities?.textDocument;
  const diagnostics = text?.publishDiagnostics;
  return {
    configurationPull: workspace?.configuration === true,
    configurationChangeRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    watchedFilesRelativePatterns: workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    codeLensRefresh: workspace?.codeLens?.refreshSupport === true,
    diagnostics: {
      version: diagnostics?.versionSupport === true,
      codeDescription: diagnostics?.codeDescriptionSupport === true,
      relatedInformation: diagnostics?.relatedInformation === true,
      data: diagnostics?.dataSupport === true,
    },
    requests: {
      hover: text?.hover !== undefined,
      documentSymbol: text?.documentSymbol !== undefined,
      codeLens: text?.codeLens !== undefined,
      documentLink: text?.documentLink !== undefined,
      completion: text?.completion !== undefined,
    },
    hoverMarkdown: text?.hover?.contentFormat?.includes('markdown') === true,
    completion: {
      markdown: text?.completion?.completionItem?.documentationFormat?.includes('markdown') === true,
      insertTextModeAsIs: text?.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(1) === true,
    },
    symbols: {
      hierarchical: text?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
      kinds: new Set(text?.documentSymbol?.symbolKind?.valueSet ?? BASE_SYMBOL_KINDS),
    },
    codeActions: {
      literals: text?.codeAction?.codeActionLiteralSupport !== undefined,
      preferred: text?.codeAction?.isPreferredSupport === true,
    },
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    linkTooltips: text?.documentLink?.tooltipSupport === true,
    showDocument: capabilities?.window?.showDocument?.support === true,
  };
}
