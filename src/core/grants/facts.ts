/**
 * The facts about grants that one document holds, as the readers
 * (readCloudTrail.ts, readListGrants.ts) make them and the replay
 * (build.ts) consumes them. A grant's events are "grant events" here: the
 * key's own lifecycle is another view (src/core/lifecycle).
 */
import type { EventFact } from '../history/events';
import type { KeyNames } from '../history/keyReader';
import type { Actor } from '../history/types';
import type { GrantTerms } from './types';

/** What every event in a grant's own life says, beyond the event itself: who called, and why it failed. */
interface GrantEventBase extends EventFact {
  actor?: Actor;
}

export interface CreateFact extends GrantEventBase, GrantTerms {
  kind: 'create';
  grantId?: string;
  dryRun: boolean;
}

export interface EndFact extends GrantEventBase {
  kind: 'retire' | 'revoke';
  grantId?: string;
}

/** An entry of `aws kms list-grants` output: the grant was alive when the list was taken. */
export interface ListFact extends GrantEventBase, GrantTerms {
  kind: 'list';
  grantId?: string;
  issuingAccount?: string;
}

/** An event in a grant's own life: its creation, its end, or a listing. */
export type GrantEventFact = CreateFact | EndFact | ListFact;

/**
 * One cryptographic operation on one key (ReEncrypt gives two: From on the
 * source, To on the destination). Logs are mostly these, so they stay small:
 * the caller and the rest are read from the record only when needed.
 */
export interface UseFact extends EventFact {
  kind: 'use';
  /** The grant operation that would allow it. */
  operation: string;
  context: unknown;
}

export interface GrantFacts extends KeyNames {
  /** By eventTime (document order when equal); each event once. */
  events: GrantEventFact[];
  /** Successful cryptographic operations, by eventTime; each event once. */
  uses: UseFact[];
  /** Events of this document seen a second time in it (and dropped). */
  duplicates: number;
}

export const emptyGrantFacts = (): GrantFacts => ({ events: [], uses: [], aliases: [], refs: [], duplicates: 0 });
