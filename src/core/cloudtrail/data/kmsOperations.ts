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
import * as l10n from '@vscode/l10n';
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

/**
 * Request parameters by name; an operation-specific entry in OP_PARAMS wins.
 * Descriptions are getters with literal l10n.t calls, so the extractor sees them
 * and they are worded in the language set when a hover reads them.
 */
export const PARAMS: Readonly<Record<string, ParamSpec>> = {
  keyId: { type: 'string', min: 1, max: 2048, get description() { return l10n.t('The KMS key: a key id, key ARN, alias name or alias ARN. Calls to a key in another account must use an ARN.'); } },
  targetKeyId: { type: 'string', min: 1, max: 2048, get description() { return l10n.t('The key the alias points to.'); } },
  destinationKeyId: { type: 'string', min: 1, max: 2048, get description() { return l10n.t('The key that re-encrypts the data.'); } },
  sourceKeyId: { type: 'string', min: 1, max: 2048, get description() { return l10n.t('The key that decrypts the data before re-encryption (KMS finds it from the ciphertext if omitted, for symmetric keys).'); } },
  aliasName: { type: 'string', min: 1, max: 256, get description() { return l10n.t('The alias, `alias/<name>`. Names beginning `alias/aws/` are reserved for AWS managed keys.'); } },
  encryptionContext: { type: 'object', get description() { return l10n.t('The encryption context: non-secret key-value pairs bound to the ciphertext. The same context must be given to decrypt; key policies and grants can require it.'); } },
  sourceEncryptionContext: { type: 'object', get description() { return l10n.t('The encryption context the data was encrypted with.'); } },
  destinationEncryptionContext: { type: 'object', get description() { return l10n.t('The encryption context to re-encrypt with.'); } },
  encryptionAlgorithm: { type: 'string', enum: 'EncryptionAlgorithm', get description() { return l10n.t('The encryption algorithm. `SYMMETRIC_DEFAULT` for symmetric keys; RSA and SM2 keys use the others.'); } },
  sourceEncryptionAlgorithm: { type: 'string', enum: 'EncryptionAlgorithm', get description() { return l10n.t('The algorithm the data was encrypted with.'); } },
  destinationEncryptionAlgorithm: { type: 'string', enum: 'EncryptionAlgorithm', get description() { return l10n.t('The algorithm to re-encrypt with.'); } },
  numberOfBytes: { type: 'number', min: 1, max: 1024, get description() { return l10n.t('Length of the data key or random bytes, 1 to 1024. Give this or `keySpec`, not both.'); } },
  keySpec: { type: 'string', enum: 'DataKeySpec', get description() { return l10n.t('Length of the data key: `AES_256` or `AES_128`. Give this or `numberOfBytes`, not both.'); } },
  keyPairSpec: { type: 'string', enum: 'DataKeyPairSpec', get description() { return l10n.t('The kind of data key pair to generate.'); } },
  grantTokens: { type: 'array', min: 0, max: 10, get description() { return l10n.t('Grant tokens, to use a grant before it is eventually consistent.'); } },
  dryRun: { type: 'boolean', get description() { return l10n.t('Checks permissions and parameters without doing anything. A successful dry run is logged with errorCode `DryRunOperationException`.'); } },
  dryRunModifiers: { type: 'array', enum: 'DryRunModifier', get description() { return l10n.t('Checks a dry run skips (`IGNORE_CIPHERTEXT`).'); } },
  recipient: { type: 'object', get description() { return l10n.t('A Nitro enclave attestation: KMS encrypts the result to the enclave\'s public key.'); } },
  operations: { type: 'array', enum: 'GrantOperation', get description() { return l10n.t('The operations the grant allows. Only grant operations are valid, and they must suit the key (no Sign on a symmetric key, ...).'); } },
  granteePrincipal: { type: 'string', min: 1, max: 256, get description() { return l10n.t('Who receives the permissions of the grant: an IAM principal ARN, or an AWS service principal.'); } },
  granteeServicePrincipal: { type: 'string', min: 1, max: 128, get description() { return l10n.t('An AWS service principal that receives the grant (requires a `sourceArn` constraint).'); } },
  retiringPrincipal: { type: 'string', min: 1, max: 256, get description() { return l10n.t('Who may retire the grant when it is no longer needed.'); } },
  retiringServicePrincipal: { type: 'string', min: 1, max: 128, get description() { return l10n.t('An AWS service principal that may retire the grant.'); } },
  constraints: { type: 'object', get description() { return l10n.t('Conditions on the encryption context for the operations the grant allows: `encryptionContextSubset` or `encryptionContextEquals` (only one), and `sourceArn`.'); } },
  name: { type: 'string', min: 1, max: 256, get description() { return l10n.t('A friendly name for the grant; repeating a CreateGrant with the same name and parameters returns the same grant.'); } },
  grantId: { type: 'string', min: 1, max: 128, get description() { return l10n.t('The grant id (64 hexadecimal characters in practice).'); } },
  grantToken: { type: 'string', get description() { return l10n.t('A grant token (never logged in full).'); } },
  pendingWindowInDays: { type: 'number', min: 7, max: 30, get description() { return l10n.t('Days before the key is deleted, 7 to 30 (default 30). The key can be recovered with CancelKeyDeletion until then.'); } },
  rotationPeriodInDays: { type: 'number', min: 90, max: 2560, get description() { return l10n.t('Days between automatic rotations, 90 to 2560 (default 365).'); } },
  limit: { type: 'number', min: 1, max: 1000, get description() { return l10n.t('At most this many results per page.'); } },
  marker: { type: 'string', get description() { return l10n.t('Where the previous page of results ended.'); } },
  policy: { type: 'string', get description() { return l10n.t('The key policy document, as an escaped JSON string.'); } },
  policyName: { type: 'string', get description() { return l10n.t('The name of the key policy; always `default`.'); } },
  bypassPolicyLockoutSafetyCheck: { type: 'boolean', get description() { return l10n.t('Skips the check that the caller can still manage the key after this policy. `true` risks locking everyone out of the key.'); } },
  description: { type: 'string', get description() { return l10n.t('The key\'s description.'); } },
  keyUsage: { type: 'string', enum: 'KeyUsage', get description() { return l10n.t('What the key is for.'); } },
  customerMasterKeySpec: { type: 'string', enum: 'KeySpec', get description() { return l10n.t('Deprecated name of `keySpec`, still logged.'); } },
  origin: { type: 'string', enum: 'KeyOrigin', get description() { return l10n.t('Where the key material comes from.'); } },
  customKeyStoreId: { type: 'string', get description() { return l10n.t('The custom key store (CloudHSM or external).'); } },
  customKeyStoreName: { type: 'string', get description() { return l10n.t('The custom key store\'s friendly name.'); } },
  newCustomKeyStoreName: { type: 'string', get description() { return l10n.t('The new friendly name of the custom key store.'); } },
  customKeyStoreType: { type: 'string', enum: 'CustomKeyStoreType', get description() { return l10n.t('CloudHSM or external key store.'); } },
  cloudHsmClusterId: { type: 'string', get description() { return l10n.t('The CloudHSM cluster behind the key store.'); } },
  clusterId: { type: 'string', get description() { return l10n.t('The CloudHSM cluster behind the key store (CloudTrail\'s name for `CloudHsmClusterId`).'); } },
  trustAnchorCertificate: { type: 'string', get description() { return l10n.t('The CloudHSM cluster\'s trust anchor certificate.'); } },
  keyStorePassword: { type: 'string', get description() { return l10n.t('The kmsuser password (never logged).'); } },
  xksProxyUriEndpoint: { type: 'string', get description() { return l10n.t('The external key store proxy endpoint.'); } },
  xksProxyUriPath: { type: 'string', get description() { return l10n.t('The external key store proxy path.'); } },
  xksProxyVpcEndpointServiceName: { type: 'string', get description() { return l10n.t('The VPC endpoint service of the external key store proxy.'); } },
  xksProxyVpcEndpointServiceOwner: { type: 'string', get description() { return l10n.t('The account that owns the VPC endpoint service.'); } },
  xksProxyAuthenticationCredential: { type: 'object', get description() { return l10n.t('The proxy authentication credential (secret part never logged).'); } },
  xksProxyConnectivity: { type: 'string', enum: 'XksProxyConnectivity', get description() { return l10n.t('Public endpoint or VPC endpoint service.'); } },
  xksKeyId: { type: 'string', get description() { return l10n.t('The key in the external key manager.'); } },
  tags: { type: 'array', get description() { return l10n.t('Tags, `{tagKey, tagValue}`.'); } },
  tagKeys: { type: 'array', get description() { return l10n.t('The tag keys to remove.'); } },
  multiRegion: { type: 'boolean', get description() { return l10n.t('Creates a multi-Region primary key.'); } },
  replicaRegion: { type: 'string', get description() { return l10n.t('The Region of the new replica key.'); } },
  primaryRegion: { type: 'string', get description() { return l10n.t('The Region that becomes the primary of the multi-Region key.'); } },
  wrappingAlgorithm: { type: 'string', enum: 'WrappingAlgorithm', get description() { return l10n.t('How the key material will be wrapped for import.'); } },
  wrappingKeySpec: { type: 'string', enum: 'WrappingKeySpec', get description() { return l10n.t('The public key used to wrap the key material.'); } },
  validTo: { type: 'stringOrNumber', get description() { return l10n.t('When the imported key material expires.'); } },
  expirationModel: { type: 'string', enum: 'ExpirationModel', get description() { return l10n.t('Whether the imported key material expires.'); } },
  importType: { type: 'string', enum: 'ImportType', get description() { return l10n.t('New key material, or re-import of existing material.'); } },
  keyMaterialDescription: { type: 'string', get description() { return l10n.t('A description of the imported key material.'); } },
  keyMaterialId: { type: 'string', get description() { return l10n.t('The id of a version of the key material.'); } },
  includeKeyMaterial: { type: 'string', get description() { return l10n.t('Which key material versions to list.'); } },
  messageType: { type: 'string', enum: 'MessageType', get description() { return l10n.t('Whether `message` is the raw message or its digest.'); } },
  signingAlgorithm: { type: 'string', enum: 'SigningAlgorithm', get description() { return l10n.t('The signing algorithm; it must suit the key spec.'); } },
  macAlgorithm: { type: 'string', enum: 'MacAlgorithm', get description() { return l10n.t('The HMAC algorithm; it must suit the key spec.'); } },
  keyAgreementAlgorithm: { type: 'string', enum: 'KeyAgreementAlgorithm', get description() { return l10n.t('The key agreement algorithm (`ECDH`).'); } },
  publicKey: { type: 'string', get description() { return l10n.t('The other party\'s public key.'); } },
  plaintext: { type: 'string', get description() { return l10n.t('Never logged.'); } },
  ciphertextBlob: { type: 'string', get description() { return l10n.t('Never logged.'); } },
  message: { type: 'string', get description() { return l10n.t('Never logged.'); } },
  signature: { type: 'string', get description() { return l10n.t('Never logged.'); } },
  mac: { type: 'string', get description() { return l10n.t('Never logged.'); } },
  importToken: { type: 'string', get description() { return l10n.t('Never logged.'); } },
  encryptedKeyMaterial: { type: 'string', get description() { return l10n.t('Never logged.'); } },
};

/** Operation-specific parameter meanings (the same name means something else here). */
export const OP_PARAMS: Readonly<Record<string, Readonly<Record<string, ParamSpec>>>> = {
  CreateKey: { keySpec: { type: 'string', enum: 'KeySpec', get description() { return l10n.t('The kind of KMS key: symmetric, RSA, ECC, HMAC, SM2 or ML-DSA. It cannot be changed later.'); } } },
  GenerateRandom: { numberOfBytes: { type: 'number', min: 1, max: 1024, get description() { return l10n.t('How many random bytes, 1 to 1024.'); } } },
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

/** The effect is worded when read, in the language l10n is set to then (the table is built before it is set). */
function op(name: string, effect: () => string, request: string, response: string, extra: Partial<KmsOperation> = {}): KmsOperation {
  const words = request.split(' ').filter(Boolean);
  return {
    name,
    get effect() {
      return effect();
    },
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
  op('CancelKeyDeletion', () => l10n.t('cancels the scheduled deletion of the key; the key is left Disabled and must be enabled again before use'), 'keyId*', 'keyId'),
  op('ConnectCustomKeyStore', () => l10n.t('connects a custom key store to its CloudHSM cluster or external key store proxy'), 'customKeyStoreId*', ''),
  op('CreateAlias', () => l10n.t('gives the key a friendly name (an alias); aliases can also grant or deny access through ABAC'), 'aliasName* targetKeyId*', ''),
  op('CreateCustomKeyStore', () => l10n.t('creates a custom key store backed by a CloudHSM cluster or an external key manager'), 'customKeyStoreName* cloudHsmClusterId clusterId trustAnchorCertificate keyStorePassword customKeyStoreType xksProxyUriEndpoint xksProxyUriPath xksProxyVpcEndpointServiceName xksProxyVpcEndpointServiceOwner xksProxyAuthenticationCredential xksProxyConnectivity', 'customKeyStoreId'),
  op('CreateGrant', () => l10n.t('adds a grant: lets another principal use the key for the listed operations, without changing the key policy'), 'keyId* granteePrincipal granteeServicePrincipal retiringPrincipal retiringServicePrincipal operations* constraints grantTokens name dryRun', 'grantToken grantId keyId'),
  op('CreateKey', () => l10n.t('creates a new KMS key'), 'policy description keyUsage customerMasterKeySpec keySpec origin customKeyStoreId bypassPolicyLockoutSafetyCheck tags multiRegion xksKeyId', 'keyMetadata'),
  op('Decrypt', () => l10n.t('uses the key to decrypt data (the plaintext goes to the caller, never to the log)'), 'ciphertextBlob encryptionContext grantTokens keyId encryptionAlgorithm recipient dryRun dryRunModifiers', 'keyId plaintext encryptionAlgorithm ciphertextForRecipient keyMaterialId', RO),
  op('DeleteAlias', () => l10n.t('deletes an alias; the key itself is not affected'), 'aliasName*', ''),
  op('DeleteCustomKeyStore', () => l10n.t('deletes a custom key store that holds no keys'), 'customKeyStoreId*', ''),
  op('DeleteImportedKeyMaterial', () => l10n.t('deletes the imported key material: the key becomes unusable (PendingImport) until material is imported again'), 'keyId* keyMaterialId', 'keyId keyMaterialId'),
  op('DeriveSharedSecret', () => l10n.t('uses the key\'s private key to derive a shared secret (ECDH) with another party\'s public key'), 'keyId* keyAgreementAlgorithm* publicKey* grantTokens dryRun recipient', 'keyId sharedSecret ciphertextForRecipient keyAgreementAlgorithm keyOrigin', RO),
  op('DescribeCustomKeyStores', () => l10n.t('reads the custom key stores of the account'), 'customKeyStoreId customKeyStoreName limit marker', 'customKeyStores nextMarker truncated', RO),
  op('DescribeKey', () => l10n.t('reads the key\'s metadata (state, spec, usage, origin); it does not use the key'), 'keyId* grantTokens', 'keyMetadata', RO),
  op('DisableKey', () => l10n.t('disables the key: every cryptographic operation with it fails until it is enabled again'), 'keyId*', ''),
  op('DisableKeyRotation', () => l10n.t('turns off automatic rotation of the key material'), 'keyId*', ''),
  op('DisconnectCustomKeyStore', () => l10n.t('disconnects a custom key store: its keys become unusable until it is reconnected'), 'customKeyStoreId*', ''),
  op('EnableKey', () => l10n.t('enables the key, so it can be used again'), 'keyId*', ''),
  op('EnableKeyRotation', () => l10n.t('turns on automatic rotation of the key material'), 'keyId* rotationPeriodInDays', ''),
  op('Encrypt', () => l10n.t('uses the key to encrypt up to 4 KB of data'), 'keyId* plaintext* encryptionContext grantTokens encryptionAlgorithm dryRun', 'ciphertextBlob keyId encryptionAlgorithm', RO),
  op('GenerateDataKey', () => l10n.t('uses the key to create a data key, returned both in plaintext and encrypted under the key (envelope encryption)'), 'keyId* encryptionContext numberOfBytes keySpec grantTokens recipient dryRun', 'ciphertextBlob plaintext keyId ciphertextForRecipient keyMaterialId', RO),
  op('GenerateDataKeyPair', () => l10n.t('uses the key to create a data key pair; the private key is returned in plaintext and encrypted'), 'encryptionContext keyId* keyPairSpec* grantTokens recipient dryRun', 'privateKeyCiphertextBlob privateKeyPlaintext publicKey keyId keyPairSpec ciphertextForRecipient keyMaterialId', RO),
  op('GenerateDataKeyPairWithoutPlaintext', () => l10n.t('uses the key to create a data key pair whose private key is returned only encrypted'), 'encryptionContext keyId* keyPairSpec* grantTokens dryRun', 'privateKeyCiphertextBlob publicKey keyId keyPairSpec keyMaterialId', RO),
  op('GenerateDataKeyWithoutPlaintext', () => l10n.t('uses the key to create a data key returned only encrypted (decrypted later, when needed)'), 'keyId* encryptionContext keySpec numberOfBytes grantTokens dryRun', 'ciphertextBlob keyId keyMaterialId', RO),
  op('GenerateMac', () => l10n.t('uses the HMAC key to compute a MAC of a message'), 'message* keyId* macAlgorithm* grantTokens dryRun', 'mac macAlgorithm keyId', RO),
  op('GenerateRandom', () => l10n.t('returns random bytes; it uses no key'), 'numberOfBytes customKeyStoreId recipient', 'plaintext ciphertextForRecipient', RO),
  op('GetKeyLastUsage', () => l10n.t('reads when the key was last used'), 'keyId*', 'keyId keyLastUsage trackingStartDate keyCreationDate', RO),
  op('GetKeyPolicy', () => l10n.t('reads the key policy'), 'keyId* policyName', 'policy policyName', RO),
  op('GetKeyRotationStatus', () => l10n.t('reads whether automatic rotation is on'), 'keyId*', 'keyRotationEnabled keyId rotationPeriodInDays nextRotationDate onDemandRotationStartDate', RO),
  op('GetParametersForImport', () => l10n.t('gets a public key and an import token to import key material into the key'), 'keyId* wrappingAlgorithm* wrappingKeySpec*', 'keyId importToken publicKey parametersValidTo', RO),
  op('GetPublicKey', () => l10n.t('reads the public key of an asymmetric key'), 'keyId* grantTokens', 'keyId publicKey customerMasterKeySpec keySpec keyUsage encryptionAlgorithms signingAlgorithms keyAgreementAlgorithms', RO),
  op('ImportKeyMaterial', () => l10n.t('imports key material into an EXTERNAL-origin key'), 'keyId* importToken* encryptedKeyMaterial* validTo expirationModel importType keyMaterialDescription keyMaterialId', 'keyId keyMaterialId'),
  op('ListAliases', () => l10n.t('lists aliases'), 'keyId limit marker', 'aliases nextMarker truncated', RO),
  op('ListGrants', () => l10n.t('lists the grants of the key'), 'limit marker keyId* grantId granteePrincipal granteeServicePrincipal', 'grants nextMarker truncated', RO),
  op('ListKeyPolicies', () => l10n.t('lists the names of the key\'s policies (always `default`)'), 'keyId* limit marker', 'policyNames nextMarker truncated', RO),
  op('ListKeyRotations', () => l10n.t('lists the rotations of the key material'), 'keyId* includeKeyMaterial limit marker', 'rotations nextMarker truncated', RO),
  op('ListKeys', () => l10n.t('lists the keys of the account and Region'), 'limit marker', 'keys nextMarker truncated', RO),
  op('ListResourceTags', () => l10n.t('lists the key\'s tags'), 'keyId* limit marker', 'tags nextMarker truncated', RO),
  op('ListRetirableGrants', () => l10n.t('lists the grants a principal may retire'), 'limit marker retiringPrincipal retiringServicePrincipal', 'grants nextMarker truncated', RO),
  op('PutKeyPolicy', () => l10n.t('replaces the key policy: this changes who can use and manage the key'), 'keyId* policyName policy* bypassPolicyLockoutSafetyCheck', ''),
  op('ReEncrypt', () => l10n.t('decrypts data with one key and re-encrypts it with another (or the same) key, without exposing the plaintext'), 'ciphertextBlob sourceEncryptionContext sourceKeyId destinationKeyId* destinationEncryptionContext sourceEncryptionAlgorithm destinationEncryptionAlgorithm grantTokens dryRun dryRunModifiers', 'ciphertextBlob sourceKeyId keyId sourceEncryptionAlgorithm destinationEncryptionAlgorithm sourceKeyMaterialId destinationKeyMaterialId', { iamActions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'], readOnly: true }),
  op('ReplicateKey', () => l10n.t('creates a replica of the multi-Region key in another Region'), 'keyId* replicaRegion* policy bypassPolicyLockoutSafetyCheck description tags', 'replicaKeyMetadata replicaPolicy replicaTags'),
  op('RetireGrant', () => l10n.t('retires a grant: the permissions it gave end (CloudTrail logs requestParameters as null and the grant id in additionalEventData)'), 'grantToken keyId grantId dryRun', ''),
  op('RevokeGrant', () => l10n.t('revokes a grant: the permissions it gave end'), 'keyId* grantId* dryRun', ''),
  op('RotateKeyOnDemand', () => l10n.t('rotates the key material now (at most 25 times per key); the automatic schedule is unchanged'), 'keyId*', 'keyId'),
  op('ScheduleKeyDeletion', () => l10n.t('schedules the key for deletion after a waiting period of 7 to 30 days; after that the key and everything encrypted under it are lost for good'), 'keyId* pendingWindowInDays', 'keyId deletionDate keyState pendingWindowInDays'),
  op('Sign', () => l10n.t('uses the asymmetric key to sign a message'), 'keyId* message* messageType grantTokens signingAlgorithm* dryRun', 'keyId signature signingAlgorithm', RO),
  op('TagResource', () => l10n.t('adds or changes tags on the key; tags can grant or deny access through ABAC'), 'keyId* tags*', ''),
  op('UntagResource', () => l10n.t('removes tags from the key; this can change access through ABAC'), 'keyId* tagKeys*', ''),
  op('UpdateAlias', () => l10n.t('points an alias at another key; callers that use the alias now use the other key'), 'aliasName* targetKeyId*', ''),
  op('UpdateCustomKeyStore', () => l10n.t('changes the settings of a custom key store'), 'customKeyStoreId* newCustomKeyStoreName keyStorePassword cloudHsmClusterId clusterId xksProxyUriEndpoint xksProxyUriPath xksProxyVpcEndpointServiceName xksProxyVpcEndpointServiceOwner xksProxyAuthenticationCredential xksProxyConnectivity', ''),
  op('UpdateKeyDescription', () => l10n.t('changes the key\'s description'), 'keyId* description*', ''),
  op('UpdatePrimaryRegion', () => l10n.t('makes a replica of the multi-Region key the primary key'), 'keyId* primaryRegion*', ''),
  op('Verify', () => l10n.t('uses the asymmetric key to verify a signature'), 'keyId* message* messageType signature* signingAlgorithm* grantTokens dryRun', 'keyId signatureValid signingAlgorithm', RO),
  op('VerifyMac', () => l10n.t('uses the HMAC key to verify a MAC'), 'message* keyId* macAlgorithm* mac* grantTokens dryRun', 'keyId macValid macAlgorithm', RO),
  // Logged by KMS, not called by anyone ([F] section 6, [G] ct-*.md).
  op('RotateKey', () => l10n.t('KMS rotated the key material (automatic or on-demand rotation)'), '', 'keyId', { iamActions: [], serviceEvent: true }),
  op('DeleteKey', () => l10n.t('KMS deleted the key at the end of its waiting period: everything encrypted under it can no longer be decrypted'), '', 'keyId', { iamActions: [], serviceEvent: true }),
  op('DeleteExpiredKeyMaterial', () => l10n.t('KMS deleted imported key material that had expired: the key is unusable until material is imported again'), '', 'keyId', { iamActions: [], serviceEvent: true }),
  op('SynchronizeMultiRegionKey', () => l10n.t('KMS synchronised the shared properties of a multi-Region key with its replicas'), '', 'keyId', { iamActions: ['kms:SynchronizeMultiRegionKey'] }),
];

export const KMS_OPERATION_BY_NAME: ReadonlyMap<string, KmsOperation> = new Map(KMS_OPERATIONS.map((o) => [o.name, o]));

/** KMS error codes ([B] error shapes) and what they mean for the person reading the log (getters: worded when read, in the user's language). */
export const KMS_ERROR_CODES: Readonly<Record<string, string>> = {
  get AccessDenied() { return l10n.t('the caller was not allowed to do this: neither the key policy, an IAM policy nor a grant allowed it (or a Deny matched)'); },
  get AccessDeniedException() { return l10n.t('the caller was not allowed to do this: neither the key policy, an IAM policy nor a grant allowed it (or a Deny matched)'); },
  get DryRunOperationException() { return l10n.t('the call was a dry run and would have succeeded: permissions and parameters were checked, nothing was done'); },
  get AlreadyExistsException() { return l10n.t('the alias or resource already exists'); },
  get DependencyTimeoutException() { return l10n.t('KMS timed out reaching a service it depends on; the call can be retried'); },
  get DisabledException() { return l10n.t('the key is disabled'); },
  get ExpiredImportTokenException() { return l10n.t('the import token has expired; get new import parameters'); },
  get IncorrectKeyException() { return l10n.t('the ciphertext was not encrypted under the key named in the request'); },
  get IncorrectKeyMaterialException() { return l10n.t('the imported key material is not the material previously imported into the key'); },
  get InvalidAliasNameException() { return l10n.t('the alias name is not valid (or uses the reserved `alias/aws/` prefix)'); },
  get InvalidArnException() { return l10n.t('an ARN in the request is not valid'); },
  get InvalidCiphertextException() { return l10n.t('the ciphertext, its encryption context or its grant constraints do not match: often a wrong encryption context'); },
  get InvalidGrantIdException() { return l10n.t('the grant id is not valid'); },
  get InvalidGrantTokenException() { return l10n.t('the grant token is not valid'); },
  get InvalidImportTokenException() { return l10n.t('the import token is not valid for this key'); },
  get InvalidKeyUsageException() { return l10n.t('the key cannot be used for this operation (wrong key usage or key spec, e.g. Sign with a symmetric key)'); },
  get InvalidMarkerException() { return l10n.t('the pagination marker is not valid'); },
  get KMSInternalException() { return l10n.t('an internal error in KMS; the call can be retried'); },
  get KMSInvalidMacException() { return l10n.t('the MAC did not verify'); },
  get KMSInvalidSignatureException() { return l10n.t('the signature did not verify'); },
  get KMSInvalidStateException() { return l10n.t('the key is not in a state that allows this operation (e.g. pending deletion, pending import, or its custom key store is disconnected)'); },
  get KeyUnavailableException() { return l10n.t('the key is unavailable (e.g. its custom key store cannot be reached)'); },
  get LimitExceededException() { return l10n.t('a quota was exceeded (e.g. 50,000 grants per key, or the request rate)'); },
  get MalformedPolicyDocumentException() { return l10n.t('the key policy is not valid, or would lock the caller out of the key'); },
  get NotFoundException() { return l10n.t('the key, alias or grant does not exist (or is not visible to the caller)'); },
  get TagException() { return l10n.t('the tags are not valid'); },
  get UnsupportedOperationException() { return l10n.t('the operation is not supported for this key (e.g. rotation of an asymmetric or imported key)'); },
  get ValidationException() { return l10n.t('a parameter is not valid (e.g. two grant constraints, or a value out of range)'); },
  get ThrottlingException() { return l10n.t('the request rate was too high'); },
  get CloudHsmClusterInvalidConfigurationException() { return l10n.t('the CloudHSM cluster is not configured as KMS needs'); },
  get CloudHsmClusterNotActiveException() { return l10n.t('the CloudHSM cluster is not active'); },
  get CustomKeyStoreInvalidStateException() { return l10n.t('the custom key store is not in a state that allows this operation'); },
  get CustomKeyStoreNotFoundException() { return l10n.t('the custom key store does not exist'); },
  get XksKeyNotFoundException() { return l10n.t('the external key manager does not have the key'); },
  get XksProxyUriUnreachableException() { return l10n.t('KMS could not reach the external key store proxy'); },
};

export const DRY_RUN_ERROR = 'DryRunOperationException';
