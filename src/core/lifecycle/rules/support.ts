/** What every lifecycle rule needs: the document's keys, and the rule's view of an event by its offset. */
import type { EventRef } from '../../history/types';
import { documentKeys, recordIndex } from '../../keys/document';
import type { KeyGrants } from '../../keys/types';
import { usesOf } from '../../keys/uses';
import type { EventContext } from '../../rules/rule';
import { timeMillis } from '../../text/cloudTrailTime';
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
