/**
 * A small key, its policy and a log of calls on it, for the tests of what
 * users get from the evaluator (simulate, access summary, drift, unused
 * access, generated policies). Each event is built to have one known
 * outcome under KEY_POLICY; the tests say which.
 */
export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';
export const KEY = `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const ORDERS_ROLE = `arn:aws:iam::${ACCOUNT}:role/OrdersService`;
export const WORKER_ROLE = `arn:aws:iam::${ACCOUNT}:role/Worker`;
export const GRANT_ID = 'a'.repeat(64);

export const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'AllowOrders',
      Effect: 'Allow',
      Principal: { AWS: ORDERS_ROLE },
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:CreateGrant'],
      Resource: '*',
    },
    {
      Sid: 'DenyOutsideDynamo',
      Effect: 'Deny',
      Principal: { AWS: ORDERS_ROLE },
      Action: 'kms:Encrypt',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'kms:ViaService': 'dynamodb.us-west-2.amazonaws.com' } },
    },
  ],
};

function session(role: string, name: string): Record<string, unknown> {
  const roleName = role.slice(role.lastIndexOf('/') + 1);
  const account = role.split(':')[4];
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE${roleName.toUpperCase()}:${name}`,
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${name}`,
    accountId: account,
    sessionContext: { sessionIssuer: { type: 'Role', arn: role, accountId: account, userName: roleName }, attributes: { mfaAuthenticated: 'false', creationDate: '2024-03-01T00:00:00Z' } },
  };
}

let n = 0;
export function kmsEvent(name: string, identity: Record<string, unknown>, time: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    eventVersion: '1.08',
    userIdentity: identity,
    eventTime: time,
    eventSource: 'kms.amazonaws.com',
    eventName: name,
    awsRegion: 'us-west-2',
    sourceIPAddress: '192.0.2.10',
    userAgent: 'aws-cli/2',
    requestParameters: { keyId: KEY, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    responseElements: null,
    requestID: `req-${n}`,
    eventID: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    readOnly: true,
    resources: [{ accountId: identity.accountId ?? ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY }],
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...extra,
  };
}

export const ORDERS = session(ORDERS_ROLE, 'orders-1');
export const WORKER = session(WORKER_ROLE, 'worker-1');
export const OUTSIDER = session(`arn:aws:iam::${OTHER}:role/Intruder`, 'x');
export const BOB = { type: 'IAMUser', principalId: 'AIDAEXAMPLEBOB', arn: `arn:aws:iam::${ACCOUNT}:user/Bob`, accountId: ACCOUNT, accessKeyId: 'AKIAEXAMPLE', userName: 'Bob' };

/** Events whose outcome under KEY_POLICY holds no contradiction. */
export function consistentEvents(): Record<string, unknown>[] {
  return [
    // Allowed by AllowOrders (index 1).
    kmsEvent('Decrypt', ORDERS, '2024-03-01T10:00:00Z', { requestParameters: { keyId: KEY, encryptionContext: { app: 'orders' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } }),
    // Up to Bob's IAM policies, which are not loaded.
    kmsEvent('DescribeKey', BOB, '2024-03-01T10:05:00Z'),
    // Orders grants Worker Decrypt; Worker then decrypts through the grant.
    kmsEvent('CreateGrant', ORDERS, '2024-03-01T11:00:00Z', {
      readOnly: false,
      requestParameters: { keyId: KEY, granteePrincipal: WORKER_ROLE, operations: ['Decrypt'] },
      responseElements: { grantId: GRANT_ID, keyId: KEY },
    }),
    kmsEvent('Decrypt', WORKER, '2024-03-01T12:00:00Z', { requestParameters: { keyId: KEY, encryptionContext: { app: 'orders' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } }),
    // Denied explicitly by DenyOutsideDynamo (a direct call), and refused indeed.
    kmsEvent('Encrypt', ORDERS, '2024-03-01T13:00:00Z', { errorCode: 'AccessDenied', errorMessage: 'not authorized' }),
  ];
}

/** A call from another account that the policy does not allow, yet it succeeded. */
export function outsiderDecrypt(): Record<string, unknown> {
  return kmsEvent('Decrypt', OUTSIDER, '2024-03-02T09:00:00Z');
}

/** A Decrypt by Orders that AllowOrders allows, yet it was refused as not authorised. */
export function refusedOrdersDecrypt(): Record<string, unknown> {
  return kmsEvent('Decrypt', ORDERS, '2024-03-02T10:00:00Z', { errorCode: 'AccessDenied', errorMessage: 'not authorized' });
}

export function log(events: readonly unknown[]): string {
  return JSON.stringify({ Records: events }, null, 2);
}
