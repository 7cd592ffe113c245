/** Questions about a key's life at a given moment, for the rules, the hovers and the outline. */
import { timeMillis } from '../text/cloudTrailTime';
import type { KeyLifecycle, KeyState, LifecycleEvent } from './types';

export interface StateAt {
  state: KeyState;
  /** When the key entered this state (the first of consecutive events that left it there). */
  since?: string;
  /** The event that put the key in this state. */
  event: LifecycleEvent;
}

/** Do the logs show anything of the key's own life (an event, or a call refused because of its state)? */
export function hasLife(lc: KeyLifecycle | undefined): lc is KeyLifecycle {
  return !!lc && (lc.events.length > 0 || lc.refused.length > 0);
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
