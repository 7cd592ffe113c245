/**
 * The `userIdentity` element of a CloudTrail record.
 * Source: the CloudTrail User Guide, "CloudTrail userIdentity element" (stored
 * copy of https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html),
 * summarised in shared/reference/kms-facts.md section 6. `SAMLUser` and
 * `WebIdentityUser` appear in STS federation events; AWS-internal KMS events
 * carry only `{accountId, invokedBy: "AWS Internal"}`, with no `type`.
 */

export interface IdentityType {
  name: string;
  /** Who this is, in plain words. */
  description: string;
}

export const IDENTITY_TYPES: readonly IdentityType[] = [
  { name: 'Root', description: 'the account\'s root user (the email-and-password owner of the account)' },
  { name: 'IAMUser', description: 'an IAM user with long-term credentials' },
  { name: 'AssumedRole', description: 'a role session: temporary credentials from `AssumeRole` (or an instance profile, Lambda, ECS task role, ...)' },
  { name: 'Role', description: 'a role acting as itself (seen for some service-linked calls)' },
  { name: 'FederatedUser', description: 'a federated user with temporary credentials from `GetFederationToken`' },
  { name: 'Directory', description: 'a user of a directory service (e.g. WorkDocs)' },
  { name: 'AWSAccount', description: 'another AWS account' },
  { name: 'AWSService', description: 'an AWS service, calling on its own behalf (e.g. Fargate creating a grant, KMS rotating a key)' },
  { name: 'IdentityCenterUser', description: 'an IAM Identity Center user' },
  { name: 'Unknown', description: 'an identity CloudTrail could not determine' },
  { name: 'SAMLUser', description: 'a user federated through SAML (`AssumeRoleWithSAML`)' },
  { name: 'WebIdentityUser', description: 'a user federated through a web identity provider (`AssumeRoleWithWebIdentity`)' },
];

export const IDENTITY_TYPE_NAMES: readonly string[] = IDENTITY_TYPES.map((t) => t.name);

/** Fields of `userIdentity`, with their meaning. */
export const USER_IDENTITY_FIELDS: Readonly<Record<string, string>> = {
  type: 'The kind of identity that made the call.',
  principalId: 'A unique id of the entity. For a role session it is `<role id>:<session name>`.',
  arn: 'The ARN of the principal that made the call: a user, or an `assumed-role/<role>/<session>` ARN for role sessions.',
  accountId: 'The account that owns the identity that made the call (for a role session: the account of the role).',
  accessKeyId: 'The access key used to sign the request. `AKIA...` keys are long-term (an IAM user or root); `ASIA...` keys are temporary (STS).',
  userName: 'The friendly name of the user or role.',
  sessionContext: 'For temporary credentials: who issued them (`sessionIssuer`), when, and whether MFA was used.',
  sessionIssuer: 'The role or user whose credentials were used to get this session: usually the role that was assumed.',
  attributes: 'When the temporary credentials were issued and whether the session was authenticated with MFA.',
  creationDate: 'When the temporary credentials were issued (UTC).',
  mfaAuthenticated: '`"true"` if the root user or IAM user whose credentials were used signed in with MFA (a string, not a boolean).',
  webIdFederationData: 'The identity provider and attributes, for web identity federation.',
  sourceIdentity: 'The source identity set when the role was assumed, carried along role chains.',
  ec2RoleDelivery: 'The instance metadata service version that delivered the role credentials: `1.0` (IMDSv1) or `2.0` (IMDSv2).',
  assumedRoot: '`"true"` when a management account assumed root in a member account.',
  invokedBy: 'The AWS service that made the call on the user\'s behalf (its DNS name, e.g. `deadline.amazonaws.com`), or `AWS Internal`.',
  invokedByDelegate: 'The account of the delegate that made the call.',
  onBehalfOf: 'The Identity Center user the call was made for.',
  inScopeOf: 'The resource and account an AWS service was acting for when it made the call with scoped credentials.',
  credentialId: 'The id of the bearer token credential.',
  identityProvider: 'The identity provider of an Identity Center user.',
  signInSessionArn: 'The sign-in session of an Identity Center or console user.',
};

/** `AKIA` = long-term access key, `ASIA` = temporary (STS) key: the prefixes AWS documents for access key ids. */
export function accessKeyKind(id: string): 'longTerm' | 'temporary' | undefined {
  if (/^AKIA[0-9A-Z]{12,}$/.test(id)) return 'longTerm';
  if (/^ASIA[0-9A-Z]{12,}$/.test(id)) return 'temporary';
  return undefined;
}
