/**
 * The page's only style sheet and script, inline. The Content-Security-Policy allows exactly
 * these two by their SHA-256 (html.ts), nothing else: no other script, style, font, image or
 * connection, so a report opened from disk or in a webview makes no request.
 */

/** VS Code's theme variables when shown in a webview; light colours when opened as a file. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif); font-size: 14px; line-height: 1.45;
  color: var(--vscode-foreground, #1f2328); background: var(--vscode-editor-background, #f6f8fa); margin: 0; padding: 1.5em 2em 3em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.15em; margin: 0 0 .6em; }
.muted, caption, figcaption { color: var(--vscode-descriptionForeground, #59636e); }
.cards { display: flex; flex-wrap: wrap; gap: .8em; margin: 1.2em 0; padding: 0; list-style: none; }
.cards li { background: var(--vscode-editorWidget-background, #fff); border: 1px solid var(--vscode-widget-border, #d1d9e0); border-radius: 6px; padding: .6em 1em; min-width: 9em; }
.cards .value { display: block; font-size: 1.5em; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(600px, 1fr)); gap: 1.2em; }
figure { margin: 0; background: var(--vscode-editorWidget-background, #fff); border: 1px solid var(--vscode-widget-border, #d1d9e0); border-radius: 6px; padding: 1em; overflow-x: auto; }
figure .chart { background: #fff; border-radius: 4px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { margin-top: .5em; font-size: .9em; }
.empty { font-style: italic; }
section.table { margin-top: 2em; }
table { border-collapse: collapse; width: 100%; background: var(--vscode-editorWidget-background, #fff); font-size: .92em; }
caption { text-align: left; padding: .4em 0; }
th, td { border-bottom: 1px solid var(--vscode-widget-border, #d1d9e0); padding: .35em .6em; text-align: left; vertical-align: top; }
td.number, th.number { text-align: right; white-space: nowrap; }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: none; padding: 0; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
a { color: var(--vscode-textLink-foreground, #0969da); }
.file { display: block; font-size: .85em; color: var(--vscode-descriptionForeground, #59636e); word-break: break-all; }
.tickets { word-break: break-all; max-width: 22em; }
.error { color: #d62728; } .warning { color: #c4620b; }
`;

/**
 * Sorting the table by a column header, and, in a VS Code webview, opening a file through the
 * extension (a webview cannot follow a relative link): `a[data-file]` posts its record's index.
 */
export const PAGE_SCRIPT = `
(() => {
  const table = document.getElementById('incidents');
  if (table) {
    const body = table.tBodies[0];
    for (const button of table.querySelectorAll('thead th button')) {
      button.addEventListener('click', () => {
        const th = button.closest('th');
        const column = Array.prototype.indexOf.call(th.parentElement.children, th);
        const numeric = th.classList.contains('number');
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of th.parentElement.children) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const key = (row) => {
          const cell = row.cells[column];
          const value = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
          return numeric ? (value === '' ? null : Number(value)) : value.toLowerCase();
        };
        const rows = Array.from(body.rows).map((row, index) => ({ row, index, key: key(row) }));
        rows.sort((a, b) => {
          // Unknown values go last whichever way the column is sorted.
          if (a.key === null || a.key === '' || b.key === null || b.key === '') {
            const empty = (k) => k === null || k === '';
            return empty(a.key) === empty(b.key) ? a.index - b.index : empty(a.key) ? 1 : -1;
          }
          if (a.key === b.key) return a.index - b.index;
          return (a.key < b.key ? -1 : 1) * (ascending ? 1 : -1);
        });
        body.append(...rows.map((r) => r.row));
      });
    }
  }
  if (typeof acquireVsCodeApi === 'function') {
    const vscode = acquireVsCodeApi();
    document.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[data-file]') : null;
      if (!link) return;
      event.preventDefault();
      vscode.postMessage({ type: 'open', file: Number(link.dataset.file) });
    });
  }
})();
`;
