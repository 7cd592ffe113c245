/**
 * KMS's evaluation logic, from the KMS Developer Guide and the IAM User Guide:
 * each case names its page, the policies, the request and the documented result.
 */
import * as assert from 'node:assert/strict';
import { describeEvaluation, type AccessRequest, type GrantInput } from '../../src/core/access';
import { ACCT, allow, decide, deny, KEY, OTHER, OTHER_KEY, request, ROOT_STATEMENT, session, user, type Setup } from './accessHelpers';

const KMS = 'https://docs.aws.amazon.com/kms/latest/developerguide';
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';
const APP = { AWS: `arn:aws:iam::${ACCT}:role/App` };
const DECRYPT_ANY_KEY = [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }];

function decision(s: Setup, r: Partial<AccessRequest>): string {
  return decide(s, request(r)).decision;
}

describe('access: KMS evaluation logic', () => {
  describe(`the key policy and IAM policies (${KMS}/control-access.html, ${KMS}/key-policy-default.html)`, () => {
    it('a key policy statement naming the role allows it on its own, in the key\'s account', () => {
      const e = decide({ key: [allow(APP, 'kms:Decrypt')] }, request());
      assert.equal(e.decision, 'allow');
      assert.deepEqual(e.decidedBy.map((r) => r.type === 'statement' && r.index), [0]);
    });
    it('the account root statement lets IAM policies decide: delegated when they are not loaded', () => {
      const e = decide({ key: [ROOT_STATEMENT] }, request());
      assert.equal(e.decision, 'delegated');
      assert.deepEqual(e.decidedBy, [{ type: 'delegation', account: ACCT, statement: { type: 'statement', policy: { kind: 'key' }, index: 0, sid: 'Enable IAM User Permissions', effect: 'Allow' } }]);
    });
    it('the account id behaves as the root ARN (IAM User Guide, Principal: "Both delegate permissions to the account")', () => {
      assert.equal(decision({ key: [allow({ AWS: ACCT }, 'kms:*')] }, {}), 'delegated');
    });
    it('with the root statement, an IAM policy that allows it allows it, and one that does not leaves it denied', () => {
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: [DECRYPT_ANY_KEY] }, {}), 'allow');
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: [[{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }]] }, {}), 'implicitDeny');
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: [] }, {}), 'implicitDeny');
    });
    it('without the root statement an IAM policy has no effect ("the key policy must explicitly allow it")', () => {
      const e = decide({ key: [allow({ AWS: `arn:aws:iam::${ACCT}:role/Admin` }, 'kms:*')], identity: [DECRYPT_ANY_KEY] }, request());
      assert.equal(e.decision, 'implicitDeny');
      assert.deepEqual(e.notes, ['noAllow']);
    });
    it('an IAM Deny applies even when the key policy allows the role directly', () => {
      const e = decide({ key: [allow(APP, 'kms:Decrypt')], identity: [[{ Effect: 'Deny', Action: 'kms:*', Resource: '*' }]] }, request());
      assert.equal(e.decision, 'explicitDeny');
      assert.equal(e.decidedBy[0].type === 'statement' && e.decidedBy[0].policy.kind, 'identity');
    });
    it('an IAM policy must name the key in its Resource', () => {
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: [[{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: OTHER_KEY }]] }, {}), 'implicitDeny');
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: [[{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: `arn:aws:kms:*:${ACCT}:key/*` }]] }, {}), 'allow');
    });
    it('the account root user has full access: the root statement is enough for it', () => {
      const e = decide({ key: [ROOT_STATEMENT] }, request({ principal: { type: 'Root', arn: `arn:aws:iam::${ACCT}:root`, account: ACCT } }));
      assert.equal(e.decision, 'allow');
      assert.deepEqual(e.notes, ['rootUser']);
    });
  });

  describe(`${KMS}/policy-evaluation.html (Troubleshooting key access)`, () => {
    it('Example 1: Alice, an IAM user of the key\'s account, with only the root statement and no IAM policy for the key, is denied', () => {
      const alice = user('Alice');
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: [[{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]] }, { principal: alice }), 'implicitDeny');
    });
    it('Example 2: a role of account 1 uses a key of account 2 whose policy allows account 1, with an IAM policy for the role', () => {
      const keyOfAccount2 = `arn:aws:kms:us-west-2:${OTHER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      const keyPolicy = [
        { ...ROOT_STATEMENT, Principal: { AWS: `arn:aws:iam::${OTHER}:root` } },
        allow({ AWS: `arn:aws:iam::${ACCT}:root` }, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']),
      ];
      const engineering = session('Engineering');
      const iamPolicy = [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: keyOfAccount2 }];
      const r = { keyArn: keyOfAccount2, principal: engineering };
      assert.equal(decision({ key: keyPolicy, identity: [iamPolicy] }, r), 'allow');
      assert.equal(decision({ key: keyPolicy }, r), 'delegated');
      assert.equal(decision({ key: keyPolicy, identity: [] }, r), 'implicitDeny');
    });
    it('an explicit deny anywhere wins: over a key policy allow, over a grant', () => {
      const grant: GrantInput = { grantId: 'g1', granteePrincipal: `arn:aws:iam::${ACCT}:role/App`, operations: ['Decrypt'] };
      const e = decide({ key: [allow(APP, 'kms:Decrypt'), { Sid: 'NoDecrypt', ...deny('*', 'kms:Decrypt') }], grants: [grant] }, request());
      assert.equal(e.decision, 'explicitDeny');
      assert.deepEqual(e.decidedBy, [{ type: 'statement', policy: { kind: 'key' }, index: 1, sid: 'NoDecrypt', effect: 'Deny' }]);
    });
  });

  describe(`other accounts (${KMS}/key-policy-modifying-external-accounts.html)`, () => {
    const external = session('ExampleRole', OTHER);
    it('the key policy allows the external account: its IAM policies decide', () => {
      const key = [ROOT_STATEMENT, allow({ AWS: `arn:aws:iam::${OTHER}:root` }, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'])];
      const e = decide({ key }, request({ principal: external }));
      assert.equal(e.decision, 'delegated');
      assert.equal(e.crossAccount, true);
      assert.equal(e.decidedBy[0].type === 'delegation' && e.decidedBy[0].account, OTHER);
      assert.equal(decision({ key, identity: [[{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }]] }, { principal: external }), 'allow');
    });
    it('naming the external role in the key policy is not enough: "users and roles cannot use the KMS key until" IAM policies allow', () => {
      const key = [ROOT_STATEMENT, allow({ AWS: `arn:aws:iam::${OTHER}:role/ExampleRole` }, 'kms:Decrypt')];
      assert.equal(decision({ key }, { principal: external }), 'delegated');
      const e = decide({ key, identity: [[{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]] }, request({ principal: external }));
      assert.equal(e.decision, 'implicitDeny');
      assert.deepEqual(e.notes, ['identityPolicyNoAllow']);
      assert.equal(decision({ key, identity: [[{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }]] }, { principal: external }), 'allow');
      // Another role of that account is not named.
      assert.equal(decision({ key, identity: [DECRYPT_ANY_KEY] }, { principal: session('Other', OTHER) }), 'implicitDeny');
    });
    it('permissions for operations that cannot cross accounts have no effect (kms:ScheduleKeyDeletion)', () => {
      const key = [ROOT_STATEMENT, allow({ AWS: `arn:aws:iam::${OTHER}:root` }, 'kms:*')];
      const e = decide({ key, identity: [[{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }]] }, request({ principal: external, action: 'kms:ScheduleKeyDeletion' }));
      assert.equal(e.decision, 'implicitDeny');
      assert.deepEqual(e.notes, ['notCrossAccountOperation']);
    });
    it('a Principal "*" statement needs the caller\'s IAM policies too when the caller is in another account', () => {
      const key = [allow('*', 'kms:Decrypt')];
      assert.equal(decision({ key }, {}), 'allow');
      assert.equal(decision({ key }, { principal: external }), 'delegated');
    });
    it('a grant lets a role of another account use the key without an IAM policy ("or use grants")', () => {
      const grant: GrantInput = { grantId: 'g1', granteePrincipal: `arn:aws:iam::${OTHER}:role/ExampleRole`, operations: ['Decrypt'] };
      const e = decide({ key: [ROOT_STATEMENT], grants: [grant], identity: [] }, request({ principal: external }));
      assert.equal(e.decision, 'allow');
      assert.deepEqual(e.decidedBy, [{ type: 'grant', grantId: 'g1' }]);
    });
  });

  describe(`principals (${IAM}/reference_policies_elements_principal.html)`, () => {
    it('a role ARN names every session of the role; a session ARN names one session', () => {
      assert.equal(decision({ key: [allow(APP, 'kms:Decrypt')] }, { principal: session('App', ACCT, 'any-name') }), 'allow');
      const oneSession = [allow({ AWS: `arn:aws:sts::${ACCT}:assumed-role/App/session-1` }, 'kms:Decrypt')];
      assert.equal(decision({ key: oneSession }, { principal: session('App', ACCT, 'session-1') }), 'allow');
      assert.equal(decision({ key: oneSession }, { principal: session('App', ACCT, 'session-2') }), 'implicitDeny');
    });
    it('a role with a path is named by its ARN with the path; sessions carry only the name', () => {
      const key = [allow({ AWS: `arn:aws:iam::${ACCT}:role/service/App` }, 'kms:Decrypt')];
      assert.equal(decision({ key }, { principal: { ...session('App'), roleArn: `arn:aws:iam::${ACCT}:role/service/App` } }), 'allow');
    });
    it('a wildcard cannot match part of a principal ARN', () => {
      assert.equal(decision({ key: [allow({ AWS: `arn:aws:iam::${ACCT}:role/*` }, 'kms:Decrypt')] }, {}), 'implicitDeny');
    });
    it('the user name in a user ARN is case-sensitive', () => {
      const key = [allow({ AWS: `arn:aws:iam::${ACCT}:user/Bob` }, 'kms:Decrypt')];
      assert.equal(decision({ key }, { principal: user('Bob') }), 'allow');
      assert.equal(decision({ key }, { principal: user('bob') }), 'implicitDeny');
    });
    it('a service principal names calls the service makes as itself', () => {
      const key = [ROOT_STATEMENT, allow({ Service: 'cloudtrail.amazonaws.com' }, 'kms:GenerateDataKey*')];
      assert.equal(decision({ key }, { action: 'kms:GenerateDataKey', principal: { type: 'AWSService', service: 'cloudtrail.amazonaws.com' } }), 'allow');
      assert.equal(decision({ key }, { action: 'kms:GenerateDataKey', principal: { type: 'AWSService', service: 'logs.amazonaws.com' } }), 'implicitDeny');
    });
    it('a unique id (a deleted principal, shown by AWS instead of its ARN) names no current caller', () => {
      assert.equal(decision({ key: [allow({ AWS: 'AROAEXAMPLEID12345678' }, 'kms:Decrypt')] }, {}), 'implicitDeny');
    });
  });

  describe(`NotPrincipal (${IAM}/reference_policies_elements_notprincipal.html)`, () => {
    const bob = user('Bob', OTHER);
    const key = [
      allow('*', 'kms:Decrypt'),
      { Effect: 'Deny', NotPrincipal: { AWS: [`arn:aws:iam::${OTHER}:user/Bob`, `arn:aws:iam::${OTHER}:root`] }, Action: 'kms:*', Resource: '*' },
    ];
    const iam = [DECRYPT_ANY_KEY];
    it('with Deny, denies every principal except the ones listed (Bob and his account)', () => {
      assert.equal(decision({ key, identity: iam }, { principal: bob }), 'allow');
      assert.equal(decision({ key, identity: iam }, { principal: user('Alice', OTHER) }), 'explicitDeny');
    });
    it('listing the session, its role and its account leaves that session out; another session of the role is denied', () => {
      const audit = [
        allow('*', 'kms:Decrypt'),
        { Effect: 'Deny', NotPrincipal: { AWS: [`arn:aws:sts::${OTHER}:assumed-role/cross-account-read-only-role/cross-account-audit-app`, `arn:aws:iam::${OTHER}:role/cross-account-read-only-role`, `arn:aws:iam::${OTHER}:root`] }, Action: 'kms:*', Resource: '*' },
      ];
      assert.equal(decision({ key: audit, identity: iam }, { principal: session('cross-account-read-only-role', OTHER, 'cross-account-audit-app') }), 'allow');
      assert.equal(decision({ key: audit, identity: iam }, { principal: session('cross-account-read-only-role', OTHER, 'other-app') }), 'explicitDeny');
    });
    it('listing the session without its account "might deny access to the entire account": cannot tell', () => {
      const partial = [allow('*', 'kms:Decrypt'), { Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:user/Bob` }, Action: 'kms:*', Resource: '*' }];
      assert.equal(decision({ key: partial, identity: iam }, { principal: bob }), 'unknown');
    });
  });

  describe(`actions and resources (${IAM}/reference_policies_elements_action.html, .../reference_policies_elements_resource.html)`, () => {
    it('action names are not case-sensitive and take wildcards', () => {
      assert.equal(decision({ key: [allow(APP, 'KMS:decrypt')] }, {}), 'allow');
      assert.equal(decision({ key: [allow(APP, 'kms:ReEncrypt*')] }, { action: 'kms:ReEncryptFrom' }), 'allow');
      assert.equal(decision({ key: [allow(APP, 'kms:Re?ncrypt*')] }, { action: 'kms:ReEncryptTo' }), 'allow');
      assert.equal(decision({ key: [allow(APP, 'kms:Encrypt*')] }, { action: 'kms:Decrypt' }), 'implicitDeny');
    });
    it('NotAction applies to every action except the listed ones', () => {
      const key = [allow(APP, 'kms:*'), { Effect: 'Deny', Principal: '*', NotAction: ['kms:Decrypt', 'kms:Describe*'], Resource: '*' }];
      assert.equal(decision({ key }, { action: 'kms:Decrypt' }), 'allow');
      assert.equal(decision({ key }, { action: 'kms:DescribeKey' }), 'allow');
      assert.equal(decision({ key }, { action: 'kms:Encrypt' }), 'explicitDeny');
    });
    it('Resource wildcards work within each part of the ARN; NotResource applies to every other resource', () => {
      const iam = [[{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:key/1234*' }, { Effect: 'Deny', Action: 'kms:*', NotResource: KEY }]];
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: iam }, {}), 'allow');
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: iam }, { keyArn: OTHER_KEY }), 'explicitDeny');
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: [[{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:*' }]] }, {}), 'allow');
    });
    it('in a key policy, a Resource naming another key does not apply to this one', () => {
      assert.equal(decision({ key: [{ ...allow(APP, 'kms:Decrypt'), Resource: OTHER_KEY }] }, {}), 'implicitDeny');
    });
  });

  describe(`grants (${KMS}/grants.html, API reference GrantConstraints)`, () => {
    const grant = (fields: Partial<GrantInput> = {}): GrantInput => ({
      grantId: 'a'.repeat(64),
      granteePrincipal: `arn:aws:iam::${ACCT}:role/App`,
      operations: ['GenerateDataKey', 'Decrypt'],
      constraints: { encryptionContextSubset: { Department: 'Finance', Classification: 'Public' } },
      ...fields,
    });
    const key = [ROOT_STATEMENT];
    it('EncryptionContextSubset: the documented contexts that satisfy it', () => {
      for (const ec of <Array<Record<string, string>>>[{ Department: 'Finance', Classification: 'Public' }, { Classification: 'Public', Department: 'Finance' }, { Customer: '12345', Department: 'Finance', Classification: 'Public', Purpose: 'Test' }]) {
        assert.equal(decision({ key, grants: [grant()], identity: [] }, { encryptionContext: ec }), 'allow', JSON.stringify(ec));
      }
    });
    it('EncryptionContextSubset: the documented contexts that do not', () => {
      for (const ec of <Array<Record<string, string>>>[{ Department: 'Finance' }, { department: 'finance', classification: 'public' }, { Classification: 'Public', Customer: '12345' }]) {
        assert.equal(decision({ key, grants: [grant()], identity: [] }, { encryptionContext: ec }), 'implicitDeny', JSON.stringify(ec));
      }
    });
    it('in a constraint the key is not case-sensitive, the value is', () => {
      assert.equal(decision({ key, grants: [grant()], identity: [] }, { encryptionContext: { department: 'Finance', CLASSIFICATION: 'Public' } }), 'allow');
    });
    it('EncryptionContextEquals: exactly the pairs', () => {
      const g = grant({ constraints: { encryptionContextEquals: { Department: 'Finance' } } });
      assert.equal(decision({ key, grants: [g], identity: [] }, { encryptionContext: { Department: 'Finance' } }), 'allow');
      assert.equal(decision({ key, grants: [g], identity: [] }, { encryptionContext: { Department: 'Finance', Extra: 'x' } }), 'implicitDeny');
    });
    it('constraints do not apply to DescribeKey', () => {
      assert.equal(decision({ key, grants: [grant({ operations: ['DescribeKey'] })], identity: [] }, { action: 'kms:DescribeKey' }), 'allow');
    });
    it('a grant allows only its operations, to its grantee', () => {
      assert.equal(decision({ key, grants: [grant()], identity: [] }, { action: 'kms:Encrypt', encryptionContext: { Department: 'Finance', Classification: 'Public' } }), 'implicitDeny');
      assert.equal(decision({ key, grants: [grant()], identity: [] }, { principal: session('Other'), encryptionContext: { Department: 'Finance', Classification: 'Public' } }), 'implicitDeny');
    });
    it('a grant to a service principal allows the service', () => {
      const g = grant({ granteePrincipal: 'fargate.us-west-2.amazonaws.com', operations: ['Decrypt'], constraints: undefined });
      assert.equal(decision({ key, grants: [g] }, { principal: { type: 'AWSService', service: 'fargate.us-west-2.amazonaws.com' } }), 'allow');
    });
    it('a grant is in force from its creation to its end; within five minutes of either, only a grant token settles it', () => {
      const ec = { Department: 'Finance', Classification: 'Public' };
      const g = grant({ createdAt: '2024-05-01T10:00:00Z', endedAt: '2024-05-01T12:00:00Z', grantTokens: ['token-1'] });
      const at = (time: string, grantTokens?: string[]): string => decision({ key, grants: [g], identity: [] }, { encryptionContext: ec, time, grantTokens });
      assert.equal(at('2024-05-01T09:59:00Z'), 'implicitDeny');
      assert.equal(at('2024-05-01T10:01:00Z'), 'unknown');
      assert.equal(at('2024-05-01T10:01:00Z', ['token-1']), 'allow');
      assert.equal(at('2024-05-01T11:00:00Z'), 'allow');
      assert.equal(at('2024-05-01T12:02:00Z'), 'unknown');
      assert.equal(at('2024-05-01T12:06:00Z'), 'implicitDeny');
    });
    it('the retiring principal may retire the grant', () => {
      const g = grant({ grantId: 'g-retire', retiringPrincipal: `arn:aws:iam::${ACCT}:role/Cleaner` });
      const e = decide({ key, grants: [g], identity: [] }, request({ action: 'kms:RetireGrant', principal: session('Cleaner'), grantId: 'g-retire' }));
      assert.equal(e.decision, 'allow');
      assert.deepEqual(e.decidedBy, [{ type: 'grant', grantId: 'g-retire' }]);
    });
  });

  describe(`service control policies (${IAM}/reference_policies_evaluation-logic_policy-eval-denyallow.html)`, () => {
    const key = [allow(APP, 'kms:Decrypt')];
    const fullAccess = [{ Effect: 'Allow', Action: '*', Resource: '*' }];
    it('every level must allow: a level without an allow denies', () => {
      assert.equal(decision({ key, scps: [fullAccess, fullAccess] }, {}), 'allow');
      const e = decide({ key, scps: [fullAccess, [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]] }, request());
      assert.equal(e.decision, 'implicitDeny');
      assert.deepEqual(e.notes, ['scpNoAllow']);
    });
    it('an SCP deny denies', () => {
      assert.equal(decision({ key, scps: [[...fullAccess, { Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }]] }, {}), 'explicitDeny');
    });
    it('SCPs do not limit service principals', () => {
      const svc = [ROOT_STATEMENT, allow({ Service: 'cloudtrail.amazonaws.com' }, 'kms:*')];
      assert.equal(decision({ key: svc, scps: [[{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]] }, { principal: { type: 'AWSService', service: 'cloudtrail.amazonaws.com' } }), 'allow');
    });
  });

  describe(`AWS managed key policies (${KMS}/key-policy-default.html): Principal "*" with kms:CallerAccount and kms:ViaService`, () => {
    const key = [
      { Sid: 'Allow access through EBS for all principals in the account that are authorized to use EBS', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCT, 'kms:ViaService': 'ec2.us-west-2.amazonaws.com' } } },
      { Sid: 'Allow direct access to key metadata to the account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'], Resource: '*' },
    ];
    it('allows a principal of the account through EC2 in the Region, not directly, not from another account', () => {
      assert.equal(decision({ key }, { viaService: 'ec2.us-west-2.amazonaws.com' }), 'allow');
      const direct = decide({ key }, request({ viaService: null }));
      assert.equal(direct.decision, 'implicitDeny');
      assert.match(describeEvaluation(direct), /the request has no kms:ViaService/);
      assert.equal(decision({ key, identity: [DECRYPT_ANY_KEY] }, { principal: session('App', OTHER), viaService: 'ec2.us-west-2.amazonaws.com' }), 'implicitDeny');
    });
  });

  describe('unreadable policy values', () => {
    it('a principal that is a template placeholder: cannot tell, not "denied"', () => {
      const key = [allow({ AWS: 'arn:aws:iam::${AWS::AccountId}:role/App' }, 'kms:Decrypt')];
      const e = decide({ key }, request());
      assert.equal(e.decision, 'unknown');
      assert.equal(describeEvaluation(e), 'Cannot tell: for statement 0 of the key policy, whether its principal names the caller cannot be told (a placeholder, or a caller the logs do not show fully).');
    });
    it('a documentation placeholder as the principal\'s account, or as a whole value', () => {
      assert.equal(decision({ key: [allow({ AWS: 'arn:aws:iam::customerAccountId:role/App' }, 'kms:Decrypt')] }, {}), 'unknown');
      assert.equal(decision({ key: [allow(APP, 'kms:Decrypt', { StringEquals: { 'kms:CallerAccount': 'your-account-id' } })] }, {}), 'unknown');
      // Digits and wildcards are an account pattern, not a placeholder.
      assert.equal(decision({ key: [ROOT_STATEMENT], identity: [[{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-west-2:1111*:key/*' }]] }, {}), 'allow');
    });
    it('a CloudFormation function as the principal', () => {
      assert.equal(decision({ key: [allow({ AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/App' } }, 'kms:Decrypt')] }, {}), 'unknown');
    });
    it('a Deny that might apply makes an allow uncertain', () => {
      const key = [allow(APP, 'kms:Decrypt'), deny('*', 'kms:*', { StringNotEquals: { 'aws:PrincipalOrgID': '${org_id}' } })];
      assert.equal(decision({ key }, { principalOrgId: 'o-abc' }), 'unknown');
    });
    it('an Effect AWS does not accept makes the statement\'s outcome unknown', () => {
      assert.equal(decision({ key: [{ ...allow(APP, 'kms:Decrypt'), Effect: 'allow' }] }, {}), 'unknown');
    });
  });

  describe('explanations', () => {
    it('name the statement that allowed, by index and Sid', () => {
      const e = decide({ key: [ROOT_STATEMENT, { Sid: 'AppUse', ...allow(APP, 'kms:Decrypt') }] }, request());
      assert.equal(describeEvaluation(e), 'Allowed by statement 1 (AppUse) of the key policy.');
    });
    it('name the condition that failed, in words', () => {
      const e = decide({ key: [{ Sid: 'ViaS3', ...allow(APP, 'kms:Decrypt', { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' } }) }] }, request({ viaService: 'dynamodb.us-west-2.amazonaws.com' }));
      assert.equal(e.decision, 'implicitDeny');
      assert.deepEqual(e.nearMisses[0].failed, { part: 'condition', operator: 'StringEquals', key: 'kms:ViaService', values: ['s3.us-west-2.amazonaws.com'], why: 'mismatch' });
      assert.match(describeEvaluation(e), /Statement 0 \(ViaS3\) of the key policy would allow it, but the request does not meet its condition: called through S3 in us-west-2\./);
    });
    it('name the delegated account', () => {
      assert.match(describeEvaluation(decide({ key: [ROOT_STATEMENT] }, request())), /Up to the IAM policies of account 111122223333, which are not loaded/);
    });
  });
});
