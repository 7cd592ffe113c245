/**
 * The items of the keys outline, and what every section of it shares: how an
 * event is described, how long lists are cut, how the filter matches. The
 * outline says what is shown, in which order and in which words; the grants
 * view and the text report of `kms-lens grants` only lay it out (a tree
 * item, an indented line).
 */
import * as l10n from '@vscode/l10n';
import { describeActor } from '../history/actors';
import type { Actor, EventRef } from '../history/types';
import type { TimeZoneChoice } from '../lifecycle/dates';
import type { Attempt, Grant } from '../grants/types';
import type { KeyGrants } from './types';

/**
 * Lists of events (uses, refused calls, a timeline, attempts) show their
 * first this many and one "more" item. One number for the tree and the text
 * report: a list longer than that is not read item by item, and the log (one
 * click away) and the JSON report hold them all.
 */
export const LISTED_EVENTS = 100;

export type StatusFilter = 'active' | 'retired' | 'revoked' | 'attempts';
export const ALL_STATUSES: readonly StatusFilter[] = ['active', 'retired', 'revoked', 'attempts'];

export interface OutlineFilter {
  statuses: ReadonlySet<StatusFilter>;
  /** Lower-case text to find in grant ids, principals, callers and event names; empty for none. */
  search: string;
}

export interface OutlineOptions {
  /** What the grants view's filter keeps; everything by default. */
  filter?: OutlineFilter;
  /** The zone every date is written in (`2024-06-01 09:00:00 UTC` by default): the `kmsLens.timeZone` setting. */
  timeZone?: TimeZoneChoice;
  /** How a date reads, everywhere in the outline, when neither UTC nor local time will do (tests). */
  time?: (iso: string | undefined) => string;
}

/** What every section is given. */
export interface OutlineContext {
  filter: OutlineFilter;
  time: (iso: string | undefined) => string;
  /** A status filter hides the parts of a key that are not grants or attempts. */
  statusFiltered: boolean;
}

export type OutlineKind =
  | 'key'
  // A key's own life
  | 'state' | 'rotation' | 'multiRegion' | 'service' | 'timeline' | 'lifecycleEvent' | 'refused' | 'refusedCall'
  // Its grants
  | 'grant' | 'detail' | 'grantEvent' | 'uses' | 'use' | 'attempts' | 'attempt' | 'otherUses' | 'orphans'
  // The rest of a cut list
  | 'more';

/** Where an event is, for a line of a text report (`file:line`). */
export type Locate = (e: EventRef) => string;

export interface OutlineItem {
  /** Unique in the outline and the same for the same thing after a rebuild (a tree keeps its expansion by it). */
  id: string;
  kind: OutlineKind;
  label: string;
  description: string;
  /** Markdown lines. */
  tooltip?: string[];
  /** Which one of its kind, for a renderer's icon: a grant's status, a key's state, an event's role or kind, a detail's field. */
  variant?: string;
  /** The event the item stands for: a tree reveals it on click. */
  event?: EventRef;
  /** The item as one line of a text report. Without one, its children stand in its place. */
  line?: (at: Locate) => string;
  /** Made when first asked, then kept. */
  children?: () => OutlineItem[];
  entry?: KeyGrants;
  grant?: Grant;
  attempt?: Attempt;
}

/** `make`, called once, on first use. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

/** Inline code that cannot break out of its backticks. */
export function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

/** The file name of a source (a URI in the editor, a path in the CLI). */
export function basename(source: string): string {
  const path = source.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * A principal short enough for a row of the grants view beside the default
 * sidebar: `role/Reporting`, `assumed-role/BatchWorker/job-42`, `account
 * 111122223333`, `fargate.us-west-2` (a service). The tooltip has it whole.
 */
export function shortPrincipal(p: string): string {
  const iam = /^arn:[^:]*:(?:iam|sts):[^:]*:(\d{12}|[^:]*):(.+)$/.exec(p);
  if (iam) return iam[2] === 'root' ? l10n.t('account {0}', iam[1]) : iam[2].replace(/^(role|user)\/(?:.*\/)?([^/]+)$/, '$1/$2');
  return p.replace(/\.amazonaws\.com(\.cn)?$/, '');
}

/** The caller, short: its principal, and the service that called for it. */
export function shortActor(actor: Actor | undefined): string {
  if (!actor) return describeActor(actor);
  const who = shortPrincipal(actor.arn ?? actor.display.replace(/ via .*$/, ''));
  return actor.arn && actor.invokedBy ? l10n.t('{0} via {1}', who, shortPrincipal(actor.invokedBy)) : who;
}

/** `2024-06-01 09:00:00 UTC · user/Alice · log.json` */
export function eventDescription(e: EventRef, ctx: OutlineContext): string {
  return [e.eventTime ? ctx.time(e.eventTime) : undefined, e.actor ? shortActor(e.actor) : undefined, basename(e.source)].filter(Boolean).join(' · ');
}

/** What an event is, in full: its name and error, what it meant, its time, its caller, its id and its file. */
export function eventTooltip(e: EventRef, label: string, ctx: OutlineContext, detail?: string): string[] {
  const lines = [`**${e.eventName}**${e.errorCode ? ` (${e.errorCode})` : ''}`];
  if (label !== e.eventName) lines.push(label);
  if (detail) lines.push(detail);
  return [...lines, ...eventFacts(e, ctx)];
}

/** When, by whom, which event and in which file: the lines every event's tooltip ends with. */
export function eventFacts(e: EventRef, ctx: OutlineContext): string[] {
  const lines: string[] = [];
  if (e.eventTime) lines.push(`${l10n.t('Time')}: ${ctx.time(e.eventTime)}`);
  if (e.actor) lines.push(`${l10n.t('By')}: ${code(describeActor(e.actor))}`);
  if (e.eventId) lines.push(`eventID: ${code(e.eventId)}`);
  lines.push(`${l10n.t('In')}: ${code(basename(e.source))}`);
  return lines;
}

/** `Decrypt 2024-06-03 08:15:00 UTC by arn:... (log.json:12)`: an event as a line of a text report. */
export function eventLine(what: string, e: EventRef, at: Locate, ctx: OutlineContext): string {
  return l10n.t('{0} {1} by {2} ({3})', what, ctx.time(e.eventTime), describeActor(e.actor), at(e));
}

/** The first LISTED_EVENTS items of a list, and one "more" item for the rest. */
export function listed<T>(all: readonly T[], parentId: string, item: (x: T, i: number) => OutlineItem): OutlineItem[] {
  const shown = all.slice(0, LISTED_EVENTS).map(item);
  if (all.length > LISTED_EVENTS) {
    const rest = all.length - LISTED_EVENTS;
    shown.push({
      id: `${parentId}/more`,
      kind: 'more',
      label: rest === 1 ? l10n.t('1 more') : l10n.t('{0} more', rest),
      description: l10n.t('not listed: open the log to see them all'),
      line: () => (rest === 1 ? l10n.t('… 1 more') : l10n.t('… {0} more', rest)),
    });
  }
  return shown;
}

/** Does the caller of the event contain the search text (empty: everything matches)? */
export function callerMatches(e: EventRef, search: string): boolean {
  return !search || (e.actor?.display.toLowerCase().includes(search) ?? false);
}
