/** What every lifecycle rule needs: the document's keys, and the rule's view of an event by its offset. */
import type { EventRef, KeyGrants } from '../../grants/types';
import type { EventContext } from '../../rules/rule';
import { documentKeys, recordIndex } from '../document';
import type { KeyLifecycle } from '../types';

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
