/**
 * Correct KMS idioms raise nothing: the false alarms users complain about in
 * other scanners (root kms:* delegation, Resource "*", Deny with Principal "*",
 * "AWS": "*" narrowed by kms:CallerAccount, service principals narrowed by
 * aws:SourceArn) must stay silent; documentation placeholders are one
 * information finding each.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { fixture } from './helpers';
import { ACCOUNT, JSON_HINTS, ROOT } from './policyHelpers';

const policy = (...statements: string[]): string => `{"Version":"2012-10-17","Id":"key-consolepolicy-3","Statement":[${statements.join(',')}]}`;
const all = (text: string): string[] => analyze(text, JSON_HINTS).findings.map((f) => `${f.severity} ${f.code}: ${f.message}`);

describe('correct KMS idioms', () => {
  it('the default key policy (root delegation with kms:* on "*") raises nothing', () => {
    assert.deepEqual(all(policy(ROOT)), []);
  });

  it('the console key policy for administrators, users and persistent resources raises nothing', () => {
    const text = fixture('corpus', 'awsdocs', 'key-policy-overview-3.json').replace(/111122223333/g, ACCOUNT).replace(/444455556666/g, '123450987654');
    assert.deepEqual(all(text), []);
  });

  it('a Deny with Principal "*" raises nothing', () => {
    assert.deepEqual(all(policy(ROOT, '{"Sid":"DenyPlainHttp","Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}')), []);
  });

  it('"AWS": "*" narrowed by kms:CallerAccount (the AWS managed key policies) raises nothing', () => {
    const managed = `{"Version":"2012-10-17","Id":"auto-ebs-2","Statement":[{"Sid":"Allow access through EBS for all principals in the account that are authorized to use EBS","Effect":"Allow","Principal":{"AWS":"*"},
      "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:CreateGrant","kms:DescribeKey"],"Resource":"*",
      "Condition":{"StringEquals":{"kms:ViaService":"ec2.us-west-2.amazonaws.com","kms:CallerAccount":"${ACCOUNT}"}}},
      {"Sid":"Allow direct access to key metadata to the account","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":["kms:Describe*","kms:Get*","kms:List*","kms:RevokeGrant"],"Resource":"*"}]}`;
    assert.deepEqual(all(managed), []);
  });

  it('"Principal": "*" narrowed by aws:PrincipalOrgID raises nothing', () => {
    assert.deepEqual(all(policy(ROOT, '{"Effect":"Allow","Principal":"*","Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}')), []);
  });

  it('service principals narrowed by aws:SourceArn / aws:SourceAccount raise nothing', () => {
    const cloudTrail = `{"Sid":"Allow CloudTrail to encrypt logs","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*",
      "Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-west-2:${ACCOUNT}:trail/finance"},"StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:${ACCOUNT}:trail/*"}}}`;
    const logs = `{"Effect":"Allow","Principal":{"Service":"logs.us-west-2.amazonaws.com"},"Action":["kms:Encrypt*","kms:Decrypt*","kms:ReEncrypt*","kms:GenerateDataKey*","kms:Describe*"],"Resource":"*",
      "Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:us-west-2:${ACCOUNT}:*"},"StringEquals":{"aws:SourceAccount":"${ACCOUNT}"}}}`;
    assert.deepEqual(all(policy(ROOT, cloudTrail, logs)), []);
  });

  it('the documented Fargate ephemeral storage statements raise only their placeholder note', () => {
    const fargate = [
      '{"Sid":"Allow generate data key access for Fargate tasks.","Effect":"Allow","Principal":{"Service":"fargate.amazonaws.com"},"Action":["kms:GenerateDataKeyWithoutPlaintext"],"Condition":{"StringEquals":{"kms:EncryptionContext:aws:ecs:clusterAccount":["customerAccountId"],"kms:EncryptionContext:aws:ecs:clusterName":["clusterName"]}},"Resource":"*"}',
      '{"Sid":"Allow grant creation permission for Fargate tasks.","Effect":"Allow","Principal":{"Service":"fargate.amazonaws.com"},"Action":["kms:CreateGrant"],"Condition":{"StringEquals":{"kms:EncryptionContext:aws:ecs:clusterAccount":["customerAccountId"],"kms:EncryptionContext:aws:ecs:clusterName":["clusterName"]},"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt"]}},"Resource":"*"}',
      '{"Sid":"Allow describe key permission for cluster operator - CreateCluster and UpdateCluster.","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::customerAccountId:role/customer-chosen-role"},"Action":["kms:DescribeKey"],"Resource":"*"}',
    ];
    assert.deepEqual(all(policy(ROOT, ...fargate)), ['information policy-placeholder: "customerAccountId" is a placeholder: replace it with your account id.']);
  });

  it('a documentation placeholder is one information finding, never an error', () => {
    const text = fixture('workspace', 'policies', 'default-key-policy.json');
    const found = analyze(text, JSON_HINTS).findings;
    assert.deepEqual(found.map((f) => [f.code, f.severity, text.slice(f.start, f.end)]), [['policy-placeholder', 'information', '111122223333']]);
  });
});
