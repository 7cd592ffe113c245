/**
 * Generates realistic CloudTrail log files about KMS for benchmarks and load
 * tests: `{"Records":[...]}` on one minified line, as CloudTrail delivers them.
 * Deterministic for a given seed, so runs compare like with like.
 */

const OPERATIONS = ['Decrypt', 'GenerateDataKey', 'Encrypt', 'GenerateDataKeyWithoutPlaintext', 'DescribeKey', 'CreateGrant', 'RetireGrant', 'ReEncrypt'];
const REGIONS = ['us-west-2', 'us-east-1', 'eu-west-1'];

/** A small seeded generator (LCG): the same seed gives the same log, run after run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function hex(r: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += Math.floor(r() * 16).toString(16);
  return out;
}

function uuid(r: () => number): string {
  return `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`;
}

export function generateEvent(r: () => number, i: number, keys: string[]): Record<string, unknown> {
  const region = REGIONS[i % REGIONS.length];
  const account = '111122223333';
  const keyArn = `arn:aws:kms:${region}:${account}:key/${keys[Math.floor(r() * keys.length)]}`;
  const op = OPERATIONS[Math.floor(r() * OPERATIONS.length)];
  const time = new Date(Date.UTC(2024, 3, 20) + i * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const role = `role-${Math.floor(r() * 20)}`;
  const requestParameters: Record<string, unknown> = { keyId: keyArn, encryptionContext: { 'aws:ecs:clusterAccount': account, 'aws:ecs:clusterName': `cluster-${Math.floor(r() * 5)}` } };
  let responseElements: Record<string, unknown> | null = null;
  let requestOut: Record<string, unknown> | null = requestParameters;
  let additionalEventData: Record<string, unknown> | undefined;
  const resources = [{ accountId: account, type: 'AWS::KMS::Key', ARN: keyArn }];
  if (op === 'GenerateDataKey') requestParameters.keySpec = 'AES_256';
  // The shapes KMS really logs (KMS Developer Guide ct-*.md): DescribeKey takes only the key,
  // ReEncrypt names its destination key (and lists both keys), RetireGrant logs no parameters.
  if (op === 'DescribeKey') delete requestParameters.encryptionContext;
  if (op === 'ReEncrypt') {
    const destination = `arn:aws:kms:${region}:${account}:key/${keys[i % keys.length]}`;
    requestOut = { sourceEncryptionContext: requestParameters.encryptionContext, destinationKeyId: destination, destinationEncryptionContext: requestParameters.encryptionContext, sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', destinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    if (destination !== keyArn) resources.push({ accountId: account, type: 'AWS::KMS::Key', ARN: destination });
  }
  if (op === 'RetireGrant') {
    requestOut = null;
    additionalEventData = { grantId: hex(r, 64) };
    responseElements = { keyId: keyArn };
  }
  if (op === 'CreateGrant') {
    requestParameters.operations = ['Decrypt'];
    requestParameters.granteePrincipal = `fargate.${region}.amazonaws.com`;
    requestParameters.retiringPrincipal = `ec2.${region}.amazonaws.com`;
    requestParameters.constraints = { encryptionContextSubset: requestParameters.encryptionContext };
    delete requestParameters.encryptionContext;
    responseElements = { grantId: hex(r, 64), keyId: keyArn };
  }
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROA${hex(r, 16).toUpperCase()}:session-${i % 100}`,
      arn: `arn:aws:sts::${account}:assumed-role/${role}/session-${i % 100}`,
      accountId: account,
      accessKeyId: `ASIA${hex(r, 16).toUpperCase()}`,
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: `AROA${hex(r, 16).toUpperCase()}`, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role },
        attributes: { creationDate: time, mfaAuthenticated: 'false' },
      },
    },
    eventTime: time,
    eventSource: 'kms.amazonaws.com',
    eventName: op,
    awsRegion: region,
    sourceIPAddress: `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
    userAgent: 'aws-sdk-java/2.20.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/17',
    requestParameters: requestOut,
    responseElements,
    ...(additionalEventData ? { additionalEventData } : {}),
    requestID: uuid(r),
    eventID: uuid(r),
    readOnly: !['CreateGrant', 'RetireGrant'].includes(op),
    resources,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
  };
}

/** A `{"Records":[...]}` log of about `targetBytes` characters, one line. */
export function generateLog(targetBytes: number, seed = 1): string {
  const r = rng(seed);
  const keys = Array.from({ length: 8 }, () => uuid(r));
  const parts: string[] = [];
  let size = 13;
  for (let i = 0; size < targetBytes; i++) {
    const s = JSON.stringify(generateEvent(r, i, keys));
    parts.push(s);
    size += s.length + 1;
  }
  return `{"Records":[${parts.join(',')}]}`;
}
