import { QuickPickItemKind, ThemeIcon, Uri, window, workspace, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { InventoryCertificate } from '../../../contract/src/requests';
import type { CertificateIndex } from '../certificates/certificateIndex';
import { describeDaysLeft, describeDueDate, describeHosts, lookUpSections } from '../certificates/certificateList';
import { openCertificate } from '../views/certificatesView';
import { checkLiveCertificate } from './checkLive';

interface CertificatePick extends QuickPickItem {
  /** Absent on a separator (never picked). */
  certificate?: InventoryCertificate;
}

const CHECK_LIVE_BUTTON = { iconPath: new ThemeIcon('plug'), tooltip: 'Check live' };
const CHECK_LIVE = 'Check live';

/** Every certificate of every inventory, soonest first (renewal point or expiry); opens the chosen entry and offers the live check. */
export async function lookUpCertificate(client: LanguageClient, index: CertificateIndex): Promise<void> {
  const quickPick = window.createQuickPick<CertificatePick>();
  quickPick.title = 'Look Up Certificate';
  quickPick.placeholder = 'Certificate name, host or file';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  // Listening from the start: Escape while the list loads must end the command (it used to wait
  // for ever), and Enter before an item is there (typed ahead) keeps the picker open, as VS Code's
  // own pickers do, instead of closing it with nothing chosen.
  const chosen = new Promise<{ pick: CertificatePick; live: boolean } | undefined>((resolve) => {
    quickPick.onDidTriggerItemButton((e) => resolve({ pick: e.item, live: true }));
    quickPick.onDidAccept(() => {
      const [pick] = quickPick.selectedItems;
      if (pick) resolve({ pick, live: false });
    });
    quickPick.onDidHide(() => resolve(undefined));
  });
  quickPick.busy = true;
  quickPick.show();
  const { certificates } = await index.refresh().catch(() => index.result);
  const relative = (uri: string) => workspace.asRelativePath(Uri.parse(uri));
  // Each inventory's soonest first when there are several: a large one does not bury a small one.
  quickPick.items = lookUpSections(certificates, relative).flatMap(({ title, certificates: section }) => [
    ...(title ? [{ label: title, kind: QuickPickItemKind.Separator }] : []),
    ...section.map((certificate) => ({
      certificate,
      label: `$(shield) ${certificate.name}`,
      description: describeHosts(certificate),
      detail: [describeDaysLeft(certificate), describeDueDate(certificate), relative(certificate.uri)].filter(Boolean).join(' · '),
      buttons: certificate.hosts.length > 0 ? [CHECK_LIVE_BUTTON] : [],
    })),
  ]);
  quickPick.busy = false;
  if (certificates.length === 0) quickPick.placeholder = 'No certificate inventory in this workspace';
  const choice = await chosen;
  quickPick.dispose();
  if (!choice) return;
  const { certificate } = choice.pick;
  if (!certificate) return;
  if (choice.live) return checkLiveCertificate(client, certificate);
  await openCertificate(certificate);
  if (certificate.hosts.length === 0) return;
  const answer = await window.showInformationMessage(`${certificate.name}: ${describeDaysLeft(certificate)} (${describeHosts(certificate)})`, CHECK_LIVE);
  if (answer === CHECK_LIVE) await checkLiveCertificate(client, certificate);
}
