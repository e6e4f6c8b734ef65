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
import {
  describeDaysLeft,
  describeGroup,
  describeHosts,
  groupByInventory,
  inventoriesNeedingAction,
  LARGE_GROUP,
  stateGroups,
  toneOf,
  TONE_COLORS,
  type InventoryGroup,
  type StateGroup,
} from '../certificates/certificateList';

type Node = InventoryGroup | StateGroup | InventoryCertificate;

const isCertificate = (node: Node): node is InventoryCertificate => 'index' in node;
const isStateGroup = (node: Node): node is StateGroup => 'state' in node && !isCertificate(node);

/**
 * Explorer view: inventories, each with its certificates sorted by the date that matters (an
 * automated entry's renewal point, else its expiry), icons coloured by the
 * warn window. A large inventory starts collapsed and holds its entries by state (expired,
 * expiring, valid), so it neither pushes the small ones out of sight nor buries its own few
 * expiring entries under thousands of expired ones.
 */
class CertificatesTree implements TreeDataProvider<Node> {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly index: CertificateIndex) {}

  fire(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const { certificates, inventories } = await this.index.get();
      return groupByInventory(certificates, inventories);
    }
    if (isCertificate(node)) return [];
    if (isStateGroup(node)) return node.certificates;
    return node.certificates.length > LARGE_GROUP ? stateGroups(node) : node.certificates;
  }

  getTreeItem(node: Node): TreeItem {
    if (isCertificate(node)) return certificateItem(node);
    return isStateGroup(node) ? stateItem(node) : inventoryItem(node);
  }
}

function inventoryItem(group: InventoryGroup): TreeItem {
  const uri = Uri.parse(group.uri);
  const large = group.certificates.length > LARGE_GROUP;
  const item = new TreeItem(workspace.asRelativePath(uri), large ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.Expanded);
  item.resourceUri = uri;
  item.description = describeGroup(group.certificates);
  item.contextValue = 'inventory';
  // Its own id per size class: an inventory that grows large starts collapsed, whatever it was.
  item.id = `${group.uri}${large ? '#large' : ''}`;
  return item;
}

function stateItem(group: StateGroup): TreeItem {
  const large = group.certificates.length > LARGE_GROUP;
  const item = new TreeItem(group.label, large ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.Expanded);
  const color = TONE_COLORS[group.state];
  item.iconPath = new ThemeIcon('shield', color ? new ThemeColor(color) : undefined);
  item.description = describeGroup(group.certificates).replace(/ · .*$/, '');
  item.contextValue = 'inventoryState';
  item.id = `${group.uri}#${group.state}${large ? '#large' : ''}`;
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
      ...(certificate.renewalDue ? [`Renewal due ${certificate.renewalDue} (automated renewal: \`renewAtShare\` of the lifetime)`] : []),
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
    view.badge = needsActionBadge(index.result.certificates);
  };
  return [view, index.onDidChange(() => (tree.fire(), describe()))];
}

/** The inventories to open (see inventoriesNeedingAction), with the certificates' counts in the tooltip. */
export function needsActionBadge(certificates: readonly InventoryCertificate[]): { value: number; tooltip: string } | undefined {
  const { inventories, expired, expiring } = inventoriesNeedingAction(certificates);
  if (inventories === 0) return undefined;
  const what = [expired ? `${expired.toLocaleString('en-US')} expired` : '', expiring ? `${expiring.toLocaleString('en-US')} expiring` : ''].filter(Boolean).join(', ');
  return { value: inventories, tooltip: `${inventories} inventor${inventories === 1 ? 'y has' : 'ies have'} certificates to renew (${what})` };
}

/** Opens an inventory entry with its name selected: `{uri, selectionRange}` as the server gave it. */
export async function openCertificate(certificate: Pick<InventoryCertificate, 'uri' | 'selectionRange'>): Promise<void> {
  const r = certificate.selectionRange;
  const selection = new Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await window.showTextDocument(Uri.parse(certificate.uri), { selection, preview: true });
}
