/**
 * A key's own life in the outline: its state (and since when, or when it
 * will be deleted) and rotation in the key's description and tooltip, and
 * under the key a State item, a Rotation item, the services the logs show
 * using it, a Timeline of its lifecycle events and the calls refused because
 * of its state.
 */
import * as l10n from '@vscode/l10n';
import { describeActor } from '../history/actors';
import type { EventRef } from '../history/types';
import { describeEvidence, describeLifecycleEvent, describeRotation, describeService, describeState, stateName } from '../lifecycle/describe';
import { hasLife } from '../lifecycle/state';
import type { KeyLifecycle, LifecycleEvent } from '../lifecycle/types';
import { basename, code, eventDescription, eventLine, eventTooltip, lazy, listed, type OutlineContext, type OutlineItem } from './outlineItems';

function matches(e: EventRef, search: string): boolean {
  return !search || e.eventName.toLowerCase().includes(search) || (e.actor?.display.toLowerCase().includes(search) ?? false);
}

function stateTooltip(lc: KeyLifecycle, ctx: OutlineContext): string[] {
  const state = describeState(lc, ctx.time);
  if (!state) return [l10n.t('State: not shown by these logs (no state-changing event)')];
  const lines = [`${l10n.t('State')}: **${state}**`];
  if (lc.stateEvent?.role === 'snapshot') lines.push(l10n.t('As {0} output in {1} shows it, at a time the output does not give (it is read as later than every logged event).', lc.stateEvent.eventName, code(basename(lc.stateEvent.source))));
  else if (lc.stateEvent) lines.push(l10n.t('Since {0}: {1} by {2}', ctx.time(lc.stateSince), lc.stateEvent.eventName, code(describeActor(lc.stateEvent.actor))));
  const d = lc.deletion;
  if (d?.deletionDate) {
    lines.push(Number.isNaN(d.pendingWindowInDays)
      ? l10n.t('Deletion between {0} and {1}', ctx.time(d.deletionDate), ctx.time(d.latestDeletion))
      : l10n.t('Waiting period: {0} days; deletion between {1} and {2}', d.pendingWindowInDays, ctx.time(d.deletionDate), ctx.time(d.latestDeletion)));
    if (d.deletionDateLogged && !d.computed) lines.push(l10n.t('deletionDate as logged: {0} (UTC)', code(d.deletionDateLogged)));
    lines.push(l10n.t('Until then, CancelKeyDeletion keeps the key (it comes back Disabled).'));
  }
  return lines;
}

/** The key's state in a word or two, for the key's description (its dates and rotation are in the tooltip and under the key). */
export function lifecycleDescription(lc: KeyLifecycle | undefined): string | undefined {
  return hasLife(lc) && lc.state ? stateName(lc.state) : undefined;
}

/** When the state began or ends, for the State item's description: `since ...`, `deleted ... at the earliest`. */
function stateWhen(lc: KeyLifecycle, ctx: OutlineContext): string | undefined {
  const d = lc.deletion;
  if ((lc.state === 'PendingDeletion' || lc.state === 'PendingReplicaDeletion') && d) {
    return d.deletionDate ? l10n.t('deleted {0} at the earliest', ctx.time(d.deletionDate)) : l10n.t('{0}-day wait', d.pendingWindowInDays);
  }
  if (lc.state === 'Deleted') return lc.stateSince ? l10n.t('on {0}', ctx.time(lc.stateSince)) : undefined;
  // describe-key output gives no time: say where the state comes from instead.
  if (lc.stateEvent?.role === 'snapshot') return l10n.t('as {0} output shows', lc.stateEvent.eventName);
  return lc.stateSince ? l10n.t('since {0}', ctx.time(lc.stateSince)) : undefined;
}

/** The Rotation item's label and description: `Automatic rotation on` · `every 365 days, last rotated ...`. */
function rotationWords(lc: KeyLifecycle, ctx: OutlineContext): { label: string; description: string } {
  const r = lc.rotation;
  const label = r.enabled === true ? l10n.t('Automatic rotation on') : r.enabled === false ? l10n.t('Automatic rotation off') : l10n.t('Rotation');
  const parts: string[] = [];
  if (r.enabled === true && r.periodInDays) parts.push(l10n.t('every {0} days', r.periodInDays));
  if (r.lastRotation) parts.push(l10n.t('last rotated {0}', ctx.time(r.lastRotation.at)));
  if (r.onDemand > 0) parts.push(r.onDemand === 1 ? l10n.t('1 on-demand rotation') : l10n.t('{0} on-demand rotations', r.onDemand));
  return { label, description: parts.join(', ') };
}

/** What describe-key showed of the key beyond its state: who manages it, what it is for, where its replicas are. */
function metadataLines(lc: KeyLifecycle): string[] {
  const lines: string[] = [];
  const m = lc.metadata;
  if (m?.description) lines.push(`${l10n.t('Description')}: ${m.description}`);
  if (m?.keyManager === 'AWS') lines.push(l10n.t('An AWS managed key: AWS manages its key policy and rotation.'));
  const spec = [m?.keySpec, m?.keyUsage, m?.origin].filter(Boolean).join(', ');
  if (spec) lines.push(`${l10n.t('Key spec, usage, origin')}: ${spec}`);
  if (m?.creationDate) lines.push(`${l10n.t('Created')}: ${m.creationDate}`);
  if (m?.validTo) lines.push(`${l10n.t('Imported key material expires')}: ${m.validTo}`);
  const mr = lc.multiRegion;
  if (mr?.type === 'REPLICA') lines.push(l10n.t('Multi-Region replica of {0}', code(mr.primaryArn ?? '?')));
  else if (mr?.type === 'PRIMARY') lines.push(l10n.t('Multi-Region primary key, replicas: {0}', mr.replicaArns.length > 0 ? mr.replicaArns.map(code).join(', ') : l10n.t('none')));
  return lines;
}

/** `replica of the key in eu-west-1`, `primary key, 2 replicas`, as describe-key shows it. */
function multiRegionDescription(lc: KeyLifecycle): string | undefined {
  const mr = lc.multiRegion;
  if (!mr) return undefined;
  if (mr.type === 'REPLICA') {
    const region = mr.primaryArn?.split(':')[3];
    return region ? l10n.t('replica of the primary key in {0}', region) : l10n.t('replica key');
  }
  if (mr.type === 'PRIMARY') return l10n.t('primary key, {0} replica(s)', mr.replicaArns.length);
  return mr.type;
}

/** Lines for the key's tooltip. */
export function lifecycleTooltip(lc: KeyLifecycle | undefined, ctx: OutlineContext): string[] {
  if (!hasLife(lc)) return [];
  const lines = stateTooltip(lc, ctx);
  lines.push(...metadataLines(lc));
  const rotation = describeRotation(lc.rotation, ctx.time);
  if (rotation) lines.push(`${l10n.t('Rotation')}: ${rotation}`);
  if (lc.refused.length) lines.push(l10n.t('Calls refused because of the key\'s state: {0}', lc.refused.length));
  return lines;
}

function lifecycleEventItem(e: LifecycleEvent, parentId: string, i: number, ctx: OutlineContext): OutlineItem {
  // The row says what happened; when it happens next (a deletion date) is in the tooltip and the text report.
  const label = describeLifecycleEvent(e, ctx.time, true);
  const full = describeLifecycleEvent(e, ctx.time);
  return {
    id: `${parentId}/event:${i}:${e.event.source}:${e.event.start}`,
    kind: 'lifecycleEvent',
    variant: e.failed ? 'failed' : e.kind,
    label,
    description: eventDescription(e.event, ctx),
    tooltip: eventTooltip(e.event, full, ctx, e.errorMessage),
    event: e.event,
    line: (at) => {
      if (e.event.role === 'snapshot') return `${full} (${at(e.event)})`;
      // A rotation of list-key-rotations output: it has a date, but no caller.
      if (e.event.role === 'list') return l10n.t('{0} {1} (listed by list-key-rotations, {2})', ctx.time(e.event.eventTime), full, at(e.event));
      return l10n.t('{0} {1}, {2} by {3} ({4})', ctx.time(e.event.eventTime), full, e.event.eventName, describeActor(e.event.actor), at(e.event));
    },
  };
}

function refusedItem(e: EventRef, parentId: string, i: number, ctx: OutlineContext): OutlineItem {
  const label = l10n.t('{0} refused: {1}', e.eventName, e.errorCode ?? '');
  return {
    id: `${parentId}/event:${i}:${e.source}:${e.start}`,
    kind: 'refusedCall',
    label,
    description: eventDescription(e, ctx),
    tooltip: eventTooltip(e, label, ctx),
    event: e,
    line: (at) => eventLine(`${e.eventName} ${e.errorCode ?? ''}`, e, at, ctx),
  };
}

/** The items of a key's own life, first under the key; none while the grants are filtered by status. */
export function lifecycleItems(lc: KeyLifecycle | undefined, keyId: string, ctx: OutlineContext): OutlineItem[] {
  if (!hasLife(lc) || ctx.statusFiltered) return [];
  const search = ctx.filter.search;
  const items: OutlineItem[] = [];
  const base = `${keyId}/lifecycle`;
  if (!search) {
    const state = describeState(lc, ctx.time) ?? l10n.t('not shown by these logs');
    const stateEvent = lc.stateEvent;
    items.push({
      id: `${base}/state`,
      kind: 'state',
      variant: lc.state ?? 'unknown',
      // The state itself is the label, so that it shows however narrow the view; when, in the description.
      label: lc.state ? stateName(lc.state) : l10n.t('State unknown'),
      description: lc.state ? stateWhen(lc, ctx) ?? '' : l10n.t('not shown by these logs'),
      tooltip: stateTooltip(lc, ctx),
      event: stateEvent,
      line: (at) => {
        if (!stateEvent) return l10n.t('state: {0}', state);
        if (stateEvent.role === 'snapshot') return l10n.t('state: {0} ({1} output, time not given, {2})', state, stateEvent.eventName, at(stateEvent));
        return l10n.t('state: {0} ({1} {2} by {3}, {4})', state, stateEvent.eventName, ctx.time(lc.stateSince), describeActor(stateEvent.actor), at(stateEvent));
      },
    });
    const rotation = describeRotation(lc.rotation, ctx.time);
    if (rotation) {
      const words = rotationWords(lc, ctx);
      items.push({
        id: `${base}/rotation`,
        kind: 'rotation',
        label: words.label,
        description: words.description,
        tooltip: [`${l10n.t('Rotation')}: ${rotation}`],
        event: lc.rotation.lastRotation?.event ?? lc.rotation.event,
        line: () => l10n.t('rotation: {0}', rotation),
      });
    }
    const mr = multiRegionDescription(lc);
    if (mr) {
      items.push({
        id: `${base}/multiRegion`,
        kind: 'multiRegion',
        label: l10n.t('Multi-Region'),
        description: mr,
        tooltip: metadataLines(lc),
        line: () => l10n.t('multi-Region: {0}', mr),
      });
    }
    for (const service of ['fargate', 'deadline'] as const) {
      const e = lc.services[service];
      if (!e) continue;
      const what = describeService(service, e);
      const shownBy = describeEvidence(e, ctx.time);
      items.push({
        id: `${base}/service:${service}`,
        kind: 'service',
        variant: service,
        label: service === 'fargate' ? l10n.t('Used by Fargate') : l10n.t('Used by Deadline Cloud'),
        description: e.detail ? (service === 'fargate' ? l10n.t('cluster {0}', e.detail) : l10n.t('farm {0}', e.detail)) : '',
        tooltip: [l10n.t('Used by {0}', what), e.count === 1 ? l10n.t('Shown by {0}, the only such event', shownBy) : l10n.t('Shown by {0}; {1} events in all', shownBy, e.count)],
        event: e.event,
        line: (at) => l10n.t('used by: {0}, as {1} shows ({2})', what, shownBy, at(e.event)),
      });
    }
  }
  const events = lc.events.filter((e) => matches(e.event, search));
  if (events.length) {
    const id = `${base}/timeline`;
    items.push({
      id,
      kind: 'timeline',
      label: l10n.t('Timeline'),
      description: events.length === 1 ? l10n.t('1 lifecycle event') : l10n.t('{0} lifecycle events', events.length),
      line: () => (events.length === 1 ? l10n.t('timeline: 1 event') : l10n.t('timeline: {0} events', events.length)),
      children: lazy(() => listed(events, id, (e, i) => lifecycleEventItem(e, id, i, ctx))),
    });
  }
  const refused = lc.refused.filter((e) => matches(e, search));
  if (refused.length) {
    const id = `${base}/refused`;
    items.push({
      id,
      kind: 'refused',
      label: l10n.t('Refused calls'),
      description: String(refused.length),
      tooltip: [l10n.t('Calls refused because of the key\'s state (DisabledException, KMSInvalidStateException): something still needed the key.')],
      line: () => l10n.t('refused because of the key\'s state: {0}', refused.length),
      children: lazy(() => listed(refused, id, (e, i) => refusedItem(e, id, i, ctx))),
    });
  }
  return items;
}
