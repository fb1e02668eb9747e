/**
 * The base of the sidebar's tree providers: an `onDidChangeTreeData` emitter, `refresh()`, `dispose()`, and nodes that
 * build their own `TreeItem`. Subclasses only say what the roots are.
 */
import * as vscode from 'vscode';

/** A node of a sidebar tree. `uri` and `line` are set on nodes that stand for a place in a document. */
export abstract class TreeNode {
  /** The document the node points at, passed to menu commands (Mark done, Accept) as their argument. */
  uri?: vscode.Uri;
  /** 1-based line in `uri`. */
  line?: number;
  abstract getTreeItem(): vscode.TreeItem;
  getChildren(): TreeNode[] {
    return [];
  }
}

/** A group heading (a severity, an owner, a status) with its nodes. */
export class GroupNode extends TreeNode {
  /** Groups with at most this many nodes start expanded. */
  static readonly EXPANDED_UP_TO = 200;

  constructor(
    readonly label: string,
    readonly children: TreeNode[],
    readonly icon?: vscode.ThemeIcon,
    readonly id?: string,
    /** The number shown beside the label; the number of children by default. */
    readonly count: number = children.length,
  ) {
    super();
  }

  override getTreeItem(): vscode.TreeItem {
    // A group of hundreds starts collapsed: VS Code builds and sends every child of an expanded group at once, which at
    // 10,000 documents held the extension host for over half a second; its count is in the description.
    const state = this.children.length > GroupNode.EXPANDED_UP_TO ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(this.label, state);
    item.description = String(this.count);
    item.contextValue = 'group';
    if (this.id) item.id = this.id;
    if (this.icon) item.iconPath = this.icon;
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.children;
  }
}

export abstract class BaseTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** The top-level nodes, computed from the current documents. */
  abstract roots(): TreeNode[];

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.getChildren() : this.roots();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The command that opens a document at a 1-based line. */
export function revealCommand(uri: vscode.Uri, line: number): vscode.Command {
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  return {
    title: vscode.l10n.t('Open'),
    command: 'vscode.open',
    arguments: [uri, { selection: new vscode.Range(position, position), preview: true } satisfies vscode.TextDocumentShowOptions],
  };
}
