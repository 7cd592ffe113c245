/**
 * KMS operations as CloudTrail logs them: the request parameters and response
 * elements of each, their allowed values, and what each call does to the key.
 *
 * Sources:
 *  [B] botocore's KMS service model (data/kms/2014-11-01/service-2.json,
 *      botocore 1.43.11): operations, members, required members, enums, ranges.
 *      CloudTrail writes the members in camelCase.
 *  [F] shared/reference/kms-facts.md sections 3 and 6: GranteeServicePrincipal,
 *      RetiringServicePrincipal and the SourceArn constraint (2026 additions not
 *      yet in [B]); the CloudTrail-only event names (ReEncrypt, RotateKey,
 *      DeleteKey, ...); PendingWindowInDays 7-30 (the model allows 1-365, the
 *      API rejects values outside 7-30).
 *  [G] the KMS Developer Guide's CloudTrail examples (ct-*.md, copied in
 *      test/fixtures/corpus/awsdocs): fields CloudTrail logs under other names
 *      (`clusterId` for CloudHsmClusterId) and `keyId` in responses since
 *      December 2022.
 */
import type { KmsEnumName } from '../../data/kmsFacts';

export interface ParamSpec {
  type: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'stringOrNumber';
  /** Allowed values (for arrays: of each element). */
  enum?: KmsEnumName | 'CustomKeyStoreType' | 'XksProxyConnectivity' | 'ImportType' | 'DryRunModifier';
  min?: number;
  max?: number;
  description: string;
}

export interface KmsOperation {
  name: string;
  /** What the call does to the key, in plain words (for hovers). */
  effect: string;
  /** IAM actions that authorise the call (empty for service events, which nobody calls). */
  iamActions: readonly string[];
  /** Request parameters CloudTrail may log, required ones marked in `required`. */
  request: readonly string[];
  required: readonly string[];
  /** Response elements CloudTrail may log. */
  response: readonly string[];
  /** Logged by KMS itself as an AwsServiceEvent (nobody called it). */
  serviceEvent?: boolean;
  /** Only reads (no change to the key or its grants). */
  readOnly?: boolean;
}

/** Extra enums of [B] that kmsFacts.ts does not carry. */
export const EXTRA_ENUMS: Readonly<Record<string, readonly string[]>> = {
  CustomKeyStoreType: ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'],
  XksProxyConnectivity: ['PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'],
  ImportType: ['NEW_KEY_MATERIAL', 'EXISTING_KEY_MATERIAL'],
  DryRunModifier: ['IGNORE_CIPHERTEXT'],
};

/** Request parameters by name; an operation-specific entry in OP_PARAMS wins. */
export const PARAMS: Readonly<Record<string, ParamSpec>> = {
  keyId: { type: 'string', min: 1, max: 2048, description: 'The KMS key: a key id, key ARN, alias name or alias ARN. Calls to a key in another account must use an ARN.' },
  targetKeyId: { type: 'string', min: 1, max: 2048, description: 'The key the alias points to.' },
  destinationKeyId: { type: 'string', min: 1, max: 2048, description: 'The key that re-encrypts the data.' },
  sourceKeyId: { type: 'string', min: 1, max: 2048, description: 'The key that decrypts the data before re-encryption (KMS finds it from the ciphertext if omitted, for symmetric keys).' },
  aliasName: { type: 'string', min: 1, max: 256, description: 'The alias, `alias/<name>`. Names beginning `alias/aws/` are reserved for AWS managed keys.' },
  encryptionContext: { type: 'object', description: 'The encryption context: non-secret key-value pairs bound to the ciphertext. The same context must be given to decrypt; key policies and grants can require it.' },
  sourceEncryptionContext: { type: 'object', description: 'The encryption context the data was encrypted with.' },
  destinationEncryptionContext: { type: 'object', description: 'The encryption context to re-encrypt with.' },
  encryptionAlgorithm: { type: 'string', enum: 'EncryptionAlgorithm', description: 'The encryption algorithm. `SYMMETRIC_DEFAULT` for symmetric keys; RSA and SM2 keys use the others.' },
  sourceEncryptionAlgorithm: { type: 'string', enum: 'EncryptionAlgorithm', description: 'The algorithm the data was encrypted with.' },
  destinationEncryptionAlgorithm: { type: 'string', enum: 'EncryptionAlgorithm', description: 'The algorithm to re-encrypt with.' },
  numberOfBytes: { type: 'number', min: 1, max: 1024, description: 'Length of the data key or random bytes, 1 to 1024. Give this or `keySpec`, not both.' },
  keySpec: { type: 'string', enum: 'DataKeySpec', description: 'Length of the data key: `AES_256` or `AES_128`. Give this or `numberOfBytes`, not both.' },
  keyPairSpec: { type: 'string', enum: 'DataKeyPairSpec', description: 'The kind of data key pair to generate.' },
  grantTokens: { type: 'array', min: 0, max: 10, description: 'Grant tokens, to use a grant before it is eventually consistent.' },
  dryRun: { type: 'boolean', description: 'Checks permissions and parameters without doing anything. A successful dry run is logged with errorCode `DryRunOperationException`.' },
  dryRunModifiers: { type: 'array', enum: 'DryRunModifier', description: 'Checks a dry run skips (`IGNORE_CIPHERTEXT`).' },
  recipient: { type: 'object', description: 'A Nitro enclave attestation: KMS encrypts the result to the enclave\'s public key.' },
  operations: { type: 'array', enum: 'GrantOperation', description: 'The operations the grant allows. Only grant operations are valid, and they must suit the key (no Sign on a symmetric key, ...).' },
  granteePrincipal: { type: 'string', min: 1, max: 256, description: 'Who receives the permissions of the grant: an IAM principal ARN, or an AWS service principal.' },
  granteeServicePrincipal: { type: 'string', min: 1, max: 128, description: 'An AWS service principal that receives the grant (requires a `sourceArn` constraint).' },
  retiringPrincipal: { type: 'string', min: 1, max: 256, description: 'Who may retire the grant when it is no longer needed.' },
  retiringServicePrincipal: { type: 'string', min: 1, max: 128, description: 'An AWS service principal that may retire the grant.' },
  constraints: { type: 'object', description: 'Conditions on the encryption context for the operations the grant allows: `encryptionContextSubset` or `encryptionContextEquals` (only one), and `sourceArn`.' },
  name: { type: 'string', min: 1, max: 256, description: 'A friendly name for the grant; repeating a CreateGrant with the same name and parameters returns the same grant.' },
  grantId: { type: 'string', min: 1, max: 128, description: 'The grant id (64 hexadecimal characters in practice).' },
  grantToken: { type: 'string', description: 'A grant token (never logged in full).' },
  pendingWindowInDays: { type: 'number', min: 7, max: 30, description: 'Days before the key is deleted, 7 to 30 (default 30). The key can be recovered with CancelKeyDeletion until then.' },
  rotationPeriodInDays: { type: 'number', min: 90, max: 2560, description: 'Days between automatic rotations, 90 to 2560 (default 365).' },
  limit: { type: 'number', min: 1, max: 1000, description: 'At most this many results per page.' },
  marker: { type: 'string', description: 'Where the previous page of results ended.' },
  policy: { type: 'string', description: 'The key policy document, as an escaped JSON string.' },
  policyName: { type: 'string', description: 'The name of the key policy; always `default`.' },
  bypassPolicyLockoutSafetyCheck: { type: 'boolean', description: 'Skips the check that the caller can still manage the key after this policy. `true` risks locking everyone out of the key.' },
  description: { type: 'string', description: 'The key\'s description.' },
  keyUsage: { type: 'string', enum: 'KeyUsage', description: 'What the key is for.' },
  customerMasterKeySpec: { type: 'string', enum: 'KeySpec', description: 'Deprecated name of `keySpec`, still logged.' },
  origin: { type: 'string', enum: 'KeyOrigin', description: 'Where the key material comes from.' },
  customKeyStoreId: { type: 'string', description: 'The custom key store (CloudHSM or external).' },
  customKeyStoreName: { type: 'string', description: 'The custom key store\'s friendly name.' },
  newCustomKeyStoreName: { type: 'string', description: 'The new friendly name of the custom key store.' },
  customKeyStoreType: { type: 'string', enum: 'CustomKeyStoreType', description: 'CloudHSM or external key store.' },
  cloudHsmClusterId: { type: 'string', description: 'The CloudHSM cluster behind the key store.' },
  clusterId: { type: 'string', description: 'The CloudHSM cluster behind the key store (CloudTrail\'s name for `CloudHsmClusterId`).' },
  trustAnchorCertificate: { type: 'string', description: 'The CloudHSM cluster\'s trust anchor certificate.' },
  keyStorePassword: { type: 'string', description: 'The kmsuser password (never logged).' },
  xksProxyUriEndpoint: { type: 'string', description: 'The external key store proxy endpoint.' },
  xksProxyUriPath: { type: 'string', description: 'The external key store proxy path.' },
  xksProxyVpcEndpointServiceName: { type: 'string', description: 'The VPC endpoint service of the external key store proxy.' },
  xksProxyVpcEndpointServiceOwner: { type: 'string', description: 'The account that owns the VPC endpoint service.' },
  xksProxyAuthenticationCredential: { type: 'object', description: 'The proxy authentication credential (secret part never logged).' },
  xksProxyConnectivity: { type: 'string', enum: 'XksProxyConnectivity', description: 'Public endpoint or VPC endpoint service.' },
  xksKeyId: { type: 'string', description: 'The key in the external key manager.' },
  tags: { type: 'array', description: 'Tags, `{tagKey, tagValue}`.' },
  tagKeys: { type: 'array', description: 'The tag keys to remove.' },
  multiRegion: { type: 'boolean', description: 'Creates a multi-Region primary key.' },
  replicaRegion: { type: 'string', description: 'The Region of the new replica key.' },
  primaryRegion: { type: 'string', description: 'The Region that becomes the primary of the multi-Region key.' },
  wrappingAlgorithm: { type: 'string', enum: 'WrappingAlgorithm', description: 'How the key material will be wrapped for import.' },
  wrappingKeySpec: { type: 'string', enum: 'WrappingKeySpec', description: 'The public key used to wrap the key material.' },
  validTo: { type: 'stringOrNumber', description: 'When the imported key material expires.' },
  expirationModel: { type: 'string', enum: 'ExpirationModel', description: 'Whether the imported key material expires.' },
  importType: { type: 'string', enum: 'ImportType', description: 'New key material, or re-import of existing material.' },
  keyMaterialDescription: { type: 'string', description: 'A description of the imported key material.' },
  keyMaterialId: { type: 'string', description: 'The id of a version of the key material.' },
  includeKeyMaterial: { type: 'string', description: 'Which key material versions to list.' },
  messageType: { type: 'string', enum: 'MessageType', description: 'Whether `message` is the raw message or its digest.' },
  signingAlgorithm: { type: 'string', enum: 'SigningAlgorithm', description: 'The signing algorithm; it must suit the key spec.' },
  macAlgorithm: { type: 'string', enum: 'MacAlgorithm', description: 'The HMAC algorithm; it must suit the key spec.' },
  keyAgreementAlgorithm: { type: 'string', enum: 'KeyAgreementAlgorithm', description: 'The key agreement algorithm (`ECDH`).' },
  publicKey: { type: 'string', description: 'The other party\'s public key.' },
  plaintext: { type: 'string', description: 'Never logged.' },
  ciphertextBlob: { type: 'string', description: 'Never logged.' },
  message: { type: 'string', description: 'Never logged.' },
  signature: { type: 'string', description: 'Never logged.' },
  mac: { type: 'string', description: 'Never logged.' },
  importToken: { type: 'string', description: 'Never logged.' },
  encryptedKeyMaterial: { type: 'string', description: 'Never logged.' },
};

/** Operation-specific parameter meanings (the same name means something else here). */
export const OP_PARAMS: Readonly<Record<string, Readonly<Record<string, ParamSpec>>>> = {
  CreateKey: { keySpec: { type: 'string', enum: 'KeySpec', description: 'The kind of KMS key: symmetric, RSA, ECC, HMAC, SM2 or ML-DSA. It cannot be changed later.' } },
  GenerateRandom: { numberOfBytes: { type: 'number', min: 1, max: 1024, description: 'How many random bytes, 1 to 1024.' } },
};

export function paramSpec(op: string, name: string): ParamSpec | undefined {
  return OP_PARAMS[op]?.[name] ?? PARAMS[name];
}

/** The members of GrantConstraints ([B], plus SourceArn [F]). */
export const GRANT_CONSTRAINT_MEMBERS = ['encryptionContextSubset', 'encryptionContextEquals', 'sourceArn'] as const;

/** Pairs of request parameters of which at most one may be given ([B] docs, [F] section 3). */
export const EXCLUSIVE_PARAMS: ReadonlyArray<{ ops: readonly string[]; path: readonly string[]; names: readonly [string, string] }> = [
  { ops: ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'], path: [], names: ['numberOfBytes', 'keySpec'] },
  { ops: ['CreateGrant'], path: ['constraints'], names: ['encryptionContextSubset', 'encryptionContextEquals'] },
  { ops: ['CreateGrant'], path: [], names: ['granteePrincipal', 'granteeServicePrincipal'] },
  { ops: ['CreateGrant'], path: [], names: ['retiringPrincipal', 'retiringServicePrincipal'] },
];

const KEY_ID = 'keyId';

function op(name: string, effect: string, request: string, response: string, extra: Partial<KmsOperation> = {}): KmsOperation {
  const words = request.split(' ').filter(Boolean);
  return {
    name,
    effect,
    iamActions: [`kms:${name}`],
    request: words.map((w) => w.replace(/\*$/, '')),
    required: words.filter((w) => w.endsWith('*')).map((w) => w.slice(0, -1)),
    // Since December 2022 KMS logs the key ARN as responseElements.keyId for most calls on a key.
    response: [...new Set([...response.split(' ').filter(Boolean), ...(request.includes(KEY_ID) ? [KEY_ID] : [])])],
    ...extra,
  };
}

const RO = { readOnly: true };

export const KMS_OPERATIONS: readonly KmsOperation[] = [
  op('CancelKeyDeletion', 'cancels the scheduled deletion of the key; the key is left Disabled and must be enabled again before use', 'keyId*', 'keyId'),
  op('ConnectCustomKeyStore', 'connects a custom key store to its CloudHSM cluster or external key store proxy', 'customKeyStoreId*', ''),
  op('CreateAlias', 'gives the key a friendly name (an alias); aliases can also grant or deny access through ABAC', 'aliasName* targetKeyId*', ''),
  op('CreateCustomKeyStore', 'creates a custom key store backed by a CloudHSM cluster or an external key manager', 'customKeyStoreName* cloudHsmClusterId clusterId trustAnchorCertificate keyStorePassword customKeyStoreType xksProxyUriEndpoint xksProxyUriPath xksProxyVpcEndpointServiceName xksProxyVpcEndpointServiceOwner xksProxyAuthenticationCredential xksProxyConnectivity', 'customKeyStoreId'),
  op('CreateGrant', 'adds a grant: lets another principal use the key for the listed operations, without changing the key policy', 'keyId* granteePrincipal granteeServicePrincipal retiringPrincipal retiringServicePrincipal operations* constraints grantTokens name dryRun', 'grantToken grantId keyId'),
  op('CreateKey', 'creates a new KMS key', 'policy description keyUsage customerMasterKeySpec keySpec origin customKeyStoreId bypassPolicyLockoutSafetyCheck tags multiRegion xksKeyId', 'keyMetadata'),
  op('Decrypt', 'uses the key to decrypt data (the plaintext goes to the caller, never to the log)', 'ciphertextBlob encryptionContext grantTokens keyId encryptionAlgorithm recipient dryRun dryRunModifiers', 'keyId plaintext encryptionAlgorithm ciphertextForRecipient keyMaterialId', RO),
  op('DeleteAlias', 'deletes an alias; the key itself is not affected', 'aliasName*', ''),
  op('DeleteCustomKeyStore', 'deletes a custom key store that holds no keys', 'customKeyStoreId*', ''),
  op('DeleteImportedKeyMaterial', 'deletes the imported key material: the key becomes unusable (PendingImport) until material is imported again', 'keyId* keyMaterialId', 'keyId keyMaterialId'),
  op('DeriveSharedSecret', 'uses the key\'s private key to derive a shared secret (ECDH) with another party\'s public key', 'keyId* keyAgreementAlgorithm* publicKey* grantTokens dryRun recipient', 'keyId sharedSecret ciphertextForRecipient keyAgreementAlgorithm keyOrigin', RO),
  op('DescribeCustomKeyStores', 'reads the custom key stores of the account', 'customKeyStoreId customKeyStoreName limit marker', 'customKeyStores nextMarker truncated', RO),
  op('DescribeKey', 'reads the key\'s metadata (state, spec, usage, origin); it does not use the key', 'keyId* grantTokens', 'keyMetadata', RO),
  op('DisableKey', 'disables the key: every cryptographic operation with it fails until it is enabled again', 'keyId*', ''),
  op('DisableKeyRotation', 'turns off automatic rotation of the key material', 'keyId*', ''),
  op('DisconnectCustomKeyStore', 'disconnects a custom key store: its keys become unusable until it is reconnected', 'customKeyStoreId*', ''),
  op('EnableKey', 'enables the key, so it can be used again', 'keyId*', ''),
  op('EnableKeyRotation', 'turns on automatic rotation of the key material', 'keyId* rotationPeriodInDays', ''),
  op('Encrypt', 'uses the key to encrypt up to 4 KB of data', 'keyId* plaintext* encryptionContext grantTokens encryptionAlgorithm dryRun', 'ciphertextBlob keyId encryptionAlgorithm', RO),
  op('GenerateDataKey', 'uses the key to create a data key, returned both in plaintext and encrypted under the key (envelope encryption)', 'keyId* encryptionContext numberOfBytes keySpec grantTokens recipient dryRun', 'ciphertextBlob plaintext keyId ciphertextForRecipient keyMaterialId', RO),
  op('GenerateDataKeyPair', 'uses the key to create a data key pair; the private key is returned in plaintext and encrypted', 'encryptionContext keyId* keyPairSpec* grantTokens recipient dryRun', 'privateKeyCiphertextBlob privateKeyPlaintext publicKey keyId keyPairSpec ciphertextForRecipient keyMaterialId', RO),
  op('GenerateDataKeyPairWithoutPlaintext', 'uses the key to create a data key pair whose private key is returned only encrypted', 'encryptionContext keyId* keyPairSpec* grantTokens dryRun', 'privateKeyCiphertextBlob publicKey keyId keyPairSpec keyMaterialId', RO),
  op('GenerateDataKeyWithoutPlaintext', 'uses the key to create a data key returned only encrypted (decrypted later, when needed)', 'keyId* encryptionContext keySpec numberOfBytes grantTokens dryRun', 'ciphertextBlob keyId keyMaterialId', RO),
  op('GenerateMac', 'uses the HMAC key to compute a MAC of a message', 'message* keyId* macAlgorithm* grantTokens dryRun', 'mac macAlgorithm keyId', RO),
  op('GenerateRandom', 'returns random bytes; it uses no key', 'numberOfBytes customKeyStoreId recipient', 'plaintext ciphertextForRecipient', RO),
  op('GetKeyLastUsage', 'reads when the key was last used', 'keyId*', 'keyId keyLastUsage trackingStartDate keyCreationDate', RO),
  op('GetKeyPolicy', 'reads the key policy', 'keyId* policyName', 'policy policyName', RO),
  op('GetKeyRotationStatus', 'reads whether automatic rotation is on', 'keyId*', 'keyRotationEnabled keyId rotationPeriodInDays nextRotationDate onDemandRotationStartDate', RO),
  op('GetParametersForImport', 'gets a public key and an import token to import key material into the key', 'keyId* wrappingAlgorithm* wrappingKeySpec*', 'keyId importToken publicKey parametersValidTo', RO),
  op('GetPublicKey', 'reads the public key of an asymmetric key', 'keyId* grantTokens', 'keyId publicKey customerMasterKeySpec keySpec keyUsage encryptionAlgorithms signingAlgorithms keyAgreementAlgorithms', RO),
  op('ImportKeyMaterial', 'imports key material into an EXTERNAL-origin key', 'keyId* importToken* encryptedKeyMaterial* validTo expirationModel importType keyMaterialDescription keyMaterialId', 'keyId keyMaterialId'),
  op('ListAliases', 'lists aliases', 'keyId limit marker', 'aliases nextMarker truncated', RO),
  op('ListGrants', 'lists the grants of the key', 'limit marker keyId* grantId granteePrincipal granteeServicePrincipal', 'grants nextMarker truncated', RO),
  op('ListKeyPolicies', 'lists the names of the key\'s policies (always `default`)', 'keyId* limit marker', 'policyNames nextMarker truncated', RO),
  op('ListKeyRotations', 'lists the rotations of the key material', 'keyId* includeKeyMaterial limit marker', 'rotations nextMarker truncated', RO),
  op('ListKeys', 'lists the keys of the account and Region', 'limit marker', 'keys nextMarker truncated', RO),
  op('ListResourceTags', 'lists the key\'s tags', 'keyId* limit marker', 'tags nextMarker truncated', RO),
  op('ListRetirableGrants', 'lists the grants a principal may retire', 'limit marker retiringPrincipal retiringServicePrincipal', 'grants nextMarker truncated', RO),
  op('PutKeyPolicy', 'replaces the key policy: this changes who can use and manage the key', 'keyId* policyName policy* bypassPolicyLockoutSafetyCheck', ''),
  op('ReEncrypt', 'decrypts data with one key and re-encrypts it with another (or the same) key, without exposing the plaintext', 'ciphertextBlob sourceEncryptionContext sourceKeyId destinationKeyId* destinationEncryptionContext sourceEncryptionAlgorithm destinationEncryptionAlgorithm grantTokens dryRun dryRunModifiers', 'ciphertextBlob sourceKeyId keyId sourceEncryptionAlgorithm destinationEncryptionAlgorithm sourceKeyMaterialId destinationKeyMaterialId', { iamActions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'], readOnly: true }),
  op('ReplicateKey', 'creates a replica of the multi-Region key in another Region', 'keyId* replicaRegion* policy bypassPolicyLockoutSafetyCheck description tags', 'replicaKeyMetadata replicaPolicy replicaTags'),
  op('RetireGrant', 'retires a grant: the permissions it gave end (CloudTrail logs requestParameters as null and the grant id in additionalEventData)', 'grantToken keyId grantId dryRun', ''),
  op('RevokeGrant', 'revokes a grant: the permissions it gave end', 'keyId* grantId* dryRun', ''),
  op('RotateKeyOnDemand', 'rotates the key material now (at most 25 times per key); the automatic schedule is unchanged', 'keyId*', 'keyId'),
  op('ScheduleKeyDeletion', 'schedules the key for deletion after a waiting period of 7 to 30 days; after that the key and everything encrypted under it are lost for good', 'keyId* pendingWindowInDays', 'keyId deletionDate keyState pendingWindowInDays'),
  op('Sign', 'uses the asymmetric key to sign a message', 'keyId* message* messageType grantTokens signingAlgorithm* dryRun', 'keyId signature signingAlgorithm', RO),
  op('TagResource', 'adds or changes tags on the key; tags can grant or deny access through ABAC', 'keyId* tags*', ''),
  op('UntagResource', 'removes tags from the key; this can change access through ABAC', 'keyId* tagKeys*', ''),
  op('UpdateAlias', 'points an alias at another key; callers that use the alias now use the other key', 'aliasName* targetKeyId*', ''),
  op('UpdateCustomKeyStore', 'changes the settings of a custom key store', 'customKeyStoreId* newCustomKeyStoreName keyStorePassword cloudHsmClusterId clusterId xksProxyUriEndpoint xksProxyUriPath xksProxyVpcEndpointServiceName xksProxyVpcEndpointServiceOwner xksProxyAuthenticationCredential xksProxyConnectivity', ''),
  op('UpdateKeyDescription', 'changes the key\'s description', 'keyId* description*', ''),
  op('UpdatePrimaryRegion', 'makes a replica of the multi-Region key the primary key', 'keyId* primaryRegion*', ''),
  op('Verify', 'uses the asymmetric key to verify a signature', 'keyId* message* messageType signature* signingAlgorithm* grantTokens dryRun', 'keyId signatureValid signingAlgorithm', RO),
  op('VerifyMac', 'uses the HMAC key to verify a MAC', 'message* keyId* macAlgorithm* mac* grantTokens dryRun', 'keyId macValid macAlgorithm', RO),
  // Logged by KMS, not called by anyone ([F] section 6, [G] ct-*.md).
  op('RotateKey', 'KMS rotated the key material (automatic or on-demand rotation)', '', 'keyId', { iamActions: [], serviceEvent: true }),
  op('DeleteKey', 'KMS deleted the key at the end of its waiting period: everything encrypted under it can no longer be decrypted', '', 'keyId', { iamActions: [], serviceEvent: true }),
  op('DeleteExpiredKeyMaterial', 'KMS deleted imported key material that had expired: the key is unusable until material is imported again', '', 'keyId', { iamActions: [], serviceEvent: true }),
  op('SynchronizeMultiRegionKey', 'KMS synchronised the shared properties of a multi-Region key with its replicas', '', 'keyId', { iamActions: ['kms:SynchronizeMultiRegionKey'] }),
];

export const KMS_OPERATION_BY_NAME: ReadonlyMap<string, KmsOperation> = new Map(KMS_OPERATIONS.map((o) => [o.name, o]));

/** KMS error codes ([B] error shapes) and what they mean for the person reading the log. */
export const KMS_ERROR_CODES: Readonly<Record<string, string>> = {
  AccessDenied: 'the caller was not allowed to do this: neither the key policy, an IAM policy nor a grant allowed it (or a Deny matched)',
  AccessDeniedException: 'the caller was not allowed to do this: neither the key policy, an IAM policy nor a grant allowed it (or a Deny matched)',
  DryRunOperationException: 'the call was a dry run and would have succeeded: permissions and parameters were checked, nothing was done',
  AlreadyExistsException: 'the alias or resource already exists',
  DependencyTimeoutException: 'KMS timed out reaching a service it depends on; the call can be retried',
  DisabledException: 'the key is disabled',
  ExpiredImportTokenException: 'the import token has expired; get new import parameters',
  IncorrectKeyException: 'the ciphertext was not encrypted under the key named in the request',
  IncorrectKeyMaterialException: 'the imported key material is not the material previously imported into the key',
  InvalidAliasNameException: 'the alias name is not valid (or uses the reserved `alias/aws/` prefix)',
  InvalidArnException: 'an ARN in the request is not valid',
  InvalidCiphertextException: 'the ciphertext, its encryption context or its grant constraints do not match: often a wrong encryption context',
  InvalidGrantIdException: 'the grant id is not valid',
  InvalidGrantTokenException: 'the grant token is not valid',
  InvalidImportTokenException: 'the import token is not valid for this key',
  InvalidKeyUsageException: 'the key cannot be used for this operation (wrong key usage or key spec, e.g. Sign with a symmetric key)',
  InvalidMarkerException: 'the pagination marker is not valid',
  KMSInternalException: 'an internal error in KMS; the call can be retried',
  KMSInvalidMacException: 'the MAC did not verify',
  KMSInvalidSignatureException: 'the signature did not verify',
  KMSInvalidStateException: 'the key is not in a state that allows this operation (e.g. pending deletion, pending import, or its custom key store is disconnected)',
  KeyUnavailableException: 'the key is unavailable (e.g. its custom key store cannot be reached)',
  LimitExceededException: 'a quota was exceeded (e.g. 50,000 grants per key, or the request rate)',
  MalformedPolicyDocumentException: 'the key policy is not valid, or would lock the caller out of the key',
  NotFoundException: 'the key, alias or grant does not exist (or is not visible to the caller)',
  TagException: 'the tags are not valid',
  UnsupportedOperationException: 'the operation is not supported for this key (e.g. rotation of an asymmetric or imported key)',
  ValidationException: 'a parameter is not valid (e.g. two grant constraints, or a value out of range)',
  ThrottlingException: 'the request rate was too high',
  CloudHsmClusterInvalidConfigurationException: 'the CloudHSM cluster is not configured as KMS needs',
  CloudHsmClusterNotActiveException: 'the CloudHSM cluster is not active',
  CustomKeyStoreInvalidStateException: 'the custom key store is not in a state that allows this operation',
  CustomKeyStoreNotFoundException: 'the custom key store does not exist',
  XksKeyNotFoundException: 'the external key manager does not have the key',
  XksProxyUriUnreachableException: 'KMS could not reach the external key store proxy',
};

export const DRY_RUN_ERROR = 'DryRunOperationException';
