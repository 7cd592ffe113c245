/** Questions about a grant at a given moment, for the rules and the hovers. */
import { timeMillis } from '../text/cloudTrailTime';
import type { Grant } from './types';

/** Was the grant alive at `ms`: created by then (or before the logs) and not yet retired or revoked. */
export function grantActiveAt(g: Grant, ms: number): boolean {
  const created = timeMillis(g.creation?.eventTime ?? g.createdAt);
  if (!Number.isNaN(created) && created > ms) return false;
  const ended = timeMillis(g.retirement?.eventTime ?? g.revocation?.eventTime);
  if (g.status !== 'active' && Number.isNaN(ended)) return false;
  return Number.isNaN(ended) || ended > ms;
}
