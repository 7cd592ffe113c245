/**
 * A key's own life in the grants view: its known state (and since when, or
 * when it will be deleted) and rotation in the key's description and tooltip,
 * and under the key a State node, a Rotation node, the services the logs show
 * using it, a Timeline of its lifecycle events and the calls refused because
 * of its state. Every event node reveals its event when clicked.
 */
import * as vscode from 'vscode';
import { describeActor, type EventRef } from '../core/history';
import type { KeyGrants } from '../core/keys';
import {
  describeEvidence, describeLifecycleEvent, describeRotation, describeService, describeState, formatTime,
  type KeyLifecycle, type KeyState, type LifecycleEvent,
} from '../core/lifecycle';
import { ALL_STATUSES, basename, code, GroupNode, GrantsNode, md, REVEAL_EVENT_COMMAND, type KeyChildProvider, type KeyNode } from './grantsTree';

/** Lists longer than this show their first entries and one "more" node (as the grants' lists do). */
const MAX_LISTED = 1000;

const STATE_ICONS: Record<KeyState, vscode.ThemeIcon> = {
  Enabled: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  Disabled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.warningForeground')),
  PendingDeletion: new vscode.ThemeIcon('trash', new vscode.ThemeColor('errorForeground')),
  PendingReplicaDeletion: new vscode.ThemeIcon('trash', new vscode.ThemeColor('errorForeground')),
  Deleted: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  PendingImport: new vscode.ThemeIcon('cloud-upload', new vscode.ThemeColor('list.warningForeground')),
  Creating: new vscode.ThemeIcon('loading'),
  Updating: new vscode.ThemeIcon('sync'),
  Unavailable: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground')),
};

const KIND_ICONS: Partial<Record<LifecycleEvent['kind'], string>> = {
  create: 'add', replicaCreated: 'add', enable: 'pass', disable: 'circle-slash', scheduleDeletion: 'trash', cancelDeletion: 'discard',
  delete: 'error', enableRotation: 'sync', disableRotation: 'sync-ignored', rotate: 'refresh', rotateOnDemand: 'refresh',
  putPolicy: 'shield', importMaterial: 'cloud-upload', deleteMaterial: 'cloud-download', expireMaterial: 'watch',
  replicate: 'copy', updatePrimaryRegion: 'globe', synchronize: 'sync',
};

/** One event of the key's life, or a refused call: a click opens its document with the event selected. */
export class LifecycleEventNode extends GrantsNode {
  constructor(id: string, parent: GrantsNode, readonly event: EventRef, private readonly label: string, private readonly icon: string, private readonly detail?: string) {
    super(id, parent);
  }

  treeItem(): vscode.TreeItem {
    const e = this.event;
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [formatTime(e.eventTime), e.actor ? describeActor(e.actor) : undefined, basename(e.source)].filter(Boolean).join(' · ');
    const lines = [`**${e.eventName}**${e.errorCode ? ` (${e.errorCode})` : ''}`, this.label];
    if (this.detail) lines.push(this.detail);
    if (e.eventTime) lines.push(`${vscode.l10n.t('Time')}: ${e.eventTime}`);
    if (e.actor) lines.push(`${vscode.l10n.t('By')}: ${code(describeActor(e.actor))}`);
    if (e.eventId) lines.push(`eventID: ${code(e.eventId)}`);
    lines.push(`${vscode.l10n.t('In')}: ${code(basename(e.source))}`);
    item.tooltip = md(lines);
    item.iconPath = new vscode.ThemeIcon(this.icon, e.errorCode ? new vscode.ThemeColor('list.warningForeground') : undefined);
    item.contextValue = 'kmsLens.lifecycleEvent';
    item.command = { command: REVEAL_EVENT_COMMAND, title: vscode.l10n.t('Show the event'), arguments: [e] };
    return item;
  }
}

/** A labelled fact about the key (its state, its rotation, a service using it); a click reveals the event that shows it. */
export class KeyFactNode extends GrantsNode {
  constructor(id: string, parent: GrantsNode, private readonly label: string, private readonly description: string, private readonly icon: vscode.ThemeIcon, private readonly tooltip: string[], private readonly event?: EventRef) {
    super(id, parent);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.description;
    item.tooltip = md(this.tooltip);
    item.iconPath = this.icon;
    item.contextValue = 'kmsLens.keyFact';
    if (this.event) item.command = { command: REVEAL_EVENT_COMMAND, title: vscode.l10n.t('Show the event'), arguments: [this.event] };
    return item;
  }
}

function hasLife(lc: KeyLifecycle | undefined): lc is KeyLifecycle {
  return !!lc && (lc.events.length > 0 || lc.refused.length > 0);
}

function matches(e: EventRef, search: string): boolean {
  return !search || e.eventName.toLowerCase().includes(search) || (e.actor?.display.toLowerCase().includes(search) ?? false);
}

function stateTooltip(lc: KeyLifecycle): string[] {
  const lines: string[] = [];
  const state = describeState(lc);
  if (!state) return [vscode.l10n.t('State: not shown by these logs (no state-changing event)')];
  lines.push(`${vscode.l10n.t('State')}: **${state}**`);
  if (lc.stateEvent) lines.push(vscode.l10n.t('Since {0}: {1} by {2}', lc.stateSince ?? '?', lc.stateEvent.eventName, code(describeActor(lc.stateEvent.actor))));
  const d = lc.deletion;
  if (d?.deletionDate) {
    lines.push(vscode.l10n.t('Waiting period: {0} days; deletion between {1} and {2}', d.pendingWindowInDays, formatTime(d.deletionDate), formatTime(d.latestDeletion)));
    if (d.deletionDateLogged && !d.computed) lines.push(vscode.l10n.t('deletionDate as logged: {0} (UTC)', code(d.deletionDateLogged)));
    lines.push(vscode.l10n.t('Until then, CancelKeyDeletion keeps the key (it comes back Disabled).'));
  }
  return lines;
}

/** The lifecycle part of the grants view. */
export const lifecycleProvider: KeyChildProvider = {
  id: 'lifecycle',
  describe: (entry) => {
    const lc = entry.lifecycle;
    if (!hasLife(lc)) return undefined;
    return [describeState(lc), describeRotation(lc.rotation)].filter(Boolean).join(' · ') || undefined;
  },
  tooltip: (entry) => {
    const lc = entry.lifecycle;
    if (!hasLife(lc)) return [];
    const lines = stateTooltip(lc);
    const rotation = describeRotation(lc.rotation);
    if (rotation) lines.push(`${vscode.l10n.t('Rotation')}: ${rotation}`);
    if (lc.refused.length) lines.push(vscode.l10n.t('Calls refused because of the key\'s state: {0}', lc.refused.length));
    return lines;
  },
  children: (entry: KeyGrants, parent: KeyNode, ctx) => {
    const lc = entry.lifecycle;
    if (!hasLife(lc) || ALL_STATUSES.some((s) => !ctx.filter.statuses.has(s))) return [];
    const search = ctx.filter.search;
    const nodes: GrantsNode[] = [];
    const base = `${parent.id}/lifecycle`;
    if (!search) {
      const state = describeState(lc);
      nodes.push(new KeyFactNode(`${base}/state`, parent, vscode.l10n.t('State'), state ?? vscode.l10n.t('not shown by these logs'),
        lc.state ? STATE_ICONS[lc.state] : new vscode.ThemeIcon('question'), stateTooltip(lc), lc.stateEvent));
      const rotation = describeRotation(lc.rotation);
      if (rotation) {
        const r = lc.rotation;
        nodes.push(new KeyFactNode(`${base}/rotation`, parent, vscode.l10n.t('Rotation'), rotation, new vscode.ThemeIcon('sync'),
          [`${vscode.l10n.t('Rotation')}: ${rotation}`], r.lastRotation?.event ?? r.event));
      }
      for (const service of ['fargate', 'deadline'] as const) {
        const e = lc.services[service];
        if (!e) continue;
        const what = describeService(service, e);
        nodes.push(new KeyFactNode(`${base}/service:${service}`, parent, vscode.l10n.t('Used by'), what, new vscode.ThemeIcon(service === 'fargate' ? 'server-process' : 'server-environment'),
          [vscode.l10n.t('Used by {0}', what), vscode.l10n.t('Shown by {0}; {1} events in all', describeEvidence(e), e.count)], e.event));
      }
    }
    const events = lc.events.filter((e) => matches(e.event, search));
    if (events.length) {
      nodes.push(new GroupNode(`${base}/timeline`, parent, vscode.l10n.t('Timeline'), events.length === 1 ? vscode.l10n.t('1 lifecycle event') : vscode.l10n.t('{0} lifecycle events', events.length), 'history', (g) =>
        events.map((e, i) => new LifecycleEventNode(`${g.id}/event:${i}:${e.event.source}:${e.event.start}`, g, e.event, describeLifecycleEvent(e), e.failed ? 'error' : (KIND_ICONS[e.kind] ?? 'symbol-event'), e.errorMessage))));
    }
    const refused = lc.refused.filter((e) => matches(e, search));
    if (refused.length) {
      nodes.push(new GroupNode(`${base}/refused`, parent, vscode.l10n.t('Refused because of the key\'s state'), String(refused.length), 'warning', (g) => {
        const shown: GrantsNode[] = refused.slice(0, MAX_LISTED).map((e, i) => new LifecycleEventNode(`${g.id}/event:${i}:${e.source}:${e.start}`, g, e, vscode.l10n.t('{0} refused: {1}', e.eventName, e.errorCode ?? ''), 'warning'));
        if (refused.length > MAX_LISTED) {
          shown.push(new KeyFactNode(`${g.id}/more`, g, vscode.l10n.t('{0} more', refused.length - MAX_LISTED), vscode.l10n.t('not listed: open the log to see them all'), new vscode.ThemeIcon('ellipsis'), []));
        }
        return shown;
      }));
    }
    return nodes;
  },
};
