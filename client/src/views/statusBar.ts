import { MarkdownString, StatusBarAlignment, ThemeColor, Uri, window, workspace, type Disposable } from 'vscode';
import type { CertificateIndex } from '../certificates/certificateIndex';
import { CERTIFICATES_VIEW } from '../../../contract/src/commandIds';
import { describeHosts, soonest, statusBarText } from '../certificates/certificateList';

/** The soonest expiry in the workspace; coloured inside the warn window; a click opens the Certificates view. */
export function registerStatusBar(index: CertificateIndex): Disposable[] {
  const item = window.createStatusBarItem('incidentDocs.soonestExpiry', StatusBarAlignment.Left, 10);
  item.name = 'Incident Docs: soonest certificate expiry';
  // VS Code registers `<view id>.focus` for every contributed view.
  item.command = `${CERTIFICATES_VIEW}.focus`;
  const update = () => {
    const first = soonest(index.result.certificates);
    if (!first) return item.hide();
    item.text = statusBarText(first);
    item.backgroundColor =
      first.state === 'expired'
        ? new ThemeColor('statusBarItem.errorBackground')
        : first.state === 'expiring'
          ? new ThemeColor('statusBarItem.warningBackground')
          : undefined;
    item.tooltip = new MarkdownString(
      `Soonest certificate expiry: **${first.name}** (${describeHosts(first)}), ${first.expires?.slice(0, 10)}, in ${workspace.asRelativePath(Uri.parse(first.uri))}`,
    );
    item.show();
  };
  return [item, index.onDidChange(update)];
}
