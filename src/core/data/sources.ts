/**
 * The AWS documentation pages the rules cite (in `docs.sources`) for the
 * facts their messages rely on: what AWS rejects, what never matches, what
 * has no effect. One list, so a page that moves is corrected once.
 */
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';
const KMS = 'https://docs.aws.amazon.com/kms/latest/developerguide';
const API = 'https://docs.aws.amazon.com/kms/latest/APIReference';

export const SOURCES = {
  /** "If either of the required Resource or Action elements are missing from a key policy statement, the policy statement has no effect ... the CreateKey and PutKeyPolicy API requests succeed"; each statement must contain principals; the lockout safety check; the characters a key policy may hold. */
  createKey: `${API}/API_CreateKey.html`,
  putKeyPolicy: `${API}/API_PutKeyPolicy.html`,
  /** GetKeyPolicy returns Policy and PolicyName ("The name of the key policy. The only valid value is default."). */
  getKeyPolicy: `${API}/API_GetKeyPolicy.html`,
  /** AWS CLI text output: the values of a response, tab-separated; --query picks one ("--query Policy --output text" in the get-key-policy examples). */
  cliTextOutput: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-output-format.html',
  createAlias: `${API}/API_CreateAlias.html`,
  createGrant: `${API}/API_CreateGrant.html`,
  generateRandom: `${API}/API_GenerateRandom.html`,
  generateDataKey: `${API}/API_GenerateDataKey.html`,
  /** "Automatic key rotation is supported only on symmetric encryption KMS keys. You cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS keys, KMS keys with imported key material, or KMS keys in a custom key store." */
  enableKeyRotation: `${API}/API_EnableKeyRotation.html`,
  /** AWS::KMS::Key EnableKeyRotation: "For asymmetric KMS keys, HMAC KMS keys, and KMS keys with Origin EXTERNAL, omit the EnableKeyRotation property or set it to false." */
  /** Fn::Sub: variables are template parameters, resource logical IDs, resource attributes or names of the variable map; "${!Literal}" writes "${Literal}". */
  cloudFormationSub: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html',
  cloudFormationKmsKey: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html',
  /** The Terraform AWS provider's aws_kms_key: enable_key_rotation, customer_master_key_spec, custom_key_store_id. */
  terraformKmsKey: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key',
  grantConstraints: `${API}/API_GrantConstraints.html`,
  scheduleKeyDeletion: `${API}/API_ScheduleKeyDeletion.html`,
  /** Key policy format (size, characters, Sid) and elements ("Resource ... is "*", which means this KMS key"). */
  keyPolicyElements: `${KMS}/key-policy-overview.html`,
  keyPolicyDefault: `${KMS}/key-policy-default.html`,
  /** Allowing users in other accounts to use a KMS key: the other account gets the cryptographic actions it uses. */
  kmsKeyPolicyCrossAccount: `${KMS}/key-policy-modifying-external-accounts.html`,
  kmsConditionKeys: `${KMS}/conditions-kms.html`,
  /** Key identifiers: the key id is a globally unique identifier (`1234abcd-12ab-34cd-56ef-1234567890ab`); multi-Region keys' start with `mrk-`. */
  kmsKeyIdentifiers: `${KMS}/concepts.html#key-id`,
  kmsTagAuthorization: `${KMS}/tag-authorization.html`,
  kmsAliasAuthorization: `${KMS}/alias-authorization.html`,
  kmsKeysInIamPolicies: `${KMS}/cmks-in-iam-policies.html`,
  kmsGrants: `${KMS}/grant-manage.html`,
  /** Least privilege: for AWS services, the encryption context condition keys and aws:SourceArn / aws:SourceAccount. */
  kmsLeastPrivilege: `${KMS}/least-privilege.html`,
  /** CloudTrail key policies: aws:SourceArn recommended, aws:SourceAccount supported. */
  cloudTrailKeyPolicy: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html',
  kmsQuotas: `${KMS}/resource-limits.html`,
  kmsKeyState: `${KMS}/key-state.html`,
  kmsDeletingKeys: `${KMS}/deleting-keys.html`,
  kmsActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html',
  iamGrammar: `${IAM}/reference_policies_grammar.html`,
  iamVersion: `${IAM}/reference_policies_elements_version.html`,
  iamStatement: `${IAM}/reference_policies_elements_statement.html`,
  iamSid: `${IAM}/reference_policies_elements_sid.html`,
  /** The legacy origin access identity principal: `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <id>`. */
  cloudFrontOai: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
  /** The key policy of the AWS managed key aws/secretsmanager, as AWS writes it: two statements share one Sid. */
  secretsManagerManagedKeyPolicy: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html#security-encryption-policies',
  iamEffect: `${IAM}/reference_policies_elements_effect.html`,
  iamPrincipal: `${IAM}/reference_policies_elements_principal.html`,
  /** IAM unique ID prefixes: AIDA for an IAM user, AROA for a role. */
  iamUniqueIds: `${IAM}/reference_identifiers.html#identifiers-unique-ids`,
  /** A key policy whose principal is a unique ID (AIDACKCEVSQ6C2EXAMPLE): PutKeyPolicy fails with MalformedPolicyDocumentException, invalid principals; remove orphaned unique IDs. */
  kmsInvalidPrincipals: 'https://repost.aws/knowledge-center/kms-policy-error-invalid-principals',
  /** NotPrincipal with Deny: name the assumed-role session, the role and the account, or the Deny may apply to them. */
  iamNotPrincipal: `${IAM}/reference_policies_elements_notprincipal.html`,
  iamAction: `${IAM}/reference_policies_elements_action.html`,
  iamResource: `${IAM}/reference_policies_elements_resource.html`,
  /** IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/key}`, `${saml:sub}`): replaced at request time, in Resource and condition values, with Version 2012-10-17. */
  iamPolicyVariables: `${IAM}/reference_policies_variables.html`,
  iamCondition: `${IAM}/reference_policies_elements_condition.html`,
  iamConditionOperators: `${IAM}/reference_policies_elements_condition_operators.html`,
  iamMultiValued: `${IAM}/reference_policies_multi-value-conditions.html`,
  iamGlobalKeys: `${IAM}/reference_policies_condition-keys.html`,
  /** aws:MultiFactorAuthPresent is absent from requests signed with long-term credentials; Bool on an absent key does not match, so a Deny needs BoolIfExists. */
  mfaCli: 'https://repost.aws/knowledge-center/mfa-iam-user-aws-cli',
  /** [KMS.1]/[KMS.2]: kms:Decrypt or kms:ReEncryptFrom allowed on all KMS keys in an IAM policy (boundaries excluded). */
  securityHubKms: 'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html',
  cloudTrailRecord: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html',
  /** Insights event records have eventVersion, eventType, eventID, eventTime, awsRegion, recipientAccountId, sharedEventID, insightDetails, eventCategory: none of a call's fields. */
  /** Network activity events (eventType AwsVpceEvent, eventCategory NetworkActivity): calls through a VPC endpoint, logged without request parameters or response elements. */
  cloudTrailNetworkActivity: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-events.html#cloudtrail-network-events',
  cloudTrailInsightRecord: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-insights-fields-trails.html',
  json: 'https://www.rfc-editor.org/rfc/rfc8259',
  /** "No AWS principal has any permissions to a KMS key unless that permission is provided explicitly and never denied"; the mechanisms are the key policy, IAM policies and grants. */
  kmsControlAccess: `${KMS}/control-access.html`,
  /** SQS: the key policy must allow the services that send to an encrypted queue. */
  sqsKeyManagement: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html',
  /** S3 User Guide, "Requiring SSE-KMS": to name the KMS key in `s3:x-amz-server-side-encryption-aws-kms-key-id`, you must use a key ARN (`arn:aws:kms:region:acct-id:key/key-id`); IAM does not check that it exists. */
  s3RequireSseKms: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html#require-sse-kms',
  /** S3 API: fields that name the SSE-KMS key take the full key ARN; "the KMS key ID and KMS key alias aren't supported". */
  s3SseKmsKeyArn: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_SSEKMSEncryption.html',
  /** Terraform AWS provider, ValidIAMPolicyJSON: a policy argument that starts with `"` "contains a JSON-encoded string, not a JSON-encoded object (have you double-encoded your JSON data?)". */
  terraformPolicyJson: 'https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/verify/validate.go',
  /** Terraform, jsonencode: encodes a string value as a JSON string. */
  terraformJsonencode: 'https://developer.hashicorp.com/terraform/language/functions/jsonencode',
} as const;
