/** What every lifecycle rule needs: the document's keys, and the rule's view of an event by its offset. */
import { grantActiveAt } from '../../grants/state';
import type { EventRef } from '../../history/types';
import { documentKeys, recordIndex } from '../../keys/document';
import type { KeyGrants } from '../../keys/types';
import { usesOf } from '../../keys/uses';
import type { EventContext } from '../../rules/rule';
import { timeMillis } from '../../text/cloudTrailTime';
import { DAY_MS } from '../dates';
import { stateAt } from '../state';
import type { KeyLifecycle, LifecycleEvent } from '../types';

export interface KeyScan {
  entry: KeyGrants;
  lc: KeyLifecycle;
  /** The rule's context of an event of this document. */
  at(e: EventRef): EventContext | undefined;
}

/** Calls `fn` for each key of the document that has a lifecycle; nothing for documents without one. */
export function forEachKey(events: EventContext[], fn: (scan: KeyScan) => void): void {
  const model = events[0]?.model;
  const keys = model && documentKeys(model);
  if (!keys) return;
  const find = recordIndex(events);
  const at = (e: EventRef): EventContext | undefined => find(e.start);
  for (const entry of keys.keys) {
    if (entry.lifecycle) fn({ entry, lc: entry.lifecycle, at });
  }
}

/** The range of the event's name: where a finding about the event as a whole goes. */
export function nameRange(ctx: EventContext): { start: number; end: number } {
  return ctx.range(['eventName']);
}

export interface ScheduledDeletion extends KeyScan {
  /** A successful ScheduleKeyDeletion of this document, with a readable time. */
  event: LifecycleEvent;
  ctx: EventContext;
  ms: number;
  /** The key's cryptographic uses, in time order (computed once per key, when first asked). */
  uses(): ReturnType<typeof usesOf>;
}

/** Calls `fn` for each successful ScheduleKeyDeletion in the document, key by key. */
export function forEachScheduledDeletion(events: EventContext[], fn: (s: ScheduledDeletion) => void): void {
  forEachKey(events, (scan) => {
    let uses: ReturnType<typeof usesOf> | undefined;
    for (const e of scan.lc.events) {
      if (e.kind !== 'scheduleDeletion' || e.failed) continue;
      const ctx = scan.at(e.event);
      const ms = timeMillis(e.event.eventTime);
      if (!ctx || Number.isNaN(ms)) continue;
      fn({ ...scan, event: e, ctx, ms, uses: () => (uses ??= usesOf(scan.entry)) });
    }
  });
}

/** How far back a use counts as "recent" for a deletion: the longest waiting period KMS allows. */
export const RECENT_USE_DAYS = 30;

/** What the logs show of a key in use when its deletion was scheduled: grants active then, cryptographic uses in the days before. */
export function inUseAt(s: ScheduledDeletion): { active: KeyGrants['grants']; recent: ReturnType<typeof usesOf> } {
  const active = s.entry.grants.filter((g) => grantActiveAt(g, s.ms));
  const recent = s.uses().filter((u) => {
    const tu = timeMillis(u.eventTime);
    return tu < s.ms && tu >= s.ms - RECENT_USE_DAYS * DAY_MS;
  });
  return { active, recent };
}

/**
 * Whether the logs show the key enabled when its deletion was scheduled: its
 * last state change before then enabled it (`enabledBy`), or it was used
 * after that change (`lastUse`: a disabled key refuses cryptographic calls).
 */
export function enabledAt(s: ScheduledDeletion): { enabledBy?: ReturnType<typeof stateAt>; lastUse?: ReturnType<typeof usesOf>[number] } | undefined {
  const before = stateAt(s.lc, s.ms);
  let lastUse;
  for (const u of s.uses()) {
    const tu = timeMillis(u.eventTime);
    if (Number.isNaN(tu) || tu >= s.ms) break;
    lastUse = u;
  }
  if (before?.state === 'Enabled') return { enabledBy: before };
  const usedSince = lastUse && (!before || timeMillis(lastUse.eventTime) > timeMillis(before.since));
  return usedSince ? { lastUse } : undefined;
}
