/** Text from a repository or a server in HTML text or a quoted attribute: the webviews and the report page escape alike. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
