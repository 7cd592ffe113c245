/**
 * Condition operators, from the IAM User Guide's examples. Each case gives the
 * page, the condition as the page writes it (inside a key policy statement,
 * since the evaluator decides KMS calls), the request, and the documented result.
 */
import * as assert from 'node:assert/strict';
import type { AccessRequest } from '../../src/core/access';
import { parseOperator, whenKeyAbsent } from '../../src/core/data/conditionOperators';
import { ACCT, allow, decide, deny, request, ROOT_STATEMENT, session, user, type Setup } from './accessHelpers';

const OPERATORS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';
const MULTIVALUED = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html';
const MULTIPLE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html';
const VARIABLES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';

const APP = { AWS: `arn:aws:iam::${ACCT}:role/App` };

/** A key policy with one statement allowing App to Decrypt under `condition`. */
function allowing(condition: unknown, version?: string): Setup {
  return { key: [allow(APP, 'kms:Decrypt', condition)], version };
}

function decision(s: Setup, r: Partial<AccessRequest>): string {
  return decide(s, request(r)).decision;
}

describe('access: condition operators (IAM User Guide examples)', () => {
  describe(`String operators (${OPERATORS}#Conditions_String)`, () => {
    const s = allowing({ StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } });
    it('allows a principal tagged job-category=iamuser-admin', () => {
      assert.equal(decision(s, { principalTags: { 'job-category': 'iamuser-admin' } }), 'allow');
    });
    it('denies a principal without the tag ("the condition returns false")', () => {
      assert.equal(decision(s, { principalTags: { team: 'x' } }), 'implicitDeny');
    });
    it('cannot tell when the principal\'s tags are not known (an event does not carry them)', () => {
      assert.equal(decision(s, {}), 'unknown');
    });
    it('StringEquals is case-sensitive, StringEqualsIgnoreCase is not', () => {
      assert.equal(decision(s, { principalTags: { 'job-category': 'IAMUSER-ADMIN' } }), 'implicitDeny');
      const ic = allowing({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } });
      assert.equal(decision(ic, { principalTags: { 'job-category': 'IAMUSER-ADMIN' } }), 'allow');
    });
    it('condition key names are not case-sensitive ("aws:CurrentTime is equivalent to AWS:currenttime")', () => {
      const upper = allowing({ StringEquals: { 'AWS:PRINCIPALTAG/JOB-CATEGORY': 'iamuser-admin' } });
      assert.equal(decision(upper, { principalTags: { 'job-category': 'iamuser-admin' } }), 'allow');
    });
    it('StringLike takes * and ? anywhere; StringEquals reads them literally', () => {
      const like = allowing({ StringLike: { 'kms:EncryptionContext:path': 'home/*/file-?.txt' } });
      assert.equal(decision(like, { encryptionContext: { path: 'home/carlos/file-1.txt' } }), 'allow');
      assert.equal(decision(like, { encryptionContext: { path: 'home/carlos/file-10.txt' } }), 'implicitDeny');
      const eq = allowing({ StringEquals: { 'kms:EncryptionContext:path': 'home/*' } });
      assert.equal(decision(eq, { encryptionContext: { path: 'home/carlos' } }), 'implicitDeny');
      assert.equal(decision(eq, { encryptionContext: { path: 'home/*' } }), 'allow');
    });
  });

  describe(`a key absent from the request (${OPERATORS}, "Important")`, () => {
    it('makes a positive operator false', () => {
      assert.equal(decision(allowing({ StringLike: { 'kms:EncryptionContext:team': '*' } }), {}), 'implicitDeny');
    });
    it('makes a negated operator (StringNotLike, ArnNotLike) true', () => {
      assert.equal(decision(allowing({ StringNotLike: { 'kms:EncryptionContext:team': 'x*' } }), {}), 'allow');
      assert.equal(decision(allowing({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket' } }), { context: { 'aws:SourceArn': null } }), 'allow');
    });
  });

  describe(`Numeric operators (${OPERATORS}#Conditions_Numeric)`, () => {
    const s = allowing({ NumericLessThanEquals: { 's3:max-keys': '10' } });
    it('allows up to 10, not 11, and not when the key is absent', () => {
      assert.equal(decision(s, { context: { 's3:max-keys': '10' } }), 'allow');
      assert.equal(decision(s, { context: { 's3:max-keys': '11' } }), 'implicitDeny');
      assert.equal(decision(s, { context: { 's3:max-keys': null } }), 'implicitDeny');
    });
    it('compares numbers, not text', () => {
      assert.equal(decision(allowing({ NumericGreaterThan: { 'kms:RotationPeriodInDays': 90 } }), { context: { 'kms:RotationPeriodInDays': '365' } }), 'allow');
      assert.equal(decision(allowing({ NumericEquals: { 'kms:RotationPeriodInDays': '90' } }), { context: { 'kms:RotationPeriodInDays': '90.0' } }), 'allow');
    });
    it('a value that is not a number cannot be read: cannot tell', () => {
      assert.equal(decision(allowing({ NumericEquals: { 'kms:RotationPeriodInDays': 'ninety' } }), { context: { 'kms:RotationPeriodInDays': '90' } }), 'unknown');
    });
  });

  describe(`Date operators (${OPERATORS}#Conditions_Date)`, () => {
    const s = allowing({ DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } });
    it('allows credentials issued after the date', () => {
      assert.equal(decision(s, { context: { 'aws:TokenIssueTime': '2020-06-01T00:00:00Z' } }), 'allow');
      assert.equal(decision(s, { context: { 'aws:TokenIssueTime': '2019-12-31T23:59:59Z' } }), 'implicitDeny');
    });
    it('denies an IAM user with long-term keys, which has no aws:TokenIssueTime', () => {
      assert.equal(decision(s, { principal: user('Carlos'), context: { 'aws:TokenIssueTime': null } }), 'implicitDeny');
    });
    it('reads epoch seconds as well as ISO 8601, and compares aws:CurrentTime with the request time', () => {
      const epoch = allowing({ DateLessThan: { 'aws:CurrentTime': '1735689600' } }); // 2025-01-01T00:00:00Z
      assert.equal(decision(epoch, { time: '2024-12-31T23:00:00Z' }), 'allow');
      assert.equal(decision(epoch, { time: '2025-01-01T00:00:00Z' }), 'implicitDeny');
      const day = allowing({ DateGreaterThanEquals: { 'aws:EpochTime': '2024-05-01' } });
      assert.equal(decision(day, { time: '2024-05-01T00:00:00Z' }), 'allow');
      assert.equal(decision(day, { time: '2024-04-30T23:59:59Z' }), 'implicitDeny');
    });
  });

  describe(`Bool (${OPERATORS}#Conditions_Boolean)`, () => {
    const s: Setup = { key: [ROOT_STATEMENT, allow(APP, 'kms:*'), { Sid: 'BooleanExample', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
    it('denies a request not sent over TLS, not one sent over TLS', () => {
      assert.equal(decision(s, { secureTransport: false }), 'explicitDeny');
      assert.equal(decision(s, { secureTransport: true }), 'allow');
    });
    it('reads a JSON boolean as well as the string', () => {
      const b = allowing({ Bool: { 'aws:MultiFactorAuthPresent': true } });
      assert.equal(decision(b, { mfa: true }), 'allow');
      assert.equal(decision(b, { mfa: false }), 'implicitDeny');
    });
  });

  describe(`BinaryEquals (${OPERATORS}#Conditions_BinaryEquals)`, () => {
    it('compares the base64 text byte for byte', () => {
      const s = allowing({ BinaryEquals: { 'kms:EncryptionContext:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } });
      assert.equal(decision(s, { encryptionContext: { blob: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }), 'allow');
      assert.equal(decision(s, { encryptionContext: { blob: 'QmluYXJ5VmFsdWVJbkJhc2U2NQ==' } }), 'implicitDeny');
    });
  });

  describe(`IP address operators (${OPERATORS}#Conditions_IPAddress)`, () => {
    const s = allowing({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } });
    it('allows an address in the range, not one outside', () => {
      assert.equal(decision(s, { sourceIp: '203.0.113.77' }), 'allow');
      assert.equal(decision(s, { sourceIp: '203.0.114.1' }), 'implicitDeny');
    });
    it('is false for a request through a VPC endpoint, which has no aws:SourceIp', () => {
      assert.equal(decision(s, { sourceIp: null, sourceVpce: 'vpce-1a2b3c4d' }), 'implicitDeny');
    });
    it('reads a bare address as /32, and IPv6 ranges mixed with IPv4', () => {
      assert.equal(decision(allowing({ IpAddress: { 'aws:SourceIp': '198.51.100.7' } }), { sourceIp: '198.51.100.7' }), 'allow');
      assert.equal(decision(allowing({ IpAddress: { 'aws:SourceIp': '198.51.100.7' } }), { sourceIp: '198.51.100.8' }), 'implicitDeny');
      const mixed = allowing({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } });
      assert.equal(decision(mixed, { sourceIp: '2001:db8:1234:5678:abcd::1' }), 'allow');
      assert.equal(decision(mixed, { sourceIp: '2001:db8:1234:5679::1' }), 'implicitDeny');
    });
    it('NotIpAddress allows every address outside the ranges', () => {
      const not = allowing({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } });
      assert.equal(decision(not, { sourceIp: '192.0.2.1' }), 'allow');
      assert.equal(decision(not, { sourceIp: '198.51.100.9' }), 'implicitDeny');
    });
  });

  describe(`ARN operators (${OPERATORS}#Conditions_ARN)`, () => {
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    it('StringLike matches across colons where ArnLike, part by part, does not (the page\'s example)', () => {
      assert.equal(decision(allowing({ StringLike: { 'aws:SourceArn': pattern } }), { context: { 'aws:SourceArn': value } }), 'allow');
      assert.equal(decision(allowing({ ArnLike: { 'aws:SourceArn': pattern } }), { context: { 'aws:SourceArn': value } }), 'implicitDeny');
    });
    it('ArnEquals behaves as ArnLike, and is false when aws:SourceArn is absent', () => {
      const s = allowing({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-2:123456789012:*' } });
      assert.equal(decision(s, { context: { 'aws:SourceArn': 'arn:aws:sns:us-east-2:123456789012:topic-1' } }), 'allow');
      assert.equal(decision(s, { context: { 'aws:SourceArn': null } }), 'implicitDeny');
    });
  });

  describe(`...IfExists (${OPERATORS}#Conditions_IfExists)`, () => {
    const s = allowing({ StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } });
    it('tests the key when present, and is true when it is absent', () => {
      assert.equal(decision(s, { context: { 'ec2:InstanceType': 't2.micro' } }), 'allow');
      assert.equal(decision(s, { context: { 'ec2:InstanceType': 'm5.large' } }), 'implicitDeny');
      assert.equal(decision(s, { context: { 'ec2:InstanceType': null } }), 'allow');
    });
    it('with Deny and a negated operator, "the request is still denied even if the tag is missing"', () => {
      const d: Setup = { key: [allow(APP, 'kms:*'), deny('*', 'kms:*', { StringNotEqualsIfExists: { 'aws:ResourceTag/team': 'blue' } })] };
      assert.equal(decision(d, { resourceTags: {} }), 'explicitDeny');
      assert.equal(decision(d, { resourceTags: { team: 'red' } }), 'explicitDeny');
      assert.equal(decision(d, { resourceTags: { team: 'blue' } }), 'allow');
    });
  });

  describe(`Null (${OPERATORS}#Conditions_Null)`, () => {
    const s = allowing({ Null: { 'aws:TokenIssueTime': 'true' } });
    it('true: only when the key is absent (long-term credentials)', () => {
      assert.equal(decision(s, { context: { 'aws:TokenIssueTime': null } }), 'allow');
      assert.equal(decision(s, { context: { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' } }), 'implicitDeny');
    });
    it('false: only when the key is present', () => {
      const f = allowing({ Null: { 'kms:EncryptionContext:team': 'false' } });
      assert.equal(decision(f, { encryptionContext: { team: 'a' } }), 'allow');
      assert.equal(decision(f, { encryptionContext: null }), 'implicitDeny');
    });
    it('cannot tell when the request does not say', () => {
      assert.equal(decision(s, {}), 'unknown');
    });
  });

  describe(`several values and keys (${MULTIPLE})`, () => {
    it('values of one key are ORed', () => {
      const s = allowing({ StringEquals: { 'kms:ViaService': ['s3.us-west-2.amazonaws.com', 'dynamodb.us-west-2.amazonaws.com'] } });
      assert.equal(decision(s, { viaService: 'dynamodb.us-west-2.amazonaws.com' }), 'allow');
    });
    it('values of a negated operator are NORed', () => {
      const s = allowing({ StringNotEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } });
      assert.equal(decision(s, { principalTags: { team: 'a' } }), 'implicitDeny');
      assert.equal(decision(s, { principalTags: { team: 'b' } }), 'implicitDeny');
      assert.equal(decision(s, { principalTags: { team: 'c' } }), 'allow');
    });
    it('keys and operators are ANDed', () => {
      const s = allowing({ StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com', 'kms:CallerAccount': ACCT }, Bool: { 'aws:SecureTransport': 'true' } });
      assert.equal(decision(s, { viaService: 's3.us-west-2.amazonaws.com', secureTransport: true }), 'allow');
      assert.equal(decision(s, { viaService: 's3.us-west-2.amazonaws.com', secureTransport: false }), 'implicitDeny');
    });
  });

  describe(`set operators (${MULTIVALUED})`, () => {
    const all = allowing({ 'ForAllValues:StringLike': { 'kms:EncryptionContextKeys': ['PostDateTime', 'Message', 'Tags'] } });
    it('ForAllValues: every request value must match a policy value', () => {
      assert.equal(decision(all, { encryptionContext: { PostDateTime: '1', Message: '2' } }), 'allow');
      assert.equal(decision(all, { encryptionContext: { PostDateTime: '1', UserName: '2' } }), 'implicitDeny');
    });
    it('ForAllValues is true when the key is missing or empty, ForAnyValue false', () => {
      assert.equal(decision(all, { encryptionContext: null }), 'allow');
      const any = allowing({ 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'Tags' } });
      assert.equal(decision(any, { encryptionContext: null }), 'implicitDeny');
      assert.equal(decision(any, { encryptionContext: {} }), 'implicitDeny');
      assert.equal(decision(any, { encryptionContext: { Tags: 'x', Other: 'y' } }), 'allow');
    });
    it('ForAnyValue with IfExists is still false when the key is missing, as the hover says (re:Post QU9HFmDzP0QGuU-fd7rS6B7w)', () => {
      const any = allowing({ 'ForAnyValue:StringEqualsIfExists': { 'kms:EncryptionContextKeys': 'Tags' } });
      assert.equal(decision(any, { encryptionContext: null }), 'implicitDeny');
      assert.equal(decision(any, { encryptionContext: { Tags: 'x' } }), 'allow');
      const op = parseOperator('ForAnyValue:StringEqualsIfExists');
      assert.equal(whenKeyAbsent(op, ['Tags']), false);
      const allOp = parseOperator('ForAllValues:StringEqualsIfExists');
      assert.equal(whenKeyAbsent(allOp, ['Tags']), true);
      assert.equal(decision(allowing({ 'ForAllValues:StringEqualsIfExists': { 'kms:EncryptionContextKeys': 'Tags' } }), { encryptionContext: null }), 'allow');
    });
    it('ForAnyValue with Deny: any listed value in the request denies', () => {
      const s: Setup = { key: [allow(APP, 'kms:*'), deny('*', 'kms:*', { 'ForAnyValue:StringLike': { 'kms:EncryptionContextKeys': ['ID', 'PostDateTime'] } })] };
      assert.equal(decision(s, { encryptionContext: { UserName: 'a', Message: 'b', PostDateTime: 'c' } }), 'explicitDeny');
      assert.equal(decision(s, { encryptionContext: { UserName: 'a' } }), 'allow');
    });
    it('ForAllValues:StringNotLike with Deny (the DenyRestrictedTags example)', () => {
      const s: Setup = { key: [allow(APP, 'kms:TagResource'), { Sid: 'DenyRestrictedTags', Effect: 'Deny', Principal: '*', Action: 'kms:TagResource', Resource: '*', Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } } }] };
      const tag = (keys: string[] | null): string => decision(s, { action: 'kms:TagResource', context: { 'aws:TagKeys': keys } });
      assert.equal(tag(['key1:legal']), 'allow');
      assert.equal(tag(['key1:hr', 'key1:personnel']), 'allow');
      assert.equal(tag(['key2:audit']), 'explicitDeny');
      assert.equal(tag(null), 'explicitDeny');
    });
    it('a multivalued key under an operator without a set operator: cannot tell (not documented)', () => {
      assert.equal(decision(allowing({ StringEquals: { 'kms:GrantOperations': 'Decrypt' } }), { context: { 'kms:GrantOperations': ['Decrypt', 'Encrypt'] } }), 'unknown');
      assert.equal(decision(allowing({ StringEquals: { 'kms:GrantOperations': 'Decrypt' } }), { context: { 'kms:GrantOperations': ['Decrypt'] } }), 'allow');
    });
  });

  describe(`policy variables (${VARIABLES})`, () => {
    it('${aws:username} is the IAM user\'s name', () => {
      const s: Setup = { key: [allow({ AWS: `arn:aws:iam::${ACCT}:user/David` }, 'kms:Decrypt', { StringLike: { 'kms:EncryptionContext:prefix': '${aws:username}/*' } })] };
      assert.equal(decision(s, { principal: user('David'), encryptionContext: { prefix: 'David/reports' } }), 'allow');
      assert.equal(decision(s, { principal: user('David'), encryptionContext: { prefix: 'Maria/reports' } }), 'implicitDeny');
    });
    it('a variable whose key the request lacks fails the match (aws:username is not present for a role)', () => {
      const s = allowing({ StringLike: { 'kms:EncryptionContext:prefix': '${aws:username}/*' } });
      assert.equal(decision(s, { encryptionContext: { prefix: 'App/x' } }), 'implicitDeny');
    });
    it('a default value fills in for a missing key', () => {
      const s = allowing({ StringEquals: { 'kms:EncryptionContext:owner': "${aws:PrincipalTag/owner, 'anonymous'}" } });
      assert.equal(decision(s, { principalTags: {}, encryptionContext: { owner: 'anonymous' } }), 'allow');
      assert.equal(decision(s, { principalTags: { owner: 'maria' }, encryptionContext: { owner: 'maria' } }), 'allow');
      assert.equal(decision(s, { principalTags: { owner: 'maria' }, encryptionContext: { owner: 'anonymous' } }), 'implicitDeny');
    });
    it('${aws:PrincipalTag/...} fills a condition value from the caller\'s tag', () => {
      const s = allowing({ StringEquals: { 'kms:EncryptionContext:department': '${aws:PrincipalTag/department}' } });
      assert.equal(decision(s, { principalTags: { department: 'finance' }, encryptionContext: { department: 'finance' } }), 'allow');
      assert.equal(decision(s, { principalTags: { department: 'hr' }, encryptionContext: { department: 'finance' } }), 'implicitDeny');
      assert.equal(decision(s, { encryptionContext: { department: 'finance' } }), 'unknown');
    });
    it('${*}, ${?} and ${$} stand for the characters themselves, not wildcards', () => {
      const s = allowing({ StringLike: { 'kms:EncryptionContext:name': 'a${*}b${?}c${$}' } });
      assert.equal(decision(s, { encryptionContext: { name: 'a*b?c$' } }), 'allow');
      assert.equal(decision(s, { encryptionContext: { name: 'axbyc$' } }), 'implicitDeny');
    });
    it('without Version 2012-10-17, variables are literal text', () => {
      const s = allowing({ StringEquals: { 'kms:EncryptionContext:owner': '${aws:userid}' } }, '2008-10-17');
      const r = { principal: { ...session('App'), userId: 'AROAEXAMPLE:session-1' } };
      assert.equal(decision(s, { ...r, encryptionContext: { owner: 'AROAEXAMPLE:session-1' } }), 'implicitDeny');
      assert.equal(decision(s, { ...r, encryptionContext: { owner: '${aws:userid}' } }), 'allow');
      const current = allowing({ StringEquals: { 'kms:EncryptionContext:owner': '${aws:userid}' } });
      assert.equal(decision(current, { ...r, encryptionContext: { owner: 'AROAEXAMPLE:session-1' } }), 'allow');
    });
    it('a variable in a Resource fills the resource part of the ARN', () => {
      const s: Setup = {
        key: [ROOT_STATEMENT],
        identity: [[{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-west-2:111122223333:key/${aws:PrincipalTag/key-id}' }]],
      };
      const r = { principal: session('App'), principalTags: { 'key-id': '1234abcd-12ab-34cd-56ef-1234567890ab' } };
      assert.equal(decision(s, r), 'allow');
      assert.equal(decision(s, { ...r, principalTags: { 'key-id': 'other' } }), 'implicitDeny');
    });
  });

  describe('values that cannot be read give "cannot tell", never a guess', () => {
    it('a CloudFormation function as a condition value', () => {
      assert.equal(decision(allowing({ StringEquals: { 'kms:CallerAccount': { Ref: 'AWS::AccountId' } } }), { callerAccount: ACCT }), 'unknown');
    });
    it('a template placeholder as a condition value', () => {
      assert.equal(decision(allowing({ StringEquals: { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' } }), { viaService: 's3.us-west-2.amazonaws.com' }), 'unknown');
      assert.equal(decision(allowing({ StringEquals: { 'kms:ViaService': '{{ via_service }}' } }), { viaService: 's3.us-west-2.amazonaws.com' }), 'unknown');
    });
    it('an unknown operator (AWS would reject the policy)', () => {
      assert.equal(decision(allowing({ StringEqualz: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' } }), { viaService: 's3.us-west-2.amazonaws.com' }), 'unknown');
    });
    it('but a placeholder that another value already decides does not matter', () => {
      const s = allowing({ StringEquals: { 'kms:ViaService': ['s3.us-west-2.amazonaws.com', 's3.${AWS::Region}.amazonaws.com'] } });
      assert.equal(decision(s, { viaService: 's3.us-west-2.amazonaws.com' }), 'allow');
    });
  });
});
