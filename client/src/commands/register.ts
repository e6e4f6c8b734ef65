import { commands, type Disposable, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { InventoryCertificate } from '../../../server/src/lsp/protocol';
import type { CertificateIndex } from '../certificates/certificateIndex';
import { COMMANDS } from '../commandIds';
import { openCertificate } from '../views/certificatesView';
import { checkLiveCertificate, type CheckLiveArgument } from './checkLive';
import { insertTimelineEntry } from './insertTimelineEntry';
import { lookUpCertificate } from './lookUpCertificate';
import { newPostmortem } from './newPostmortem';
import { WorkspaceScanner } from './scanWorkspace';

/** Every palette and view command of the client (ids in commandIds.ts, contributed in package.json). */
export function registerClientCommands(context: ExtensionContext, client: LanguageClient, index: CertificateIndex): Disposable[] {
  const scanner = new WorkspaceScanner(client);
  return [
    scanner,
    commands.registerCommand(COMMANDS.newPostmortem, () => newPostmortem(context, client)),
    commands.registerCommand(COMMANDS.insertTimelineEntry, () => insertTimelineEntry(client)),
    commands.registerCommand(COMMANDS.scanWorkspace, () => scanner.scan()),
    commands.registerCommand(COMMANDS.checkLiveCertificate, (arg?: CheckLiveArgument) => checkLiveCertificate(client, arg)),
    commands.registerCommand(COMMANDS.lookUpCertificate, () => lookUpCertificate(client, index)),
    commands.registerCommand(COMMANDS.refreshCertificates, () => index.refresh()),
    commands.registerCommand(COMMANDS.openCertificate, (certificate: InventoryCertificate) => openCertificate(certificate)),
  ];
}
