/**
 * One answer per document version, shared by whoever asks for it: VS Code asks for a version's
 * document symbols twice (the outline, the breadcrumbs), and a 5,000-entry inventory's are 245 KB
 * the server sends and the extension host parses and converts each time. Only the newest
 * version of each document is held. Pure: no `vscode` (test/client tests it).
 */
export class OnePerVersion<T> {
  private readonly latest = new Map<string, { version: number; answer: Promise<T | null | undefined> }>();

  /**
   * The answer for `key` at `version`: the one already asked for, or `ask()`'s. An answer of
   * nothing (a request cancelled by its first asker) or a failure is not shared: it is asked again.
   */
  async get(key: string, version: number, ask: () => Promise<T | null | undefined>): Promise<T | null | undefined> {
    const held = this.latest.get(key);
    if (held?.version === version) {
      const shared = await held.answer.catch(() => undefined);
      if (shared !== null && shared !== undefined) return shared;
    }
    const answer = ask();
    this.latest.set(key, { version, answer });
    const drop = () => {
      if (this.latest.get(key)?.answer === answer) this.latest.delete(key);
    };
    try {
      const result = await answer;
      if (result === null || result === undefined) drop();
      return result;
    } catch (e) {
      drop();
      throw e;
    }
  }

  /** The document closed: nothing of it is held. */
  forget(key: string): void {
    this.latest.delete(key);
  }
}
