/**
 * The grants tree: keys at the top, then what each `KeyChildProvider` adds
 * under a key (grants, attempts, operations that went through no grant).
 * Other views of a key (its state, rotation, a timeline) plug in as more
 * providers, and may add words to the key's description, without touching
 * the nodes here.
 */
import * as vscode from 'vscode';
import { describeConstraints, describeNote, describeStatus, grantLabel, type Attempt, type Grant } from '../core/grants';
import { describeActor, keyLabel, type EventRef, type KmsKey } from '../core/history';
import type { GrantsModel, KeyGrants } from '../core/keys';

export type StatusFilter = 'active' | 'retired' | 'revoked' | 'attempts';
export const ALL_STATUSES: readonly StatusFilter[] = ['active', 'retired', 'revoked', 'attempts'];

export interface GrantsFilter {
  statuses: ReadonlySet<StatusFilter>;
  /** Lower-case text to find in grant ids and principals; empty for none. */
  search: string;
}

/** What a provider needs to build its nodes. */
export interface TreeContext {
  model: GrantsModel;
  filter: GrantsFilter;
  key(identity: string | undefined): KmsKey | undefined;
}

/** Adds children under each key node, and optionally words to its description and lines (Markdown) to its tooltip. */
export interface KeyChildProvider {
  readonly id: string;
  children(entry: KeyGrants, parent: KeyNode, ctx: TreeContext): GrantsNode[];
  describe?(entry: KeyGrants, ctx: TreeContext): string | undefined;
  tooltip?(entry: KeyGrants, ctx: TreeContext): string[];
}

/** Lists longer than this show their first entries and one "more" node. */
const MAX_LISTED = 1000;
/** More keys than this start collapsed. */
const EXPAND_KEYS_UP_TO = 8;

export abstract class GrantsNode {
  constructor(readonly id: string, readonly parent: GrantsNode | undefined) {}
  abstract treeItem(): vscode.TreeItem;
  children(): GrantsNode[] {
    return [];
  }
}

/** The command a tree event node runs: reveal the event in its document (registered by grantsView.ts). */
export const REVEAL_EVENT_COMMAND = 'kmsLens.grants.revealEvent';

export function md(lines: string[]): vscode.MarkdownString {
  const m = new vscode.MarkdownString(lines.join('  \n'));
  m.supportHtml = false;
  return m;
}

/** Inline code that cannot break out of its backticks. */
export function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

export function basename(source: string): string {
  const path = source.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

export class KeyNode extends GrantsNode {
  constructor(readonly entry: KeyGrants, private readonly ctx: TreeContext, private readonly providers: readonly KeyChildProvider[], private readonly expanded: boolean) {
    super(`key:${entry.key.identity}`, undefined);
  }

  private cached?: GrantsNode[];

  override children(): GrantsNode[] {
    this.cached ??= this.providers.flatMap((p) => p.children(this.entry, this, this.ctx));
    return this.cached;
  }

  treeItem(): vscode.TreeItem {
    const { key } = this.entry;
    const item = new vscode.TreeItem(keyLabel(key), this.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const extra = this.providers.map((p) => p.describe?.(this.entry, this.ctx)).filter((s): s is string => !!s);
    item.description = [key.region, key.account, ...extra].filter(Boolean).join(' · ');
    const lines = [`**${vscode.l10n.t('KMS key')}** ${code(keyLabel(key))}`];
    if (key.arn) lines.push(`${vscode.l10n.t('ARN')}: ${code(key.arn)}`);
    else if (key.keyId) lines.push(`${vscode.l10n.t('Key id')}: ${code(key.keyId)}`);
    if (key.aliasArn) lines.push(`${vscode.l10n.t('Alias ARN')}: ${code(key.aliasArn)}`);
    lines.push(`${vscode.l10n.t('Region')}: ${key.region ?? vscode.l10n.t('unknown')}`);
    lines.push(`${vscode.l10n.t('Account')}: ${key.account ?? vscode.l10n.t('unknown')}`);
    if (key.aliases.length) lines.push(`${vscode.l10n.t('Aliases')}: ${key.aliases.map(code).join(', ')}`);
    for (const p of this.providers) lines.push(...(p.tooltip?.(this.entry, this.ctx) ?? []));
    item.tooltip = md(lines);
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = 'kmsLens.key';
    return item;
  }
}

const STATUS_ICONS: Record<Grant['status'], vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  retired: new vscode.ThemeIcon('archive', new vscode.ThemeColor('disabledForeground')),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('errorForeground')),
};

export class GrantNode extends GrantsNode {
  constructor(readonly grant: Grant, readonly key: KmsKey, parent: KeyNode) {
    super(`${parent.id}/grant:${grant.grantId}`, parent);
  }

  treeItem(): vscode.TreeItem {
    const g = this.grant;
    const item = new vscode.TreeItem(grantLabel(g), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const parts = [describeStatus(g.status)];
    if (g.createdBeforeLogs) parts.push(vscode.l10n.t('created before these logs'));
    if (g.granteePrincipal) parts.push(g.granteePrincipal);
    parts.push(g.uses.length === 1 ? vscode.l10n.t('1 use') : vscode.l10n.t('{0} uses', g.uses.length));
    item.description = parts.join(' · ');
    const lines = [
      `**${vscode.l10n.t('Grant')}** ${code(g.grantId)}`,
      `${vscode.l10n.t('Status')}: ${describeStatus(g.status)}`,
      `${vscode.l10n.t('Key')}: ${code(this.key.arn ?? keyLabel(this.key))}`,
    ];
    if (g.name) lines.push(`${vscode.l10n.t('Name')}: ${code(g.name)}`);
    if (g.granteePrincipal) lines.push(`${vscode.l10n.t('Grantee')}: ${code(g.granteePrincipal)}`);
    if (g.retiringPrincipal) lines.push(`${vscode.l10n.t('Retiring principal')}: ${code(g.retiringPrincipal)}`);
    lines.push(`${vscode.l10n.t('Operations')}: ${g.operations.join(', ') || vscode.l10n.t('none recorded')}`);
    for (const c of describeConstraints(g.constraints)) lines.push(c);
    if (g.createdAt) lines.push(vscode.l10n.t('Created {0} by {1}', g.createdAt, g.createdBy ? describeActor(g.createdBy) : vscode.l10n.t('(not in these logs)')));
    else if (g.createdBeforeLogs) lines.push(vscode.l10n.t('Created before these logs'));
    if (g.retiredAt) lines.push(vscode.l10n.t('Retired {0} by {1}', g.retiredAt, describeActor(g.retiredBy)));
    if (g.revokedAt) lines.push(vscode.l10n.t('Revoked {0} by {1}', g.revokedAt, describeActor(g.revokedBy)));
    item.tooltip = md(lines);
    item.iconPath = STATUS_ICONS[g.status];
    item.contextValue = g.creation ? 'kmsLens.grant.withCreation' : 'kmsLens.grant';
    return item;
  }

  override children(): GrantsNode[] {
    const g = this.grant;
    const nodes: GrantsNode[] = [];
    const detail = (id: string, label: string, description: string, icon: string, tooltip?: string): void => {
      nodes.push(new DetailNode(`${this.id}/${id}`, this, label, description, icon, tooltip));
    };
    detail('operations', vscode.l10n.t('Operations'), g.operations.join(', ') || vscode.l10n.t('none recorded'), 'symbol-method');
    const constraints = describeConstraints(g.constraints);
    if (constraints.length === 0) detail('constraints', vscode.l10n.t('Constraints'), vscode.l10n.t('none'), 'filter');
    constraints.forEach((c, i) => detail(`constraint${i}`, vscode.l10n.t('Constraint'), c, 'filter', c));
    if (g.granteePrincipal) detail('grantee', vscode.l10n.t('Grantee'), g.granteePrincipal, 'person');
    if (g.retiringPrincipal) detail('retiring', vscode.l10n.t('Retiring principal'), g.retiringPrincipal, 'person');
    if (g.issuingAccount) detail('issuing', vscode.l10n.t('Issuing account'), g.issuingAccount, 'organization');
    if (g.name) detail('name', vscode.l10n.t('Name'), g.name, 'tag');
    if (g.createdBeforeLogs) detail('before', vscode.l10n.t('Created before these logs'), vscode.l10n.t('only its end is in the open files'), 'history');
    for (const note of g.notes) detail(`note:${note}`, vscode.l10n.t('Note'), describeNote(note), 'warning', describeNote(note));
    g.events.forEach((e, i) => nodes.push(new EventNode(e, this, i)));
    nodes.push(new GroupNode(`${this.id}/uses`, this, vscode.l10n.t('Uses'), String(g.uses.length), 'zap', g.uses.length > 0 ? (p) => eventNodes(g.uses, p) : undefined));
    return nodes;
  }
}

export class DetailNode extends GrantsNode {
  constructor(id: string, parent: GrantsNode, private readonly label: string, private readonly description: string, private readonly icon: string, private readonly tooltip?: string) {
    super(id, parent);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.description;
    item.tooltip = this.tooltip ?? `${this.label}: ${this.description}`;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'kmsLens.detail';
    return item;
  }
}

/** A labelled list (uses, attempts, other operations), built when expanded. */
export class GroupNode extends GrantsNode {
  constructor(id: string, parent: GrantsNode | undefined, private readonly label: string, private readonly description: string, private readonly icon: string, private readonly make?: (self: GroupNode) => GrantsNode[]) {
    super(id, parent);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, this.make ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.description;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'kmsLens.group';
    return item;
  }

  override children(): GrantsNode[] {
    return this.make?.(this) ?? [];
  }
}

function eventLabel(e: EventRef): string {
  switch (e.role) {
    case 'create': return vscode.l10n.t('Created');
    case 'recreate': return vscode.l10n.t('Created again (same grant id)');
    case 'retire': return vscode.l10n.t('Retired');
    case 'revoke': return vscode.l10n.t('Revoked');
    case 'failedRetire': return vscode.l10n.t('RetireGrant failed: {0}', e.errorCode ?? '');
    case 'failedRevoke': return vscode.l10n.t('RevokeGrant failed: {0}', e.errorCode ?? '');
    case 'list': return vscode.l10n.t('Listed by list-grants');
    default: return e.eventName;
  }
}

const EVENT_ICONS: Partial<Record<EventRef['role'], string>> = {
  create: 'add', recreate: 'add', retire: 'archive', revoke: 'circle-slash', failedRetire: 'error', failedRevoke: 'error', list: 'list-unordered', use: 'symbol-event',
};

/** One event: a click opens its document with the event selected. */
export class EventNode extends GrantsNode {
  /** `position` in the parent's list keeps ids unique: both sides of a ReEncrypt under one key are one record. */
  constructor(readonly event: EventRef, parent: GrantsNode, position: number) {
    super(`${parent.id}/event:${position}:${event.source}:${event.start}:${event.role}`, parent);
  }

  treeItem(): vscode.TreeItem {
    const e = this.event;
    const item = new vscode.TreeItem(eventLabel(e), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [e.eventTime, e.actor ? describeActor(e.actor) : undefined, basename(e.source)].filter(Boolean).join(' · ');
    const lines = [`**${e.eventName}**${e.errorCode ? ` (${e.errorCode})` : ''}`];
    if (e.eventTime) lines.push(`${vscode.l10n.t('Time')}: ${e.eventTime}`);
    if (e.actor) lines.push(`${vscode.l10n.t('By')}: ${code(describeActor(e.actor))}`);
    if (e.eventId) lines.push(`eventID: ${code(e.eventId)}`);
    lines.push(`${vscode.l10n.t('In')}: ${code(basename(e.source))}`);
    item.tooltip = md(lines);
    item.iconPath = new vscode.ThemeIcon(EVENT_ICONS[e.role] ?? 'symbol-event');
    item.contextValue = 'kmsLens.event';
    item.command = { command: REVEAL_EVENT_COMMAND, title: vscode.l10n.t('Show the event'), arguments: [e] };
    return item;
  }
}

function eventNodes(events: readonly EventRef[], parent: GrantsNode): GrantsNode[] {
  const nodes: GrantsNode[] = events.slice(0, MAX_LISTED).map((e, i) => new EventNode(e, parent, i));
  if (events.length > MAX_LISTED) {
    nodes.push(new DetailNode(`${parent.id}/more`, parent, vscode.l10n.t('{0} more', events.length - MAX_LISTED), vscode.l10n.t('not listed: open the log to see them all'), 'ellipsis'));
  }
  return nodes;
}

export class AttemptNode extends GrantsNode {
  constructor(readonly attempt: Attempt, parent: GrantsNode) {
    super(`${parent.id}/attempt:${attempt.event.source}:${attempt.event.start}`, parent);
  }

  treeItem(): vscode.TreeItem {
    const a = this.attempt;
    const item = new vscode.TreeItem(`${a.eventName}: ${a.errorCode ?? vscode.l10n.t('no grant id in the response')}`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [a.event.eventTime, a.event.actor ? describeActor(a.event.actor) : undefined, a.granteePrincipal].filter(Boolean).join(' · ');
    const lines = [`**${vscode.l10n.t('Attempt: no grant was created or changed')}**`, `${a.eventName}: ${a.errorCode ?? ''}`];
    if (a.errorMessage) lines.push(a.errorMessage);
    if (a.grantId) lines.push(`${vscode.l10n.t('Grant')}: ${code(a.grantId)}`);
    if (a.granteePrincipal) lines.push(`${vscode.l10n.t('Grantee')}: ${code(a.granteePrincipal)}`);
    if (a.operations.length) lines.push(`${vscode.l10n.t('Operations')}: ${a.operations.join(', ')}`);
    for (const c of describeConstraints(a.constraints)) lines.push(c);
    item.tooltip = md(lines);
    item.iconPath = new vscode.ThemeIcon(a.dryRun ? 'beaker' : 'warning');
    item.contextValue = 'kmsLens.attempt';
    item.command = { command: REVEAL_EVENT_COMMAND, title: vscode.l10n.t('Show the event'), arguments: [a.event] };
    return item;
  }
}

function grantMatches(g: Grant, search: string): boolean {
  if (!search) return true;
  const fields = [g.grantId, g.name, g.granteePrincipal, g.retiringPrincipal, g.issuingAccount, g.createdBy?.display, g.retiredBy?.display, g.revokedBy?.display];
  return fields.some((f) => f?.toLowerCase().includes(search));
}

function attemptMatches(a: Attempt, search: string): boolean {
  if (!search) return true;
  return [a.grantId, a.granteePrincipal, a.retiringPrincipal, a.event.actor?.display, a.errorCode].some((f) => f?.toLowerCase().includes(search));
}

function eventMatches(e: EventRef, search: string): boolean {
  return !search || (e.actor?.display.toLowerCase().includes(search) ?? false);
}

const filteredByStatus = (f: GrantsFilter): boolean => ALL_STATUSES.some((s) => !f.statuses.has(s));

/** The key's grants that pass the filter. */
export const grantsProvider: KeyChildProvider = {
  id: 'grants',
  children: (entry, parent, ctx) => entry.grants
    .filter((g) => ctx.filter.statuses.has(g.status) && grantMatches(g, ctx.filter.search))
    .map((g) => new GrantNode(g, entry.key, parent)),
  describe: (entry) => {
    if (!entry.grants.length) return undefined;
    const active = entry.grants.filter((g) => g.status === 'active').length;
    return entry.grants.length === 1 ? vscode.l10n.t('1 grant, {0} active', active) : vscode.l10n.t('{0} grants, {1} active', entry.grants.length, active);
  },
};

/** CreateGrant calls that created nothing. */
export const attemptsProvider: KeyChildProvider = {
  id: 'attempts',
  children: (entry, parent, ctx) => {
    if (!ctx.filter.statuses.has('attempts')) return [];
    const attempts = entry.attempts.filter((a) => attemptMatches(a, ctx.filter.search));
    if (attempts.length === 0) return [];
    return [new GroupNode(`${parent.id}/attempts`, parent, vscode.l10n.t('Attempts'), vscode.l10n.t('{0}: no grant created', attempts.length), 'beaker', (g) => attempts.map((a) => new AttemptNode(a, g)))];
  },
};

/** Operations on the key that went through none of the grants in these logs; hidden while filtering by status. */
export const otherUsesProvider: KeyChildProvider = {
  id: 'otherUses',
  children: (entry, parent, ctx) => {
    if (filteredByStatus(ctx.filter)) return [];
    const uses = entry.otherUses.filter((e) => eventMatches(e, ctx.filter.search));
    if (uses.length === 0) return [];
    return [new GroupNode(`${parent.id}/otherUses`, parent, vscode.l10n.t('Not through a grant in these logs'), String(uses.length), 'circle-outline', (g) => eventNodes(uses, g))];
  },
};

/** RetireGrant/RevokeGrant events that name no grant id. */
export const orphansProvider: KeyChildProvider = {
  id: 'orphans',
  children: (entry, parent, ctx) => {
    if (filteredByStatus(ctx.filter)) return [];
    const events = entry.orphans.filter((e) => eventMatches(e, ctx.filter.search));
    if (events.length === 0) return [];
    return [new GroupNode(`${parent.id}/orphans`, parent, vscode.l10n.t('Retirements naming no grant'), String(events.length), 'question', (g) => eventNodes(events, g))];
  },
};

export const DEFAULT_KEY_CHILD_PROVIDERS: readonly KeyChildProvider[] = [grantsProvider, attemptsProvider, otherUsesProvider, orphansProvider];

export class GrantsTreeProvider implements vscode.TreeDataProvider<GrantsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GrantsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterState: GrantsFilter = { statuses: new Set(ALL_STATUSES), search: '' };
  private roots?: GrantsNode[];
  private model: GrantsModel;

  constructor(model: GrantsModel, private readonly providers: readonly KeyChildProvider[] = DEFAULT_KEY_CHILD_PROVIDERS) {
    this.model = model;
  }

  get filter(): GrantsFilter {
    return this.filterState;
  }

  get isFiltered(): boolean {
    return this.filterState.search !== '' || filteredByStatus(this.filterState);
  }

  setModel(model: GrantsModel): void {
    this.model = model;
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
    const byIdentity = new Map(this.model.keys.map((k) => [k.key.identity, k.key]));
    const ctx: TreeContext = { model: this.model, filter: this.filterState, key: (id) => (id === undefined ? undefined : byIdentity.get(id)) };
    const expanded = this.model.keys.length <= EXPAND_KEYS_UP_TO;
    // A key shows when something under it passes the filter.
    return this.model.keys.map((k) => new KeyNode(k, ctx, this.providers, expanded)).filter((n) => n.children().length > 0);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
