import {
  EventEmitter,
  MarkdownString,
  Range,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
  window,
  workspace,
  type Disposable,
  type TreeDataProvider,
} from 'vscode';
import type { InventoryCertificate } from '../../../contract/src/requests';
import type { CertificateIndex } from '../certificates/certificateIndex';
import { CERTIFICATES_VIEW, CLIENT_COMMANDS } from '../../../contract/src/commandIds';
import { describeDaysLeft, describeHosts, groupByInventory, toneOf, TONE_COLORS, type InventoryGroup } from '../certificates/certificateList';

type Node = InventoryGroup | InventoryCertificate;

const isCertificate = (node: Node): node is InventoryCertificate => 'index' in node;

/** Explorer view: inventories, each with its certificates sorted by days left, icons coloured by the warn window. */
class CertificatesTree implements TreeDataProvider<Node> {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly index: CertificateIndex) {}

  fire(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return isCertificate(node) ? [] : node.certificates;
    const { certificates, inventories } = await this.index.get();
    return groupByInventory(certificates, inventories);
  }

  getTreeItem(node: Node): TreeItem {
    return isCertificate(node) ? certificateItem(node) : inventoryItem(node);
  }
}

function inventoryItem(group: InventoryGroup): TreeItem {
  const uri = Uri.parse(group.uri);
  const item = new TreeItem(workspace.asRelativePath(uri), TreeItemCollapsibleState.Expanded);
  item.resourceUri = uri;
  item.description = `${group.certificates.length} certificate${group.certificates.length === 1 ? '' : 's'}`;
  item.contextValue = 'inventory';
  return item;
}

export function certificateItem(certificate: InventoryCertificate): TreeItem {
  const item = new TreeItem(certificate.name, TreeItemCollapsibleState.None);
  const color = TONE_COLORS[toneOf(certificate)];
  item.iconPath = new ThemeIcon('shield', color ? new ThemeColor(color) : undefined);
  item.description = `${describeDaysLeft(certificate)} · ${describeHosts(certificate)}`;
  item.tooltip = new MarkdownString(
    [
      `**${certificate.name}**: ${describeDaysLeft(certificate)}`,
      certificate.expires ? `Expires ${certificate.expires} (warn window ${certificate.warnDays} days)` : 'No `expires` date.',
      `Hosts: ${describeHosts(certificate)}`,
    ].join('\n\n'),
  );
  // Only entries with hosts can be checked live (the context menu is bound to this value).
  item.contextValue = certificate.hosts.length > 0 ? 'certificate.live' : 'certificate';
  item.id = `${certificate.uri}#${certificate.index}`;
  item.command = { command: CLIENT_COMMANDS.openCertificate, title: 'Open Entry', arguments: [certificate] };
  return item;
}

export function registerCertificatesView(index: CertificateIndex): Disposable[] {
  const tree = new CertificatesTree(index);
  const view = window.createTreeView(CERTIFICATES_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const describe = () => {
    // An empty workspace gets the view's welcome content (package.json viewsWelcome).
    const { certificates } = index.result;
    const soon = certificates.filter((c) => c.state === 'expired' || c.state === 'expiring').length;
    view.badge = soon > 0 ? { value: soon, tooltip: `${soon} certificate${soon === 1 ? '' : 's'} expired or expiring` } : undefined;
  };
  return [view, index.onDidChange(() => (tree.fire(), describe()))];
}

/** Opens an inventory entry with its name selected: `{uri, selectionRange}` as the server gave it. */
export async function openCertificate(certificate: Pick<InventoryCertificate, 'uri' | 'selectionRange'>): Promise<void> {
  const r = certificate.selectionRange;
  const selection = new Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await window.showTextDocument(Uri.parse(certificate.uri), { selection, preview: true });
}
