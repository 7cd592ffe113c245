/**
 * The `userIdentity` element of a CloudTrail record.
 * Source: the CloudTrail User Guide, "CloudTrail userIdentity element" (stored
 * copy of https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html),
 * summarised in shared/reference/kms-facts.md section 6. `SAMLUser` and
 * `WebIdentityUser` appear in STS federation events; AWS-internal KMS events
 * carry only `{accountId, invokedBy: "AWS Internal"}`, with no `type`.
 */
import * as l10n from '@vscode/l10n';

export interface IdentityType {
  name: string;
  /** Who this is, in plain words. */
  description: string;
}

export const IDENTITY_TYPES: readonly IdentityType[] = [
  { name: 'Root', get description() { return l10n.t('the account\'s root user (the email-and-password owner of the account)'); } },
  { name: 'IAMUser', get description() { return l10n.t('an IAM user with long-term credentials'); } },
  { name: 'AssumedRole', get description() { return l10n.t('a role session: temporary credentials from `AssumeRole` (or an instance profile, Lambda, ECS task role, ...)'); } },
  { name: 'Role', get description() { return l10n.t('a role acting as itself (seen for some service-linked calls)'); } },
  { name: 'FederatedUser', get description() { return l10n.t('a federated user with temporary credentials from `GetFederationToken`'); } },
  { name: 'Directory', get description() { return l10n.t('a user of a directory service (e.g. WorkDocs)'); } },
  { name: 'AWSAccount', get description() { return l10n.t('another AWS account'); } },
  { name: 'AWSService', get description() { return l10n.t('an AWS service, calling on its own behalf (e.g. Fargate creating a grant, KMS rotating a key)'); } },
  { name: 'IdentityCenterUser', get description() { return l10n.t('an IAM Identity Center user'); } },
  { name: 'Unknown', get description() { return l10n.t('an identity CloudTrail could not determine'); } },
  { name: 'SAMLUser', get description() { return l10n.t('a user federated through SAML (`AssumeRoleWithSAML`)'); } },
  { name: 'WebIdentityUser', get description() { return l10n.t('a user federated through a web identity provider (`AssumeRoleWithWebIdentity`)'); } },
];

export const IDENTITY_TYPE_NAMES: readonly string[] = IDENTITY_TYPES.map((t) => t.name);

/** Fields of `userIdentity`, with their meaning. */
export const USER_IDENTITY_FIELDS: Readonly<Record<string, string>> = {
  get type() { return l10n.t('The kind of identity that made the call.'); },
  get principalId() { return l10n.t('A unique id of the entity. For a role session it is `<role id>:<session name>`.'); },
  get arn() { return l10n.t('The ARN of the principal that made the call: a user, or an `assumed-role/<role>/<session>` ARN for role sessions.'); },
  get accountId() { return l10n.t('The account that owns the identity that made the call (for a role session: the account of the role).'); },
  get accessKeyId() { return l10n.t('The access key used to sign the request. `AKIA...` keys are long-term (an IAM user or root); `ASIA...` keys are temporary (STS).'); },
  get userName() { return l10n.t('The friendly name of the user or role.'); },
  get sessionContext() { return l10n.t('For temporary credentials: who issued them (`sessionIssuer`), when, and whether MFA was used.'); },
  get sessionIssuer() { return l10n.t('The role or user whose credentials were used to get this session: usually the role that was assumed.'); },
  get attributes() { return l10n.t('When the temporary credentials were issued and whether the session was authenticated with MFA.'); },
  get creationDate() { return l10n.t('When the temporary credentials were issued (UTC).'); },
  get mfaAuthenticated() { return l10n.t('`"true"` if the root user or IAM user whose credentials were used signed in with MFA (a string, not a boolean).'); },
  get webIdFederationData() { return l10n.t('The identity provider and attributes, for web identity federation.'); },
  get sourceIdentity() { return l10n.t('The source identity set when the role was assumed, carried along role chains.'); },
  get ec2RoleDelivery() { return l10n.t('The instance metadata service version that delivered the role credentials: `1.0` (IMDSv1) or `2.0` (IMDSv2).'); },
  get assumedRoot() { return l10n.t('`"true"` when a management account assumed root in a member account.'); },
  get invokedBy() { return l10n.t('The AWS service that made the call on the user\'s behalf (its DNS name, e.g. `deadline.amazonaws.com`), or `AWS Internal`.'); },
  get invokedByDelegate() { return l10n.t('The account of the delegate that made the call.'); },
  get onBehalfOf() { return l10n.t('The Identity Center user the call was made for.'); },
  get inScopeOf() { return l10n.t('The resource and account an AWS service was acting for when it made the call with scoped credentials.'); },
  get credentialId() { return l10n.t('The id of the bearer token credential.'); },
  get identityProvider() { return l10n.t('The identity provider of an Identity Center user.'); },
  get signInSessionArn() { return l10n.t('The sign-in session of an Identity Center or console user.'); },
};

/** `AKIA` = long-term access key, `ASIA` = temporary (STS) key: the prefixes AWS documents for access key ids. */
export function accessKeyKind(id: string): 'longTerm' | 'temporary' | undefined {
  if (/^AKIA[0-9A-Z]{12,}$/.test(id)) return 'longTerm';
  if (/^ASIA[0-9A-Z]{12,}$/.test(id)) return 'temporary';
  return undefined;
}
