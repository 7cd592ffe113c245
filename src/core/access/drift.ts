/**
 * A decision set against what really happened to the call (issue 16, "Drift",
 * and the `simulate` exit status): a call that succeeded although the known
 * policy and grants deny it, or one refused as not authorised although they
 * allow it, means the key's real policy or grants differ from the ones known.
 * "Cannot tell" and "up to IAM policies not loaded" contradict nothing.
 */
import type { Decision } from './types';

export type Actual = 'success' | 'accessDenied' | 'otherFailure';

export type Contradiction =
  /** The call succeeded, but the known policy and grants deny it. */
  | 'succeededButDenied'
  /** The call was refused as not authorised, but the known policy and grants allow it. */
  | 'refusedButAllowed';

export function contradiction(decision: Decision, actual: Actual): Contradiction | undefined {
  if (actual === 'success' && (decision === 'explicitDeny' || decision === 'implicitDeny')) return 'succeededButDenied';
  if (actual === 'accessDenied' && decision === 'allow') return 'refusedButAllowed';
  return undefined;
}
