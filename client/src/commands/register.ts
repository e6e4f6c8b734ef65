import { commands, type Disposable, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { InventoryCertificate } from '../../../contract/src/requests';
import type { CertificateIndex } from '../certificates/certificateIndex';
import { CLIENT_COMMANDS } from '../../../contract/src/commandIds';
import { openIncidentReport } from '../report/reportPanel';
import { openCertificate } from '../views/certificatesView';
import { checkLiveCertificate, type CheckLiveArgument } from './checkLive';
import { insertTimelineEntry } from './insertTimelineEntry';
import { lookUpCertificate } from './lookUpCertificate';
import { newPostmortem } from './newPostmortem';
import { WorkspaceScanner } from './scanWorkspace';

/** Every palette and view command of the client (ids in contract/src/commandIds.ts, contributed in package.json). */
export function registerClientCommands(context: ExtensionContext, client: LanguageClient, index: CertificateIndex): Disposable[] {
  const scanner = new WorkspaceScanner(client);
  return [
    scanner,
    commands.registerCommand(CLIENT_COMMANDS.newPostmortem, () => newPostmortem(context, client)),
    commands.registerCommand(CLIENT_COMMANDS.insertTimelineEntry, () => insertTimelineEntry(client)),
    commands.registerCommand(CLIENT_COMMANDS.scanWorkspace, () => scanner.scan()),
    commands.registerCommand(CLIENT_COMMANDS.checkLiveCertificate, (arg?: CheckLiveArgument) => checkLiveCertificate(client, arg)),
    commands.registerCommand(CLIENT_COMMANDS.lookUpCertificate, () => lookUpCertificate(client, index)),
    commands.registerCommand(CLIENT_COMMANDS.refreshCertificates, () => index.refresh()),
    commands.registerCommand(CLIENT_COMMANDS.openCertificate, (certificate: InventoryCertificate) => openCertificate(certificate)),
    commands.registerCommand(CLIENT_COMMANDS.openIncidentReport, () => openIncidentReport(client)),
  ];
}
