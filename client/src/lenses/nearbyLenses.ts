/**
 * Code lenses of a large document only near what its editors show (see lensWindow.ts for why),
 * as language client middleware: only those lenses cross from the server
 * (`incidentDocs/codeLensesNear`; a document with few gets them all): VS Code asks again after
 * every edit, and the whole list of a 5,000-entry inventory was a megabyte per keystroke.
 * Scrolling past the lenses served asks VS Code to fetch again.
 */
import { window, workspace, type CodeLens, type Disposable, type TextDocument } from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { CodeLensesNearRequest } from '../../../contract/src/requests';
import { ALL_LENSES_UP_TO, covered, LENS_MARGIN_LINES, lensesToShow, lensWindow, servesWindow, type LineSpan } from './lensWindow';

/** After the view stops moving: a scroll fires many events. */
const SETTLE_MS = 100;

/** A large document's lenses, as last served. */
interface Served {
  window: LineSpan[];
}

export class NearbyLenses implements Disposable {
  private readonly served = new Map<string, Served>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: Disposable[];

  constructor(private readonly getClient: () => LanguageClient | undefined) {
    this.subscriptions = [
      window.onDidChangeTextEditorVisibleRanges((e) => this.viewMoved(e.textEditor.document)),
      workspace.onDidCloseTextDocument((d) => this.served.delete(d.uri.toString())),
    ];
  }

  readonly middleware: Middleware = {
    provideCodeLenses: async (document, token, next) => {
      const key = document.uri.toString();
      const visible = visibleSpans(document);
      const window = lensWindow(visible);
      const client = this.getClient();
      if (client) {
        // Every document asks this way, a small one getting all its lenses (allUpTo): at a cold open
        // the client cannot know that a document is large, and the whole list of a 5,000-entry
        // inventory crossed (twice) before the first lens showed.
        const uri = client.code2ProtocolConverter.asUri(document.uri);
        const near = await client.sendRequest(CodeLensesNearRequest, { textDocument: { uri }, lines: window, allUpTo: ALL_LENSES_UP_TO, visible }, token).catch(() => undefined);
        if (token.isCancellationRequested) return null;
        if (near) {
          if (servesWindow(near)) this.served.set(key, { window });
          else this.served.delete(key);
          return client.protocol2CodeConverter.asCodeLenses(near.lenses, token);
        }
      }
      // No answer (a server without the request): the whole list, the part near the view shown.
      const all: CodeLens[] | null | undefined = await next(document, token);
      if (!all) return all;
      if (all.length > ALL_LENSES_UP_TO) this.served.set(key, { window });
      else this.served.delete(key);
      return lensesToShow(all, (lens) => lens.range.start.line, window);
    },
  };

  private viewMoved(document: TextDocument): void {
    const key = document.uri.toString();
    const served = this.served.get(key);
    // Fetch again before the view reaches the edge of what was served, not once it is there.
    if (!served || covered(lensWindow(visibleSpans(document), LENS_MARGIN_LINES / 2), served.window)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.getClient()?.getFeature('textDocument/codeLens').getProvider(document)?.onDidChangeCodeLensEmitter.fire();
      }, SETTLE_MS),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.served.clear();
  }
}

/** The lines the document's editors show; its first lines when none shows it (a command asking). */
function visibleSpans(document: TextDocument): LineSpan[] {
  const spans = window.visibleTextEditors
    .filter((e) => e.document.uri.toString() === document.uri.toString())
    .flatMap((e) => e.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })));
  return spans.length > 0 ? spans : [{ start: 0, end: 0 }];
}
