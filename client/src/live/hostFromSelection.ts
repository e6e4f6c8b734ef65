/** What to prefill the live check's input box with. Pure: no `vscode`. */

/** "api.example.com" from a selection such as `https://api.example.com/health` or ` api.example.com:8443 `. */
export function hostFromSelection(text: string): string | undefined {
  const first = text.trim().split(/\s+/)[0] ?? '';
  const withoutScheme = first.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const hostPort = withoutScheme.replace(/[/?#].*$/, '').replace(/^["'`<(]+|["'`>),;]+$/g, '');
  return /^(\[[0-9a-f:.]+\]|[\w.-]+)(:\d{1,5})?$/i.test(hostPort) && /[.:\]]|^localhost/i.test(hostPort) ? hostPort : undefined;
}
