/**
 * A 30-statement key policy for the access benchmark, in the shape real key
 * policies take: the root delegation, administrators, a usage statement per
 * application role with encryption-context and network conditions, the AWS
 * managed key pattern (Principal "*" with kms:CallerAccount and
 * kms:ViaService), grants for AWS resources, another account, and denies. Its
 * roles and context keys are those of generateLog.ts, so statements match,
 * miss and half-match the log's events as they would in a real account.
 */
const ACCOUNT = '111122223333';

export function thirtyStatementPolicy(): string {
  const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const statements: unknown[] = [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
    { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: role('KeyAdmin') }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' },
  ];
  for (let i = 0; i < 20; i++) {
    statements.push({
      Sid: `AllowUseByRole${i}`,
      Effect: 'Allow',
      Principal: { AWS: role(`role-${i}`) },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:EncryptionContext:aws:ecs:clusterName': `cluster-${i % 5}`, 'kms:CallerAccount': ACCOUNT },
        IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' },
      },
    });
  }
  statements.push(
    { Sid: 'Allow attachment of persistent resources', Effect: 'Allow', Principal: { AWS: [role('role-0'), role('role-1'), role('role-2')] }, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'Encrypt'] }, StringLike: { 'kms:GranteePrincipal': 'fargate.*.amazonaws.com' } } },
    { Sid: 'Allow access through S3 for the account', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 's3.us-west-2.amazonaws.com' } } },
    { Sid: 'Allow account 444455556666 to decrypt', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
    { Sid: 'Allow retiring principals', Effect: 'Allow', Principal: { AWS: [role('role-3'), role('role-4')] }, Action: 'kms:RetireGrant', Resource: '*' },
    { Sid: 'Deny other accounts', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'kms:CallerAccount': [ACCOUNT, '444455556666'] } } },
    { Sid: 'Deny deletion without MFA', Effect: 'Deny', Principal: '*', Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
    { Sid: 'Deny policy changes except by admins', Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': role('KeyAdmin') } } },
    { Sid: 'Deny foreign encryption contexts', Effect: 'Deny', Principal: '*', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'kms:EncryptionContext:aws:ecs:clusterAccount': ACCOUNT } } },
  );
  if (statements.length !== 30) throw new Error(`expected 30 statements, made ${statements.length}`);
  return JSON.stringify({ Version: '2012-10-17', Id: 'bench-30', Statement: statements }, null, 2);
}
