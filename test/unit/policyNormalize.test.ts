/** The normalised statement model that rules (and the future policy/log evaluator) read. */
import * as assert from 'node:assert/strict';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { policiesOf } from '../../src/core/policy/locate';
import { coversAction, normalized, type NormalizedStatement } from '../../src/core/policy/normalize';
import { parseOperator } from '../../src/core/policy/operators';
import { ACCOUNT, JSON_HINTS } from './policyHelpers';

function statements(text: string): NormalizedStatement[] {
  const [policy] = policiesOf(buildModel(text, JSON_HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
  return normalized(policy);
}

const names = (s: NormalizedStatement): string[] => [...s.kmsActions].map((a) => a.name).sort();

describe('normalised statements', () => {
  it('expands action wildcards case-insensitively, and inverts NotAction', () => {
    const [a, b] = statements(`{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":{"AWS":"${ACCOUNT}"},"Action":["kms:get*","kms:ReEncrypt*"],"Resource":"*"},
      {"Effect":"Deny","Principal":"*","NotAction":["kms:Decrypt","kms:Describe*"],"Resource":"*"}]}`);
    assert.deepEqual(names(a), ['GetKeyLastUsage', 'GetKeyPolicy', 'GetKeyRotationStatus', 'GetParametersForImport', 'GetPublicKey', 'ReEncryptFrom', 'ReEncryptTo']);
    assert.ok(coversAction(b, 'Encrypt') && !coversAction(b, 'Decrypt') && !coversAction(b, 'DescribeKey') && !coversAction(b, 'DescribeCustomKeyStores'));
    assert.equal(b.effect, 'Deny');
    assert.equal(b.actionElement, 'NotAction');
  });

  it('classifies principals by kind and account', () => {
    const [s] = statements(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":["${ACCOUNT}","arn:aws:iam::${ACCOUNT}:root","arn:aws:iam::${ACCOUNT}:role/path/App",
      "arn:aws:sts::${ACCOUNT}:assumed-role/App/s1","arn:aws:iam::${ACCOUNT}:user/Alice","*"],"Service":"logs.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}]}`);
    assert.deepEqual(s.principals.map((p) => [p.kind, p.account ?? '', p.name ?? '']), [
      ['account', ACCOUNT, ''], ['root', ACCOUNT, ''], ['role', ACCOUNT, 'App'], ['assumedRole', ACCOUNT, 'App'], ['user', ACCOUNT, 'Alice'], ['wildcard', '', ''], ['service', '', ''],
    ]);
  });

  it('parses resource ARNs, repairing the arn:aws::kms: shift', () => {
    const [s] = statements(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":["arn:aws::kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab","*"]}]}`);
    const [shifted, star] = s.resources;
    assert.equal(shifted.repaired, `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    assert.deepEqual([shifted.arn?.service.value, shifted.arn?.region.value, shifted.arn?.resourceType], ['kms', 'us-west-2', 'key']);
    assert.equal(star.arn, undefined);
  });

  it('parses condition operators and looks up condition keys', () => {
    const [s] = statements(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"*","Condition":{
      "ForAllValues:StringLikeIfExists":{"kms:GrantOperations":["Decrypt"]},"Bool":{"kms:GrantIsForAWSResource":true},"StringEquals":{"kms:EncryptionContext:app":"x"}}}]}`);
    assert.deepEqual(s.conditions.map((c) => [c.op.set ?? '', c.op.base, c.op.ifExists, c.key?.key, c.key?.type]), [
      ['ForAllValues', 'StringLike', true, 'kms:GrantOperations', 'ArrayOfString'],
      ['', 'Bool', false, 'kms:GrantIsForAWSResource', 'Bool'],
      ['', 'StringEquals', false, 'kms:EncryptionContext:${EncryptionContextKey}', 'String'],
    ]);
  });

  it('reads a Fn::Sub principal as the root of an unknown account, and a Ref list as opaque', () => {
    const template = `{"Resources":{"K":{"Type":"AWS::KMS::Key","Properties":{"KeyPolicy":{"Statement":[{"Effect":"Allow","Principal":{"AWS":{"Fn::Sub":"arn:aws:iam::\${AWS::AccountId}:root"}},"Action":"kms:*","Resource":"*"},
      {"Effect":"Allow","Principal":{"AWS":{"Ref":"KeyUsers"}},"Action":{"Ref":"UserActions"},"Resource":"*"}]}}}}}`;
    const [root, users] = statements(template);
    assert.deepEqual(root.opaque, { actions: false, principals: false, resources: false, conditions: false });
    assert.deepEqual(root.principals.map((p) => [p.kind, p.account]), [['root', '${AWS::AccountId}']]);
    assert.deepEqual(users.opaque, { actions: true, principals: true, resources: false, conditions: false });
  });
});

describe('condition operators', () => {
  it('accepts every family with IfExists and set prefixes, and rejects what AWS rejects', () => {
    for (const op of ['StringEquals', 'StringNotLikeIfExists', 'ForAnyValue:StringLike', 'ForAllValues:ArnLikeIfExists', 'NumericGreaterThanEquals', 'DateLessThan', 'Bool', 'BinaryEquals', 'NotIpAddress', 'Null']) {
      assert.ok(parseOperator(op).valid, op);
    }
    for (const op of ['StringEqual', 'stringEquals', 'ForAnyValues:StringLike', 'NullIfExists', 'IfExists', 'Equals']) {
      assert.ok(!parseOperator(op).valid, op);
    }
    assert.equal(parseOperator('NullIfExists').problem, 'nullIfExists');
  });
});
