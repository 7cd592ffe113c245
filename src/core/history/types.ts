/**
 * The key history's plain data: a KMS key as the logs name it, who made a
 * call, and where an event is. Every view of a key (its grants, its own life)
 * is built on these, so that they name keys, callers and events alike.
 * Locations are offsets into a source document; the adapters turn them into
 * ranges or line numbers.
 */

/** Who made a call, from the event's `userIdentity`. */
export interface Actor {
  /** A short human-readable form: the ARN (or principal id, or service), plus `via <invokedBy>`. */
  display: string;
  type?: string;
  arn?: string;
  principalId?: string;
  accountId?: string;
  invokedBy?: string;
}

/** What an event did in a grant's life or in a key's life. */
export type EventRole =
  | 'create' // a successful CreateGrant
  | 'recreate' // another CreateGrant that returned the same grant id (CreateGrant is idempotent)
  | 'retire'
  | 'revoke'
  | 'failedRetire'
  | 'failedRevoke'
  | 'list' // an entry of `aws kms list-grants` output, or a rotation of `aws kms list-key-rotations` output
  | 'attempt' // a CreateGrant that created nothing (errorCode, or no grant id in the response)
  | 'use' // a cryptographic operation on the key
  | 'lifecycle' // an event in the key's own life (DisableKey, ScheduleKeyDeletion, RotateKey, ...)
  | 'refused' // a call refused because of the key's state (DisabledException, KMSInvalidStateException)
  | 'evidence' // an event that shows a service (Fargate, Deadline Cloud) using the key
  | 'snapshot'; // AWS CLI output that shows the key as it was at a time it does not give (describe-key, get-key-rotation-status)

/**
 * Where one event (or list-grants entry) is, and the little needed to show it
 * without reopening it. One liberty: a `RecordEventRef` reads its `actor` from
 * its record on first access (a big log has tens of thousands of events, few
 * of them ever shown); JSON.stringify still gives plain data.
 */
export interface EventRef {
  /** The id of the source document. */
  source: string;
  /** Offsets of the whole record in that document. */
  start: number;
  end: number;
  role: EventRole;
  /** The eventName; `ListGrants` for a list-grants entry. */
  eventName: string;
  /** As written in the event (or the entry's CreationDate, normalised to ISO 8601). */
  eventTime?: string;
  eventId?: string;
  actor?: Actor;
  errorCode?: string;
}

/** A KMS key as the logs name it, normalised so that its id, its ARN and its aliases meet. */
export interface KmsKey {
  /** Stable identity: `partition:region:account:keyId` (parts unknown are empty), or `alias:...` when only an alias is known. */
  identity: string;
  keyId?: string;
  arn?: string;
  partition?: string;
  region?: string;
  account?: string;
  /** Alias names (`alias/...`) seen for this key. */
  aliases: string[];
  /** Set when the logs name the key only through an alias. */
  aliasArn?: string;
}
