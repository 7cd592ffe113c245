/**
 * A key's grants in the outline: each grant with its details, its own events
 * and its uses; then the CreateGrant calls that created nothing, the uses
 * that went through no grant in these logs, and the retirements naming no
 * grant.
 */
import * as l10n from '@vscode/l10n';
import { describeConstraints, describeNote, describeStatus, grantLabel } from '../grants/describe';
import type { Attempt, Grant } from '../grants/types';
import { describeActor } from '../history/actors';
import { keyLabel } from '../history/keys';
import type { EventRef, KmsKey } from '../history/types';
import { callerMatches, code, eventDescription, eventFacts, eventLine, eventTooltip, lazy, listed, shortActor, shortPrincipal, type OutlineContext, type OutlineItem } from './outlineItems';
import type { KeyGrants } from './types';

function grantMatches(g: Grant, search: string): boolean {
  if (!search) return true;
  const fields = [g.grantId, g.name, g.granteePrincipal, g.retiringPrincipal, g.issuingAccount, g.createdBy?.display, g.retiredBy?.display, g.revokedBy?.display];
  return fields.some((f) => f?.toLowerCase().includes(search));
}

function attemptMatches(a: Attempt, search: string): boolean {
  if (!search) return true;
  return [a.grantId, a.granteePrincipal, a.retiringPrincipal, a.event.actor?.display, a.errorCode].some((f) => f?.toLowerCase().includes(search));
}

/** `3 grants, 1 active`, for the key's description. */
export function grantsDescription(entry: KeyGrants): string | undefined {
  if (!entry.grants.length) return undefined;
  const active = entry.grants.filter((g) => g.status === 'active').length;
  // One message per agreement: Italian and Spanish say "1 attiva" but "0 attive", "1 activa" but "0 activas".
  if (entry.grants.length === 1) return active === 1 ? l10n.t('1 grant, 1 active') : l10n.t('1 grant, 0 active');
  return active === 1 ? l10n.t('{0} grants, 1 active', entry.grants.length) : l10n.t('{0} grants, {1} active', entry.grants.length, active);
}

/** What an event did in a grant's life, as a label: `Created`, `Revoked`, `RetireGrant failed: ...`. */
function eventLabel(e: EventRef): string {
  switch (e.role) {
    case 'create': return l10n.t('Created');
    case 'recreate': return l10n.t('Created again (same grant id)');
    case 'retire': return l10n.t('Retired');
    case 'revoke': return l10n.t('Revoked');
    case 'failedRetire': return l10n.t('RetireGrant failed: {0}', e.errorCode ?? '');
    case 'failedRevoke': return l10n.t('RevokeGrant failed: {0}', e.errorCode ?? '');
    case 'list': return l10n.t('Listed by list-grants');
    default: return e.eventName;
  }
}

/** The same, as a line of a text report. */
function eventText(e: EventRef, at: (e: EventRef) => string, ctx: OutlineContext): string {
  switch (e.role) {
    case 'create': return eventLine(l10n.t('created'), e, at, ctx);
    case 'recreate': return eventLine(l10n.t('created again (same grant id)'), e, at, ctx);
    case 'retire': return eventLine(l10n.t('retired'), e, at, ctx);
    case 'revoke': return eventLine(l10n.t('revoked'), e, at, ctx);
    case 'failedRetire':
    case 'failedRevoke': return eventLine(l10n.t('{0} failed ({1})', e.eventName, e.errorCode ?? ''), e, at, ctx);
    // A listing's date is the grant's CreationDate, and list-grants does not say who created it.
    case 'list': return l10n.t('created {0} (listed by list-grants, {1})', ctx.time(e.eventTime), at(e));
    default: return eventLine(e.eventName, e, at, ctx);
  }
}

/** One event: a grant's own, a use, a retirement naming no grant. `position` keeps ids unique (both sides of a ReEncrypt are one record). */
function eventItem(e: EventRef, parentId: string, position: number, ctx: OutlineContext): OutlineItem {
  const label = eventLabel(e);
  return {
    id: `${parentId}/event:${position}:${e.source}:${e.start}:${e.role}`,
    kind: e.role === 'use' ? 'use' : 'grantEvent',
    variant: e.role,
    label,
    description: eventDescription(e, ctx),
    tooltip: eventTooltip(e, label, ctx),
    event: e,
    line: (at) => eventText(e, at, ctx),
  };
}

/** A grant's details, in the order a reader needs them: what it allows, to whom, then where it comes from. */
function detailItems(g: Grant, grantId: string): OutlineItem[] {
  const items: OutlineItem[] = [];
  // `text` is the text report's own word for the field (lower case, as its other lines).
  const detail = (field: string, label: string, text: string, description: string, tooltip?: string[]): void => {
    items.push({ id: `${grantId}/${field}`, kind: 'detail', variant: field, label, description, tooltip, line: () => l10n.t('{0}: {1}', text, description) });
  };
  const unknown = l10n.t('not in these logs');
  detail('operations', l10n.t('Operations'), l10n.t('operations'), g.operations.join(', ') || unknown);
  const constraints = describeConstraints(g.constraints);
  // "none" only where the grant's terms are in the open files (its CreateGrant or a list-grants listing); a grant
  // seen only through its end or its uses may have constraints nobody here can see.
  if (constraints.length === 0) detail('constraints', l10n.t('Constraints'), l10n.t('constraints'), g.creation || g.listing ? l10n.t('none') : unknown);
  else detail('constraints', constraints.length === 1 ? l10n.t('Constraint') : l10n.t('Constraints'), l10n.t('constraints'), constraints.join('; '), constraints);
  detail('grantee', l10n.t('Grantee'), l10n.t('grantee'), g.granteePrincipal ?? unknown);
  if (g.retiringPrincipal) detail('retiring', l10n.t('Retiring principal'), l10n.t('retiring principal'), g.retiringPrincipal);
  if (g.issuingAccount) detail('issuing', l10n.t('Issuing account'), l10n.t('issuing account'), g.issuingAccount);
  if (g.name) detail('name', l10n.t('Name'), l10n.t('name'), g.name);
  if (g.createdBeforeLogs) {
    items.push({ id: `${grantId}/before`, kind: 'detail', variant: 'before', label: l10n.t('Created before these logs'), description: l10n.t('only its end is in the open files'), line: () => l10n.t('created before these logs') });
  }
  for (const note of g.notes) detail(`note:${note}`, l10n.t('Note'), l10n.t('note'), describeNote(note), [describeNote(note)]);
  return items;
}

function grantTooltip(g: Grant, key: KmsKey, ctx: OutlineContext): string[] {
  const lines = [
    `**${l10n.t('Grant')}** ${code(g.grantId)}`,
    `${l10n.t('Status')}: ${describeStatus(g.status)}`,
    `${l10n.t('Key')}: ${code(key.arn ?? keyLabel(key))}`,
  ];
  if (g.name) lines.push(`${l10n.t('Name')}: ${code(g.name)}`);
  if (g.granteePrincipal) lines.push(`${l10n.t('Grantee')}: ${code(g.granteePrincipal)}`);
  if (g.retiringPrincipal) lines.push(`${l10n.t('Retiring principal')}: ${code(g.retiringPrincipal)}`);
  lines.push(`${l10n.t('Operations')}: ${g.operations.join(', ') || l10n.t('not in these logs')}`);
  for (const c of describeConstraints(g.constraints)) lines.push(c);
  if (g.createdAt) lines.push(l10n.t('Created {0} by {1}', ctx.time(g.createdAt), g.createdBy ? describeActor(g.createdBy) : l10n.t('(not in these logs)')));
  else if (g.createdBeforeLogs) lines.push(l10n.t('Created before these logs'));
  if (g.retiredAt) lines.push(l10n.t('Retired {0} by {1}', ctx.time(g.retiredAt), describeActor(g.retiredBy)));
  if (g.revokedAt) lines.push(l10n.t('Revoked {0} by {1}', ctx.time(g.revokedAt), describeActor(g.revokedBy)));
  return lines;
}

function grantItem(g: Grant, key: KmsKey, keyId: string, ctx: OutlineContext): OutlineItem {
  const id = `${keyId}/grant:${g.grantId}`;
  const parts = [describeStatus(g.status)];
  if (g.createdBeforeLogs) parts.push(l10n.t('created before these logs'));
  // Short enough to read beside the default sidebar; the tooltip names the grantee in full.
  if (g.granteePrincipal) parts.push(shortPrincipal(g.granteePrincipal));
  parts.push(g.uses.length === 1 ? l10n.t('1 use') : l10n.t('{0} uses', g.uses.length));
  return {
    id,
    kind: 'grant',
    variant: g.status,
    label: grantLabel(g),
    description: parts.join(' · '),
    tooltip: grantTooltip(g, key, ctx),
    line: () => l10n.t('grant {0} [{1}]', g.grantId, describeStatus(g.status)),
    grant: g,
    children: lazy(() => {
      const items = detailItems(g, id);
      g.events.forEach((e, i) => items.push(eventItem(e, id, i, ctx)));
      const uses = `${id}/uses`;
      items.push({
        id: uses,
        kind: 'uses',
        label: l10n.t('Uses'),
        description: String(g.uses.length),
        line: () => l10n.t('uses: {0}', g.uses.length),
        children: g.uses.length > 0 ? lazy(() => listed(g.uses, uses, (e, i) => eventItem(e, uses, i, ctx))) : undefined,
      });
      return items;
    }),
  };
}

/** A CreateGrant (or an end naming no known grant) that changed nothing. */
export function attemptItem(a: Attempt, parentId: string, ctx: OutlineContext): OutlineItem {
  const lines = [`**${l10n.t('Attempt: no grant was created or changed')}**`, `${a.eventName}: ${a.errorCode ?? ''}`];
  if (a.errorMessage) lines.push(a.errorMessage);
  if (a.grantId) lines.push(`${l10n.t('Grant')}: ${code(a.grantId)}`);
  if (a.granteePrincipal) lines.push(`${l10n.t('Grantee')}: ${code(a.granteePrincipal)}`);
  if (a.operations.length) lines.push(`${l10n.t('Operations')}: ${a.operations.join(', ')}`);
  for (const c of describeConstraints(a.constraints)) lines.push(c);
  const e = a.event;
  return {
    id: `${parentId}/attempt:${e.source}:${e.start}`,
    kind: 'attempt',
    variant: a.dryRun ? 'dryRun' : undefined,
    label: `${a.eventName}: ${a.errorCode ?? l10n.t('no grant id in the response')}`,
    description: [e.eventTime ? ctx.time(e.eventTime) : undefined, e.actor ? shortActor(e.actor) : undefined, a.granteePrincipal ? shortPrincipal(a.granteePrincipal) : undefined].filter(Boolean).join(' · '),
    tooltip: [...lines, ...eventFacts(e, ctx)],
    event: e,
    line: (at) => eventLine(l10n.t('attempt: {0} {1}', a.eventName, a.errorCode ?? l10n.t('no grant id')), e, at, ctx),
    attempt: a,
  };
}

/** Attempts as a group; a text report lists them in its place. */
export function attemptsGroup(attempts: readonly Attempt[], id: string, label: string, ctx: OutlineContext): OutlineItem {
  return {
    id,
    kind: 'attempts',
    label,
    description: l10n.t('{0}: no grant created', attempts.length),
    children: lazy(() => listed(attempts, id, (a) => attemptItem(a, id, ctx))),
  };
}

/** Events of a key that no grant of these logs explains, as a group: its count, then the events. */
function eventsGroup(kind: 'otherUses' | 'orphans', keyId: string, label: string, tooltip: string, events: readonly EventRef[], line: string, ctx: OutlineContext): OutlineItem {
  const id = `${keyId}/${kind}`;
  return { id, kind, label, description: String(events.length), tooltip: [tooltip], line: () => line, children: lazy(() => listed(events, id, (e, i) => eventItem(e, id, i, ctx))) };
}

/** The attempts that name no key, as the filter keeps them; undefined when there are none to show. */
export function noKeyAttemptsGroup(attempts: readonly Attempt[], ctx: OutlineContext): OutlineItem | undefined {
  if (!ctx.filter.statuses.has('attempts')) return undefined;
  const shown = attempts.filter((a) => a.keyIdentity === undefined && attemptMatches(a, ctx.filter.search));
  return shown.length > 0 ? attemptsGroup(shown, 'attempts:noKey', l10n.t('Attempts naming no key'), ctx) : undefined;
}

/** A key's grants (as the filter keeps them), its attempts, its uses through no grant, its retirements naming no grant. */
export function grantItems(entry: KeyGrants, keyId: string, ctx: OutlineContext): OutlineItem[] {
  const { filter } = ctx;
  const items = entry.grants
    .filter((g) => filter.statuses.has(g.status) && grantMatches(g, filter.search))
    .map((g) => grantItem(g, entry.key, keyId, ctx));
  if (filter.statuses.has('attempts')) {
    const attempts = entry.attempts.filter((a) => attemptMatches(a, filter.search));
    if (attempts.length > 0) items.push(attemptsGroup(attempts, `${keyId}/attempts`, l10n.t('Attempts'), ctx));
  }
  if (ctx.statusFiltered) return items;
  const uses = entry.otherUses.filter((e) => callerMatches(e, filter.search));
  if (uses.length > 0) {
    items.push(eventsGroup('otherUses', keyId, l10n.t('Not through a grant'),
      l10n.t('Cryptographic operations on this key that no grant in these logs allowed: the caller used the key policy or IAM, or a grant whose creation is not in the open files.'),
      uses, uses.length === 1 ? l10n.t('1 use not through a grant in these logs') : l10n.t('{0} uses not through a grant in these logs', uses.length), ctx));
  }
  const orphans = entry.orphans.filter((e) => callerMatches(e, filter.search));
  if (orphans.length > 0) {
    items.push(eventsGroup('orphans', keyId, l10n.t('Retirements naming no grant'),
      l10n.t('RetireGrant or RevokeGrant calls on this key whose grant id is not logged.'),
      orphans, orphans.length === 1 ? l10n.t('1 retirement or revocation naming no grant id') : l10n.t('{0} retirements or revocations naming no grant id', orphans.length), ctx));
  }
  return items;
}
