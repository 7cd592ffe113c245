/** Questions about a key's life at a given moment, for the rules and the hovers. */
import type { EventRef, Grant, KeyGrants } from '../grants/types';
import { timeMillis } from '../text/cloudTrailTime';
import type { KeyLifecycle, KeyState, LifecycleEvent } from './types';

export interface StateAt {
  state: KeyState;
  /** When the key entered this state (the first of consecutive events that left it there). */
  since?: string;
  /** The event that put the key in this state. */
  event: LifecycleEvent;
}

/**
 * The state the logs show the key in at `ms`: set by the last successful
 * lifecycle event before it (at or before it with `inclusive`). Undefined if
 * no event before `ms` sets a state.
 */
export function stateAt(lc: KeyLifecycle | undefined, ms: number, inclusive = false): StateAt | undefined {
  if (!lc || Number.isNaN(ms)) return undefined;
  let found: StateAt | undefined;
  for (const e of lc.events) {
    const t = timeMillis(e.event.eventTime);
    if (Number.isNaN(t) || t > ms || (!inclusive && t === ms)) break; // events are sorted, unknown times last
    if (e.failed || !e.stateAfter) continue;
    if (found?.state !== e.stateAfter) found = { state: e.stateAfter, since: e.event.eventTime, event: e };
  }
  return found;
}

/** Every successful cryptographic operation on the key in the logs, by time, each event once. */
export function usesOf(entry: KeyGrants): EventRef[] {
  const seen = new Set<string>();
  const out: EventRef[] = [];
  const add = (e: EventRef): void => {
    const id = `${e.source}\u0000${e.start}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(e);
  };
  for (const g of entry.grants) for (const u of g.uses) add(u);
  for (const u of entry.otherUses) add(u);
  const key = (e: EventRef): number => {
    const t = timeMillis(e.eventTime);
    return Number.isNaN(t) ? Infinity : t;
  };
  return out.sort((a, b) => key(a) - key(b) || a.start - b.start);
}

/** Was the grant alive at `ms`: created by then (or before the logs) and not yet retired or revoked. */
export function grantActiveAt(g: Grant, ms: number): boolean {
  const created = timeMillis(g.creation?.eventTime ?? g.createdAt);
  if (!Number.isNaN(created) && created > ms) return false;
  const ended = timeMillis(g.retirement?.eventTime ?? g.revocation?.eventTime);
  if (g.status !== 'active' && Number.isNaN(ended)) return false;
  return Number.isNaN(ended) || ended > ms;
}
