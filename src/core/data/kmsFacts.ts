/**
 * KMS facts that the Service Authorization Reference data lacks, kept by hand.
 * Sources (see shared/reference/kms-facts.md for the full notes):
 *  [B] botocore's KMS service model (boto/botocore data/kms/2014-11-01/service-2.json): enums, grant operations.
 *  [G] the AWS KMS Developer Guide: conditions-kms.md, key-policy-default.md, grant-manage.md.
 *  [P] botocore partitions.json / endpoints.json: partitions and Regions.
 */

/** [B] GrantOperation: the only operations a grant may allow. */
export const GRANT_OPERATIONS = [
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
  'Sign', 'Verify', 'GetPublicKey', 'CreateGrant', 'RetireGrant', 'DescribeKey', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret',
] as const;

/** [B] enums, by the name used in the API (and in CloudTrail, in camelCase fields). */
export const KMS_ENUMS = {
  KeySpec: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519', 'SYMMETRIC_DEFAULT', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87'],
  KeyUsage: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'],
  KeyOrigin: ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'],
  EncryptionAlgorithm: ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'],
  SigningAlgorithm: ['RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512', 'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512', 'SM2DSA', 'ML_DSA_SHAKE_256', 'ED25519_SHA_512', 'ED25519_PH_SHA_512'],
  MacAlgorithm: ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'],
  MessageType: ['RAW', 'DIGEST', 'EXTERNAL_MU'],
  DataKeyPairSpec: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2', 'ECC_NIST_EDWARDS25519'],
  /** GenerateDataKey / GenerateDataKeyWithoutPlaintext `KeySpec` (the data key, not the KMS key). */
  DataKeySpec: ['AES_256', 'AES_128'],
  WrappingAlgorithm: ['RSAES_PKCS1_V1_5', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256', 'SM2PKE'],
  WrappingKeySpec: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2'],
  ExpirationModel: ['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE'],
  KeyAgreementAlgorithm: ['ECDH'],
  GrantConstraintType: ['EncryptionContextEquals', 'EncryptionContextSubset'],
  MultiRegionKeyType: ['PRIMARY', 'REPLICA'],
  KeyState: ['Creating', 'Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'PendingReplicaDeletion', 'Unavailable', 'Updating'],
  RotationType: ['AUTOMATIC', 'ON_DEMAND'],
  GrantOperation: [...GRANT_OPERATIONS],
} as const;

export type KmsEnumName = keyof typeof KMS_ENUMS;

/** [G] conditions-kms.md: the enum each KMS condition key's values come from. */
export const CONDITION_KEY_ENUMS: Readonly<Record<string, KmsEnumName>> = {
  'kms:KeySpec': 'KeySpec',
  'kms:KeyUsage': 'KeyUsage',
  'kms:KeyOrigin': 'KeyOrigin',
  'kms:EncryptionAlgorithm': 'EncryptionAlgorithm',
  'kms:SigningAlgorithm': 'SigningAlgorithm',
  'kms:MacAlgorithm': 'MacAlgorithm',
  'kms:MessageType': 'MessageType',
  'kms:DataKeyPairSpec': 'DataKeyPairSpec',
  'kms:WrappingAlgorithm': 'WrappingAlgorithm',
  'kms:WrappingKeySpec': 'WrappingKeySpec',
  'kms:ExpirationModel': 'ExpirationModel',
  'kms:KeyAgreementAlgorithm': 'KeyAgreementAlgorithm',
  'kms:GrantConstraintType': 'GrantConstraintType',
  'kms:MultiRegionKeyType': 'MultiRegionKeyType',
  'kms:GrantOperations': 'GrantOperation',
};

/**
 * [G] key-policy-default.md, grant-manage.md: actions that have no effect in a
 * key policy (they are not on a key, or KMS ignores them there).
 */
export const IAM_ONLY_ACTIONS = [
  'CreateKey', 'ListAliases', 'ListKeys', 'ListRetirableGrants', 'GenerateRandom',
  'ConnectCustomKeyStore', 'CreateCustomKeyStore', 'DeleteCustomKeyStore', 'DescribeCustomKeyStores', 'DisconnectCustomKeyStore', 'UpdateCustomKeyStore',
] as const;

/** [G] grant-manage.md: `kms:RetireGrant` in an Allow of a key policy has no effect (retiring is authorised by the grant). */
export const NOT_EFFECTIVE_IN_KEY_POLICY_ALLOW = ['RetireGrant'] as const;

/** [G] "These condition keys are not permitted in a key policy" (awsdocs/aws-kms-developer-guide PR #47). */
export const KEY_POLICY_FORBIDDEN_CONDITION_KEYS = ['kms:ResourceAliases', 'aws:ResourceTag/*'] as const;

/** Actions that change who controls the key; granted to anyone but an administrator, they deserve a second look. */
export const PERMISSIONS_MANAGEMENT_ACTIONS = ['PutKeyPolicy', 'CreateGrant', 'RevokeGrant', 'RetireGrant', 'ScheduleKeyDeletion', 'DisableKey', 'DeleteImportedKeyMaterial', 'UpdatePrimaryRegion', 'ReplicateKey'] as const;

export interface Partition {
  name: string;
  dnsSuffix: string;
  regions: readonly string[];
}

/** [P] partitions and Regions; KMS has an endpoint in each. */
export const PARTITIONS: readonly Partition[] = [
  {
    name: 'aws',
    dnsSuffix: 'amazonaws.com',
    regions: [
      'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
      'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
      'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
      'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
    ],
  },
  { name: 'aws-cn', dnsSuffix: 'amazonaws.com.cn', regions: ['cn-north-1', 'cn-northwest-1'] },
  { name: 'aws-us-gov', dnsSuffix: 'amazonaws.com', regions: ['us-gov-east-1', 'us-gov-west-1'] },
  { name: 'aws-iso', dnsSuffix: 'c2s.ic.gov', regions: ['us-iso-east-1', 'us-iso-west-1'] },
  { name: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov', regions: ['us-isob-east-1', 'us-isob-west-1'] },
  { name: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk', regions: ['eu-isoe-west-1'] },
  { name: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov', regions: ['us-isof-east-1', 'us-isof-south-1'] },
  { name: 'aws-eusc', dnsSuffix: 'amazonaws.eu', regions: ['eusc-de-east-1'] },
];

export const ALL_REGIONS: readonly string[] = PARTITIONS.flatMap((p) => p.regions);

export function partitionOfRegion(region: string): Partition | undefined {
  return PARTITIONS.find((p) => p.regions.includes(region));
}

export function isKnownPartition(name: string): boolean {
  return PARTITIONS.some((p) => p.name === name);
}

/**
 * [G] conditions-kms.md (2023 table; the live list is longer): services that
 * support `kms:ViaService`, by the first label of `<service>.<region>.amazonaws.com`.
 * Deadline Cloud (`deadline`) and Fargate are from their own guides; Amazon Q
 * Developer (`q`, its guide's key policy for third-party integrations) and IAM
 * Identity Center (`sso`, `identitystore`, its guide's customer managed key
 * policy) from theirs.
 */
export const VIA_SERVICE_NAMES = [
  'airflow', 'appflow', 'apprunner', 'athena', 'auditmanager', 'backup', 'backup-gateway', 'cassandra', 'codeartifact', 'codeguru-reviewer',
  'comprehend', 'connect', 'deadline', 'directoryservice', 'dms', 'dynamodb', 'ec2', 'ecr', 'eks', 'elasticache', 'elasticfilesystem', 'es',
  'finspace', 'firehose', 'forecast', 'fsx', 'geo', 'glue', 'groundstation', 'healthlake', 'identitystore', 'importexport', 'iotsitewise', 'kafka', 'kendra',
  'kinesis', 'kinesisvideo', 'lambda', 'lex', 'license-manager', 'lookoutequipment', 'lookoutmetrics', 'lookoutvision', 'macie',
  'malware-protection', 'managedblockchain', 'mediatailor', 'memorydb', 'mgn', 'monitron', 'mq', 'nimble', 'omics', 'profile', 'proton', 'q', 'qldb',
  'rds', 'redshift', 'redshift-serverless', 'rekognition', 's3', 'sagemaker', 'secretsmanager', 'ses', 'sns', 'sqlworkbench', 'sqs', 'ssm', 'sso',
  'ssm-contacts', 'ssm-incidents', 'storagegateway', 'timestream', 'translate', 'wisdom', 'workmail', 'workspaces', 'workspaces-web', 'xray',
] as const;

/** Deadline Cloud's documented minimum KMS permissions (Deadline Cloud developer guide, key management). */
export const DEADLINE_ACTION_SETS = {
  CreateFarm: ['Decrypt', 'GenerateDataKey', 'CreateGrant', 'DescribeKey'],
  'read-only': ['Decrypt', 'DescribeKey'],
  'read-write': ['Decrypt', 'DescribeKey', 'GenerateDataKey'],
} as const;

/** Key policy document size limit, in bytes ([G] resource-limits.md; not adjustable). */
export const KEY_POLICY_MAX_BYTES = 32 * 1024;

/**
 * [B] PutKeyPolicyRequest / CreateKeyRequest `Policy` pattern `[\u0009\u000A\u000D\u0020-\u00FF]+`:
 * a key policy may hold only tab, line feed, carriage return and U+0020 to U+00FF.
 */
export const KEY_POLICY_ALLOWED_CHARACTERS = '\\t\\n\\r\\u0020-\\u00FF';

/**
 * [G] conditions-kms.md (kms:ViaService table): the endpoint name a product uses in
 * `kms:ViaService` when it differs from the product's name (EBS calls KMS as `ec2`;
 * RDS, Aurora, Neptune and DocumentDB as `rds`; EFS as `elasticfilesystem`; OpenSearch as `es`;
 * MSK as `kafka`; Keyspaces as `cassandra`; MWAA as `airflow`).
 */
export const VIA_SERVICE_ENDPOINT_NAMES: Readonly<Record<string, string>> = {
  ebs: 'ec2', efs: 'elasticfilesystem', aurora: 'rds', neptune: 'rds', docdb: 'rds', documentdb: 'rds', opensearch: 'es', elasticsearch: 'es', msk: 'kafka', keyspaces: 'cassandra', mwaa: 'airflow',
};
