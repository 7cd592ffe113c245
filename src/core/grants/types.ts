/**
 * The grants model: plain, JSON-serialisable data shared by the tree view, the
 * CLI and the extension's API. Locations are offsets into a source document
 * (the adapters turn them into ranges or line numbers). One liberty: an
 * EventRef may read its `actor` from its record on first access (a big log has
 * tens of thousands of events, few of them ever shown); JSON.stringify still
 * gives plain data.
 */
import type { DocumentModel } from '../document/model';
import type { KeyLifecycle } from '../lifecycle/types';

/** One document to index: an id (a URI in the editor, a path in the CLI) and its model. */
export interface GrantsSource {
  id: string;
  model: DocumentModel;
}

export type GrantStatus = 'active' | 'retired' | 'revoked';

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

/** What an event did in a grant's life (or to a key). */
export type EventRole =
  | 'create' // a successful CreateGrant
  | 'recreate' // another CreateGrant that returned the same grant id (CreateGrant is idempotent)
  | 'retire'
  | 'revoke'
  | 'failedRetire'
  | 'failedRevoke'
  | 'list' // an entry of `aws kms list-grants` output
  | 'attempt' // a CreateGrant that created nothing (errorCode, or no grant id in the response)
  | 'use' // a cryptographic operation on the key
  | 'lifecycle' // an event in the key's own life (DisableKey, ScheduleKeyDeletion, RotateKey, ...)
  | 'refused' // a call refused because of the key's state (DisabledException, KMSInvalidStateException)
  | 'evidence'; // an event that shows a service (Fargate, Deadline Cloud) using the key

/** Where one event (or list-grants entry) is, and the little needed to show it without reopening it. */
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

export interface GrantConstraints {
  encryptionContextSubset?: Record<string, string>;
  encryptionContextEquals?: Record<string, string>;
}

/** Things about a grant's life that look wrong in the logs themselves. */
export type GrantNote =
  /** The retirement or revocation has an earlier eventTime than the creation (clock skew, or edited logs). */
  | 'endedBeforeCreation'
  /** list-grants shows the grant, but the logs say it was retired or revoked (the listing is older). */
  | 'listedButEnded';

export interface Grant {
  grantId: string;
  /** `KmsKey.identity` of the grant's key. */
  keyIdentity: string;
  status: GrantStatus;
  name?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  issuingAccount?: string;
  operations: string[];
  constraints?: GrantConstraints;
  createdAt?: string;
  createdBy?: Actor;
  /** Only a retirement or revocation shows the grant: its creation is older than these logs. */
  createdBeforeLogs: boolean;
  retiredAt?: string;
  retiredBy?: Actor;
  revokedAt?: string;
  revokedBy?: Actor;
  creation?: EventRef;
  retirement?: EventRef;
  revocation?: EventRef;
  listing?: EventRef;
  /** Every lifecycle event of the grant (creation, retirement, revocation, listing, failed calls), by time. */
  events: EventRef[];
  /** Cryptographic operations attributed to this grant, by time. */
  uses: EventRef[];
  notes: GrantNote[];
}

/** A CreateGrant (or a RetireGrant/RevokeGrant naming no known grant) that changed nothing. */
export interface Attempt {
  keyIdentity?: string;
  eventName: string;
  errorCode?: string;
  errorMessage?: string;
  grantId?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  operations: string[];
  constraints?: GrantConstraints;
  dryRun: boolean;
  event: EventRef;
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

/**
 * Everything the logs say about one key's grants. Later views of a key (its
 * state, rotation, timeline) add their own fields beside these.
 */
export interface KeyGrants {
  key: KmsKey;
  grants: Grant[];
  attempts: Attempt[];
  /** Cryptographic operations on the key that no grant in these logs allowed. */
  otherUses: EventRef[];
  /** RetireGrant/RevokeGrant events on this key that name no grant id at all. */
  orphans: EventRef[];
  /** The key's own life (state, rotation, timeline), when the logs show any of it. */
  lifecycle?: KeyLifecycle;
}

export interface GrantsModel {
  /** Keys with anything to show, sorted by label. */
  keys: KeyGrants[];
  /** Every attempt, by time (also listed under its key). */
  attempts: Attempt[];
  /** The ids of the sources that contributed CloudTrail events or list-grants entries. */
  sources: string[];
  /** Events seen more than once (same eventID) and counted once. */
  duplicates: number;
}
