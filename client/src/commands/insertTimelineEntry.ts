import { Position, SnippetString, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TimelineAtRequest } from '../../../contract/src/requests';
import type { TimelineShape } from '../../../contract/src/timeline';
import { timelineRowSnippet, timelineStamp } from '../postmortem/timelineRow';

/** A bullet at the cursor when the document has no timeline to follow. */
const NO_TIMELINE: TimelineShape = { kind: 'bullet', marker: '-', indent: '' };

/** Inserts an entry stamped with the current time, shaped like the timeline's (HTML row, pipe row or bullet). */
export async function insertTimelineEntry(client: LanguageClient): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void window.showInformationMessage('Insert Timeline Entry Now works in a Markdown post-mortem.');
    return;
  }
  const { document } = editor;
  const cursor = editor.selection.active;
  const insertion = await client.sendRequest(TimelineAtRequest, {
    uri: document.uri.toString(),
    position: { line: cursor.line, character: cursor.character },
  });
  const row = timelineRowSnippet(insertion?.shape ?? NO_TIMELINE, timelineStamp(new Date(), insertion));
  if (!insertion) {
    // At the cursor: on an empty line as it is, else on a line of its own below.
    const line = document.lineAt(cursor.line);
    const text = line.isEmptyOrWhitespace ? row.replace(/\n$/, '') : `\n${row.replace(/\n$/, '')}`;
    await editor.insertSnippet(new SnippetString(text), line.isEmptyOrWhitespace ? line.range.start : line.range.end);
    return;
  }
  const { line } = insertion.insertAt;
  if (line >= document.lineCount) {
    // After the document's last line, which has no line break of its own.
    await editor.insertSnippet(new SnippetString(`\n${row.replace(/\n$/, '')}`), document.lineAt(document.lineCount - 1).range.end);
  } else {
    await editor.insertSnippet(new SnippetString(row), new Position(line, 0));
  }
}
