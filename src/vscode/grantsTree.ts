/**
 * The grants tree: the core's keys outline, one tree item per outline item.
 * What is shown, in which order and in which words is the outline's; this
 * file only gives each kind of item its icon, its context value (for the
 * menus) and the command that reveals its event.
 */
import * as vscode from 'vscode';
import { ALL_STATUSES, formatTime, getKmsLensService, type Grant, type GrantsModel, type GrantsSource, type KeyGrants, type KeyState, type KmsKey, type OutlineFilter, type OutlineItem, type StatusFilter, type TimeZoneChoice, type UnusedGrant } from '../core';
import { COMMAND_IDS } from './commands';

const core = getKmsLensService();

export { ALL_STATUSES, type StatusFilter };
export type GrantsFilter = OutlineFilter;

/** More keys than this start collapsed. */
const EXPAND_KEYS_UP_TO = 8;


function md(lines: string[]): vscode.MarkdownString {
  const m = new vscode.MarkdownString(lines.join('  \n'));
  m.supportHtml = false;
  return m;
}

const coloured = (id: string, colour?: string): vscode.ThemeIcon => new vscode.ThemeIcon(id, colour ? new vscode.ThemeColor(colour) : undefined);

const STATUS_ICONS: Record<Grant['status'], vscode.ThemeIcon> = {
  active: coloured('pass-filled', 'testing.iconPassed'),
  retired: coloured('archive', 'disabledForeground'),
  revoked: coloured('circle-slash', 'errorForeground'),
};

const STATE_ICONS: Record<KeyState | 'unknown', vscode.ThemeIcon> = {
  Enabled: coloured('pass-filled', 'testing.iconPassed'),
  Disabled: coloured('circle-slash', 'list.warningForeground'),
  PendingDeletion: coloured('trash', 'errorForeground'),
  PendingReplicaDeletion: coloured('trash', 'errorForeground'),
  Deleted: coloured('error', 'errorForeground'),
  PendingImport: coloured('cloud-upload', 'list.warningForeground'),
  Creating: coloured('loading'),
  Updating: coloured('sync'),
  Unavailable: coloured('debug-disconnect', 'list.warningForeground'),
  unknown: coloured('question'),
};

/** By detail field, event role, lifecycle event kind, service. */
const VARIANT_ICONS: Record<string, string> = {
  operations: 'symbol-method', constraints: 'filter', grantee: 'person', retiring: 'person', issuing: 'organization', name: 'tag', before: 'history',
  create: 'add', recreate: 'add', retire: 'archive', revoke: 'circle-slash', failedRetire: 'error', failedRevoke: 'error', list: 'list-unordered', use: 'symbol-event',
  replicaCreated: 'add', enable: 'pass', disable: 'circle-slash', scheduleDeletion: 'trash', cancelDeletion: 'discard',
  delete: 'error', enableRotation: 'sync', disableRotation: 'sync-ignored', rotate: 'refresh', rotateOnDemand: 'refresh',
  putPolicy: 'shield', importMaterial: 'cloud-upload', deleteMaterial: 'cloud-download', expireMaterial: 'watch',
  replicate: 'copy', updatePrimaryRegion: 'globe', synchronize: 'sync', failed: 'error', snapshot: 'info',
  fargate: 'server-process', deadline: 'server-environment', dryRun: 'beaker',
};

const KIND_ICONS: Partial<Record<OutlineItem['kind'], string>> = {
  key: 'key', rotation: 'sync', multiRegion: 'globe', timeline: 'history', refused: 'warning', refusedCall: 'warning', uses: 'zap', attempts: 'beaker',
  attempt: 'warning', otherUses: 'circle-outline', orphans: 'question', more: 'ellipsis',
};

function icon(item: OutlineItem): vscode.ThemeIcon {
  if (item.kind === 'grant') return STATUS_ICONS[item.variant as Grant['status']];
  if (item.kind === 'state') return STATE_ICONS[item.variant as KeyState | 'unknown'] ?? STATE_ICONS.unknown;
  if (item.kind === 'detail' && item.variant?.startsWith('note:')) return new vscode.ThemeIcon('warning');
  const id = (item.variant && VARIANT_ICONS[item.variant]) ?? KIND_ICONS[item.kind] ?? 'symbol-event';
  // A lifecycle event or a refused call that failed is the one to notice.
  const warn = (item.kind === 'lifecycleEvent' || item.kind === 'refusedCall') && item.event?.errorCode;
  return coloured(id, warn ? 'list.warningForeground' : undefined);
}

const CONTEXT_VALUES: Record<OutlineItem['kind'], string> = {
  key: 'kmsLens.key', grant: 'kmsLens.grant', detail: 'kmsLens.detail', more: 'kmsLens.detail',
  grantEvent: 'kmsLens.event', use: 'kmsLens.event', attempt: 'kmsLens.attempt',
  uses: 'kmsLens.group', attempts: 'kmsLens.group', otherUses: 'kmsLens.group', orphans: 'kmsLens.group', timeline: 'kmsLens.group', refused: 'kmsLens.group',
  state: 'kmsLens.keyFact', rotation: 'kmsLens.keyFact', multiRegion: 'kmsLens.keyFact', service: 'kmsLens.keyFact',
  lifecycleEvent: 'kmsLens.lifecycleEvent', refusedCall: 'kmsLens.lifecycleEvent',
};

/**
 * Active grants created in the open logs that no later call used (core:
 * access/unused.ts), by grant object of the current model: their row says
 * "unused" and their tooltip the period.
 */
const unusedByGrant = new WeakMap<Grant, UnusedGrant>();

/** The tooltip's line on an unused grant, its dates in the view's zone like every other date of the view. */
function unusedLine(u: UnusedGrant, zone: TimeZoneChoice): string {
  const from = formatTime(u.period.from, zone);
  const to = formatTime(u.period.to, zone);
  return u.events === 1
    ? vscode.l10n.t('Unused in the open logs: the one call on the key between {0} and {1} did not go through this grant.', from, to)
    : vscode.l10n.t('Unused in the open logs: none of the {0} calls on the key between {1} and {2} went through this grant.', u.events, from, to);
}

/** One outline item in the tree. */
export class GrantsNode {
  private cached?: GrantsNode[];

  /** `zone`: how the view writes dates (`kmsLens.timeZone`); the outline's items already read so, and what the tree adds reads the same. */
  constructor(readonly item: OutlineItem, readonly parent: GrantsNode | undefined, readonly zone: TimeZoneChoice = parent?.zone ?? 'utc') {}

  get id(): string {
    return this.item.id;
  }

  protected collapsibleState(): vscode.TreeItemCollapsibleState {
    return this.item.children ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  }

  treeItem(): vscode.TreeItem {
    const { item } = this;
    const t = new vscode.TreeItem(item.label, this.collapsibleState());
    t.id = item.id;
    t.description = item.description;
    // A detail without lines of its own says what it is in plain text.
    t.tooltip = item.tooltip ? md(item.tooltip) : item.kind === 'detail' || item.kind === 'more' ? `${item.label}: ${item.description}` : undefined;
    t.iconPath = icon(item);
    const unused = item.kind === 'grant' && item.grant ? unusedByGrant.get(item.grant) : undefined;
    if (unused) {
      t.description = `${item.description ?? ''} · ${vscode.l10n.t('unused')}`;
      t.tooltip = md([...(item.tooltip ?? []), unusedLine(unused, this.zone)]);
    }
    t.contextValue = item.kind === 'grant' && item.grant?.creation ? 'kmsLens.grant.withCreation' : CONTEXT_VALUES[item.kind];
    // Clicking an event reveals it in its document (the handler is grantsView.ts's).
    if (item.event) t.command = { command: COMMAND_IDS.grantsRevealEvent, title: vscode.l10n.t('Show the event'), arguments: [item.event] };
    return t;
  }

  children(): GrantsNode[] {
    this.cached ??= (this.item.children?.() ?? []).map((c) => nodeOf(c, this));
    return this.cached;
  }
}

export class KeyNode extends GrantsNode {
  constructor(item: OutlineItem, private readonly expanded: boolean, zone: TimeZoneChoice = 'utc') {
    super(item, undefined, zone);
  }

  get entry(): KeyGrants {
    return this.item.entry as KeyGrants;
  }

  protected override collapsibleState(): vscode.TreeItemCollapsibleState {
    return this.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }
}

export class GrantNode extends GrantsNode {
  get grant(): Grant {
    return this.item.grant as Grant;
  }

  /** The grant's key (the key node above it). */
  get key(): KmsKey {
    return (this.parent as KeyNode).entry.key;
  }
}

function nodeOf(item: OutlineItem, parent: GrantsNode): GrantsNode {
  return item.kind === 'grant' ? new GrantNode(item, parent) : new GrantsNode(item, parent);
}

export class GrantsTreeProvider implements vscode.TreeDataProvider<GrantsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GrantsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterState: GrantsFilter = { statuses: new Set(ALL_STATUSES), search: '' };
  private roots?: GrantsNode[];
  private model: GrantsModel;
  private zone: TimeZoneChoice = 'utc';
  /** The model whose unused grants are marked. */
  private unusedFor?: GrantsModel;

  /** `sources`: the logs the model was built from (which calls were made after a grant's creation). */
  constructor(model: GrantsModel, private readonly sources: () => readonly GrantsSource[] = () => []) {
    this.model = model;
  }

  get filter(): GrantsFilter {
    return this.filterState;
  }

  get isFiltered(): boolean {
    return this.filterState.search !== '' || ALL_STATUSES.some((s) => !this.filterState.statuses.has(s));
  }

  setModel(model: GrantsModel): void {
    this.model = model;
    this.refresh();
  }

  /** The zone every date of the tree is written in (the `kmsLens.timeZone` setting). */
  setTimeZone(zone: TimeZoneChoice): void {
    if (zone === this.zone) return;
    this.zone = zone;
    this.refresh();
  }

  setFilter(filter: Partial<GrantsFilter>): void {
    this.filterState = {
      statuses: filter.statuses ?? this.filterState.statuses,
      search: filter.search !== undefined ? filter.search.trim().toLowerCase() : this.filterState.search,
    };
    this.refresh();
  }

  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: GrantsNode): vscode.TreeItem {
    return node.treeItem();
  }

  getChildren(node?: GrantsNode): GrantsNode[] {
    if (node) return node.children();
    this.roots ??= this.buildRoots();
    return this.roots;
  }

  getParent(node: GrantsNode): GrantsNode | undefined {
    return node.parent;
  }

  private buildRoots(): GrantsNode[] {
    if (this.unusedFor !== this.model) {
      this.unusedFor = this.model;
      for (const u of core.unusedGrants(this.model, this.sources())) unusedByGrant.set(u.grant, u);
    }
    const outline = core.outline(this.model, { filter: this.filterState, timeZone: this.zone });
    const expanded = this.model.keys.length <= EXPAND_KEYS_UP_TO;
    return outline.roots.map((item) => (item.kind === 'key' ? new KeyNode(item, expanded, this.zone) : new GrantsNode(item, undefined, this.zone)));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
