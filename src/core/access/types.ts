/**
 * The evaluator's inputs and outputs, as plain data: a request (who calls what
 * on which key, with what context), the grants known for the key, and the
 * decision with what decided it. The CLI prints these objects as JSON; the
 * hovers and views turn them into words with describe.ts.
 *
 * Unknown versus absent: a request field left `undefined` is not known (an
 * event does not say, or the user did not tell); `null` says the request has
 * no such value (no encryption context, not called through a service). A
 * condition on an unknown value answers "cannot tell"; on an absent value it
 * follows AWS's rules for missing keys.
 */

/** The kinds of principal CloudTrail names in `userIdentity.type` that matter for access. */
export type PrincipalType =
  | 'Root'
  | 'IAMUser'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'AWSService'
  /** A principal of another account that CloudTrail shows only by its account. */
  | 'AWSAccount'
  | 'Unknown';

export interface RequestPrincipal {
  type: PrincipalType;
  /** The caller's ARN: the user, the assumed-role session, the federated user, or the account root. */
  arn?: string;
  /** The caller's account (for a service principal: none). */
  account?: string;
  /** For an assumed-role session: the role's ARN, with its path (CloudTrail's `sessionIssuer.arn`). */
  roleArn?: string;
  /** The IAM user name (`aws:username`). */
  userName?: string;
  /** The unique id (`aws:userid`): `AIDA...` for a user, `AROA...:session` for a role session. */
  userId?: string;
  /** For `AWSService`: the service principal, e.g. `fargate.amazonaws.com`. */
  service?: string;
}

/** A context key's value as the caller gives it: a string, a list (multivalued key), or null for "known to be absent". */
export type ContextEntry = string | readonly string[] | null;

export interface AccessRequest {
  /** The IAM action, e.g. `kms:Decrypt` (a bare `Decrypt` is read as a KMS action). */
  action: string;
  /** The key the call is made on; undefined when the request does not say (an alias, a ciphertext). */
  keyArn?: string;
  principal: RequestPrincipal;
  /** The request's encryption context; null when it has none. */
  encryptionContext?: Readonly<Record<string, string>> | null;
  /** Grant tokens sent with the request (CloudTrail does not log them). */
  grantTokens?: readonly string[];
  /** `kms:ViaService`: the service that made the call on the principal's behalf, as `service.region.amazonaws.com`; null for a direct call. */
  viaService?: string | null;
  /** `kms:CallerAccount`; defaults to the principal's account. */
  callerAccount?: string;
  /** `aws:SourceIp`; null when the request came through a VPC endpoint. */
  sourceIp?: string | null;
  /** `aws:SourceVpce`; null when the request did not come through a VPC endpoint. */
  sourceVpce?: string | null;
  /** `aws:SourceVpc`. */
  sourceVpc?: string | null;
  /** When the request was made (ISO 8601): `aws:CurrentTime`, `aws:EpochTime`, and which grants were in force. */
  time?: string;
  /** `aws:MultiFactorAuthPresent`; null when the key is absent (long-term credentials). */
  mfa?: boolean | null;
  /** `aws:RequestedRegion`. */
  region?: string;
  /** `aws:SecureTransport`. */
  secureTransport?: boolean;
  /** The principal's tags (`aws:PrincipalTag/...`): when given, the complete set. */
  principalTags?: Readonly<Record<string, string>>;
  /** The request's tags (`aws:RequestTag/...`, `aws:TagKeys`): when given, the complete set. */
  requestTags?: Readonly<Record<string, string>>;
  /** The key's tags (`aws:ResourceTag/...`): when given, the complete set. */
  resourceTags?: Readonly<Record<string, string>>;
  /** `aws:PrincipalOrgID`; null when the principal is in no organization. */
  principalOrgId?: string | null;
  /** For RetireGrant and RevokeGrant: the grant the call names. */
  grantId?: string;
  /** Any other condition key, by name (case-insensitive), e.g. `kms:GrantOperations`. */
  context?: Readonly<Record<string, ContextEntry>>;
  /** When true, a condition key this request does not give is absent rather than unknown. */
  completeContext?: boolean;
}

/**
 * A grant as the evaluator needs it. The grants model of the logs (src/core/grants)
 * is turned into this by `grantInputOf`; a list-grants entry or a test can build
 * one directly.
 */
export interface GrantInput {
  grantId: string;
  /** The key the grant is for; undefined when the caller has already picked the key's grants. */
  keyArn?: string;
  /** An ARN (role, user, session, account root) or a service principal. */
  granteePrincipal?: string;
  retiringPrincipal?: string;
  /** Grant operations (`Decrypt`, `ReEncryptFrom`, ...); undefined when not known (a grant has at least one). */
  operations?: readonly string[];
  constraints?: {
    encryptionContextSubset?: Readonly<Record<string, string>>;
    encryptionContextEquals?: Readonly<Record<string, string>>;
  };
  /** Tokens CreateGrant returned (never in CloudTrail; from the user). */
  grantTokens?: readonly string[];
  /** When the grant was created; undefined when it is older than the logs. */
  createdAt?: string;
  /** When it was retired or revoked. */
  endedAt?: string;
  /** Retired or revoked, even when the time is not known. */
  ended?: boolean;
}

export type Decision =
  | 'allow'
  | 'explicitDeny'
  | 'implicitDeny'
  /** The key policy leaves it to the IAM policies of an account, and they are not loaded. */
  | 'delegated'
  /** Values the evaluator cannot read (placeholders, template functions, request fields it does not know) decide. */
  | 'unknown';

/** Which policy a statement is in. */
export interface PolicyRef {
  kind: 'key' | 'identity' | 'scp';
  /** The policy's name or file, when the caller gave one. */
  name?: string;
}

export interface StatementRef {
  type: 'statement';
  policy: PolicyRef;
  /** 0-based position in the policy's Statement list. */
  index: number;
  sid?: string;
  effect?: 'Allow' | 'Deny';
}

export interface GrantRef {
  type: 'grant';
  grantId: string;
}

/** The key policy leaves the decision to this account's IAM policies (through `statement`). */
export interface DelegationRef {
  type: 'delegation';
  account: string;
  statement: StatementRef;
}

export type DecidingRef = StatementRef | GrantRef | DelegationRef;

/** The part of a statement or grant that did not match the request. */
export type FailedPart =
  | { part: 'action' | 'resource' | 'principal' | 'effect' }
  | { part: 'condition'; operator: string; key: string; values: readonly unknown[]; /** Why: the request's value differs, is absent, or is not known. */ why: 'mismatch' | 'absent' | 'unknown' | 'unreadable' }
  | { part: 'grantee' | 'operation' | 'constraint' | 'notInForce' | 'grantToken' };

/** A statement or grant that would have allowed the request but for one part. */
export interface NearMiss {
  ref: StatementRef | GrantRef;
  failed: FailedPart;
}

/** Why the decision is what it is, beyond the statements: the notes a hover adds. */
export type DecisionNote =
  /** No statement of the key policy allows the request, and no grant does. */
  | 'noAllow'
  /** The caller is in another account and the operation cannot be used across accounts. */
  | 'notCrossAccountOperation'
  /** Cross-account: the key policy allows, but the caller's IAM policies (loaded) do not. */
  | 'identityPolicyNoAllow'
  /** Service control policies do not allow the action for the caller's account. */
  | 'scpNoAllow'
  /** The account root user has every permission its account's IAM could give. */
  | 'rootUser';

export interface Evaluation {
  decision: Decision;
  /** The statements, grants and delegations that decided: the denies for a deny, every allow that applied for an allow. */
  decidedBy: DecidingRef[];
  /** For a deny: the allow statements and grants that came closest, with what failed. */
  nearMisses: NearMiss[];
  /** For `unknown`: the statements and grants whose outcome could not be told, with the part that could not be read. */
  undecided: NearMiss[];
  notes: DecisionNote[];
  /** True when the caller's account is not the key's; undefined when either is not known. */
  crossAccount?: boolean;
}
