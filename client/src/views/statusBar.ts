import { MarkdownString, StatusBarAlignment, ThemeColor, Uri, window, workspace, type Disposable } from 'vscode';
import type { CertificateIndex } from '../certificates/certificateIndex';
import { CERTIFICATES_VIEW } from '../../../contract/src/commandIds';
import { describeDaysLeft, describeDueDate, describeHosts, soonest, statusBarText } from '../certificates/certificateList';

/** The certificate to look at first (renewal point or expiry); coloured inside the warn window; a click opens the Certificates view. */
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
      `Certificate to look at first: **${first.name}** (${describeHosts(first)}), ${describeDaysLeft(first)}, ${describeDueDate(first)}, in ${workspace.asRelativePath(Uri.parse(first.uri))}`,
    );
    item.show();
  };
  return [item, index.onDidChange(update)];
}
