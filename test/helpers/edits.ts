/** `remove` characters at `at` replaced by `insert` (both clamped to the text), as an editor's change. */
export function applyEdit(text: string, at: number, remove: number, insert: string): string {
  const start = Math.min(at, text.length);
  return text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
}
