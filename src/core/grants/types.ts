/**
 * The grants of each key: plain, JSON-serialisable data. Keys, actors and
 * event references come from the key history below; the key's own life is a
 * sibling view (src/core/lifecycle), and src/core/keys puts the two together.
 */
import type { Actor, EventRef, KmsKey } from '../history/types';

export type GrantStatus = 'active' | 'retired' | 'revoked';

export interface GrantConstraints {
  encryptionContextSubset?: Record<string, string>;
  encryptionContextEquals?: Record<string, string>;
}

/** What a grant allows and to whom, as CreateGrant asks for it or list-grants shows it. */
export interface GrantTerms {
  name?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  operations: string[];
  constraints?: GrantConstraints;
}

/** Things about a grant's life that look wrong in the logs themselves. */
export type GrantNote =
  /** The retirement or revocation has an earlier eventTime than the creation (clock skew, or edited logs). */
  | 'endedBeforeCreation'
  /** list-grants shows the grant, but the logs say it was retired or revoked (the listing is older). */
  | 'listedButEnded';

export interface Grant extends GrantTerms {
  grantId: string;
  /** `KmsKey.identity` of the grant's key. */
  keyIdentity: string;
  status: GrantStatus;
  issuingAccount?: string;
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
  /** Every event in the grant's own life (creation, retirement, revocation, listing, failed calls), by time. */
  events: EventRef[];
  /** Cryptographic operations attributed to this grant, by time. */
  uses: EventRef[];
  notes: GrantNote[];
}

/** A CreateGrant (or a RetireGrant/RevokeGrant naming no known grant) that changed nothing. */
export interface Attempt extends Omit<GrantTerms, 'name'> {
  keyIdentity?: string;
  eventName: string;
  errorCode?: string;
  errorMessage?: string;
  grantId?: string;
  dryRun: boolean;
  event: EventRef;
}

/** Everything the logs say about one key's grants. */
export interface GrantsOfKey {
  key: KmsKey;
  grants: Grant[];
  attempts: Attempt[];
  /** Cryptographic operations on the key that no grant in these logs allowed. */
  otherUses: EventRef[];
  /** RetireGrant/RevokeGrant events on this key that name no grant id at all. */
  orphans: EventRef[];
}
