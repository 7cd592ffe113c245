/** The uses of a key across its grants: what the lifecycle rules and hovers weigh against the key's state. */
import { timeKey } from '../history/events';
import type { EventRef } from '../history/types';
import { timeMillis } from '../text/cloudTrailTime';
import type { KeyGrants } from './types';

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
  const key = (e: EventRef): number => timeKey(timeMillis(e.eventTime));
  return out.sort((a, b) => key(a) - key(b) || a.start - b.start);
}
