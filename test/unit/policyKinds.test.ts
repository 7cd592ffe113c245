/**
 * Policy kinds decided by content: the files of test/fixtures/kinds, written in
 * the shapes real repositories have (trust policies, bucket and queue policies,
 * VPC endpoint policies, SCPs, RCPs, identity policies, key policies, a
 * CloudFormation template), are each read as their kind and raise nothing; the
 * KMS mistakes in policies of other kinds are found on their exact characters;
 * everything else in them is left alone; where the kind is uncertain nothing
 * is shown above information; and the user's setting wins.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, appliedByFixAll, buildModel, DEFAULT_SETTINGS, fixAll, type DocumentHints, type Finding } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { detectPolicyKind, kindFromFileName } from '../../src/core/policy/detectKind';
import { kindForFile } from '../../src/core/policy/kindOverrides';
import type { PolicyKind } from '../../src/core/policy/kinds';
import { policiesOf } from '../../src/core/policy/locate';
import { globToRegExp, matchesGlob } from '../../src/core/text/glob';
import { FIXTURES } from './helpers';
import { applyFix, unmark } from './policyHelpers';

const KINDS_DIR = path.join(FIXTURES, 'kinds');

function read(relative: string): string {
  return fs.readFileSync(path.join(KINDS_DIR, relative), 'utf8');
}

function hints(fileName: string, policyKind?: PolicyKind): DocumentHints {
  return { languageId: 'json', fileName, policyKind };
}

/** Every finding's code and the text it covers. */
function found(text: string, fileName = 'policy.json'): string[] {
  return analyze(text, hints(fileName)).findings.map((f) => `${f.code} ${text.slice(f.start, f.end)}`);
}

/** Asserts that `code` is reported exactly on the marked ranges of `src` (and returns the findings). */
function expectExactly(src: string, code: string, fileName = 'policy.json'): Finding[] {
  const { text, ranges } = unmark(src);
  const all = analyze(text, hints(fileName)).findings;
  const mine = all.filter((f) => f.code === code);
  assert.deepEqual(mine.map((f) => text.slice(f.start, f.end)), ranges.map(([a, b]) => text.slice(a, b)), `${code}: ${all.map((f) => f.code).join(', ')}`);
  assert.deepEqual(mine.map((f) => [f.start, f.end]), ranges);
  return mine;
}

/** What each fixture folder's files are read as. */
const EXPECTED: Record<string, { kind: PolicyKind; service?: string }> = {
  trust: { kind: 'trustPolicy' },
  scp: { kind: 'serviceControlPolicy' },
  rcp: { kind: 'resourceControlPolicy' },
  identity: { kind: 'identityPolicy' },
  key: { kind: 'keyPolicy' },
};

const SERVICES: Record<string, string> = {
  'cloudtrail-bucket-policy.json': 's3',
  'bucket-policy-sse-kms.json': 's3',
  'website-bucket-policy.json': 's3',
  'sqs-queue-policy.json': 'sqs',
  'sns-topic-policy.json': 'sns',
  'secret-resource-policy.json': 'secretsmanager',
  'ecr-repository-policy.json': 'ecr',
  'lambda-function-policy.json': 'lambda',
  'event-bus-policy.json': 'events',
  'opensearch-access-policy.json': 'es',
  'backup-vault-access-policy.json': 'backup',
  'cloudwatch-logs-resource-policy.json': 'logs',
  'glacier-vault-lock.json': 'glacier',
};

describe('policy kinds: realistic files', () => {
  for (const [dir, expected] of Object.entries(EXPECTED)) {
    it(`reads every file of ${dir}/ as ${expected.kind}, for sure, with no finding`, () => {
      const files = fs.readdirSync(path.join(KINDS_DIR, dir));
      assert.ok(files.length >= 3, `${dir}: only ${files.length} files`);
      for (const f of files) {
        const { model, findings } = analyze(read(`${dir}/${f}`), hints(f));
        assert.equal(model.kind, expected.kind, f);
        assert.equal(model.policy?.decision.certain, true, `${f}: ${model.policy?.decision.reason}`);
        assert.deepEqual(findings.map((x) => `${x.code} ${x.message}`), [], f);
      }
    });
  }

  it('reads each resource policy as the resource policy of its service, with no finding', () => {
    const files = fs.readdirSync(path.join(KINDS_DIR, 'resource'));
    assert.deepEqual(files.sort(), Object.keys(SERVICES).sort());
    for (const f of files) {
      const { model, findings } = analyze(read(`resource/${f}`), hints(f));
      assert.equal(model.kind, 'resourcePolicy', f);
      assert.equal(model.policy?.decision.service, SERVICES[f], f);
      assert.deepEqual(findings.map((x) => `${x.code} ${x.message}`), [], f);
    }
  });

  it('reads the VPC endpoint policies as such (a gateway endpoint for Secrets Manager reads as its resource policy: the checks are the same)', () => {
    const read_as = (f: string): string => {
      const { model, findings } = analyze(read(`endpoint/${f}`), hints(f));
      assert.deepEqual(findings, [], f);
      return `${model.kind}${model.policy?.decision.certain ? '' : '?'}`;
    };
    assert.equal(read_as('s3-gateway-endpoint-policy.json'), 'vpcEndpointPolicy');
    assert.equal(read_as('kms-interface-endpoint-decrypt-only.json'), 'vpcEndpointPolicy');
    assert.equal(read_as('kms-vpce-policy.json'), 'vpcEndpointPolicy');
    assert.equal(read_as('secretsmanager-endpoint.json'), 'resourcePolicy');
  });

  it('an S3 bucket policy with "Principal": "*" and an SSE-KMS condition, a trust policy and an SQS queue policy raise no key policy rule', () => {
    for (const f of ['resource/bucket-policy-sse-kms.json', 'trust/lambda-execution-role-trust.json', 'resource/sqs-queue-policy.json']) {
      // The names no longer help: the content decides.
      assert.deepEqual(found(read(f), 'policy.json'), [], f);
    }
  });

  it('a KMS VPC endpoint policy under a neutral name is an uncertain key policy, and shows nothing above information', () => {
    const text = read('endpoint/kms-vpce-policy.json');
    const { model, findings } = analyze(text, hints('policy.json'));
    assert.equal(model.kind, 'keyPolicy');
    assert.equal(model.policy?.decision.certain, false);
    assert.deepEqual(model.policy?.decision.alternatives, ['vpcEndpointPolicy']);
    assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
  });
});

describe('policy kinds: KMS mistakes in policies of other kinds, and nothing else', () => {
  it('a bucket policy: a key ARN in the SSE-KMS condition with an upper-case key id', () => {
    const src = read('resource/bucket-policy-sse-kms.json').replace('key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34', 'key/⟦6B1E3F2A-9C4D-4E8B-A7F5-0D2C9B8E1A34⟧');
    const [f] = expectExactly(src, 'policy-key-id-invalid');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /upper-case/);
  });

  it('a bucket policy: the arn:aws::kms: shift in the SSE-KMS condition, with its fix', () => {
    const src = read('resource/bucket-policy-sse-kms.json').replace('"arn:aws:kms:eu-west-1:210987654321:key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34"', '"⟦arn:aws::kms:eu-west-1:210987654321:key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34⟧"');
    const [f] = expectExactly(src, 'policy-arn-malformed');
    const fixed = applyFix(unmark(src).text, f, 'Change to "arn:aws:kms:eu-west-1:210987654321:key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34"');
    assert.equal(fixed, read('resource/bucket-policy-sse-kms.json'));
  });

  it('a bucket policy: an 11-digit account in the key ARN of the SSE-KMS condition names no key', () => {
    const src = read('resource/bucket-policy-sse-kms.json').replace('arn:aws:kms:eu-west-1:210987654321:key/', 'arn:aws:kms:eu-west-1:⟦21098765432⟧:key/');
    const [f] = expectExactly(src, 'policy-arn-malformed');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /"21098765432" is not an account id/);
  });

  it('a bucket policy: nothing about its S3 parts, even wrong ones', () => {
    const text = read('resource/bucket-policy-sse-kms.json').replace('"aws:SecureTransport": "false"', '"aws:SecureTransport": "no"').replace('"Effect": "Deny"', '"Effect": "deny"');
    assert.deepEqual(found(text), []);
  });

  it('a queue policy with KMS permissions for SNS: still a queue policy, and its kms: actions allow nothing there', () => {
    // What people write when an encrypted queue refuses SNS messages: the KMS permissions belong in the key policy.
    const src = read('resource/sqs-queue-policy.json').replace(
      '    }\n  ]\n}',
      '    },\n    {\n      "Sid": "AllowTopicToUseQueueKey",\n      "Effect": "Allow",\n      "Principal": { "Service": "sns.amazonaws.com" },\n      "Action": [⟦"kms:GenerateDataKey"⟧, "kms:Decrypt"],\n      "Resource": "arn:aws:sqs:eu-west-1:210987654321:order-events"\n    }\n  ]\n}',
    );
    const { text } = unmark(src);
    const { model } = analyze(text, hints('queue-policy.json'));
    assert.equal(model.kind, 'resourcePolicy');
    assert.equal(model.policy?.decision.service, 'sqs');
    const mine = expectExactly(src, 'policy-kms-action-in-resource-policy', 'queue-policy.json');
    assert.deepEqual(mine.map((f) => f.severity), ['warning']);
    assert.match(mine[0].message, /^"kms:GenerateDataKey" and "kms:Decrypt" allow nothing in an SQS queue policy: KMS decides who may use a key from the key policy/);
    // Nothing else: the queue's own statements are not KMS Lens's business.
    assert.deepEqual(analyze(text, hints('queue-policy.json')).findings.map((f) => f.code), ['policy-kms-action-in-resource-policy']);
  });

  it('a key policy that allows a service to use the key is not a queue policy, even with an SQS principal', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: '*' },
    ] }, null, 2);
    assert.equal(analyze(text, hints('policy.json')).model.kind, 'keyPolicy');
    // Nothing about queue policies. The one note is true of a key policy: SNS may use the key for any
    // topic of any account, as no aws:SourceArn or aws:SourceAccount limits it (confused deputy).
    assert.deepEqual(found(text), ['policy-service-without-source "sns.amazonaws.com"']);
    assert.deepEqual(analyze(text, hints('policy.json')).findings.map((f) => f.severity), ['information']);
  });

  it('an SCP: a misspelt kms: action in the actions it denies', () => {
    const src = read('scp/protect-kms-keys.json').replace('"kms:ScheduleKeyDeletion"', '"kms:⟦ScheduleKeyDeletoin⟧"');
    expectExactly(src, 'policy-unknown-action');
  });

  it('a VPC endpoint policy: an unknown Region in the key ARN it allows', () => {
    const src = read('endpoint/kms-interface-endpoint-decrypt-only.json').replace('arn:aws:kms:eu-west-1:', 'arn:aws:kms:⟦eu-wset-1⟧:');
    expectExactly(src, 'policy-unknown-region');
  });

  it('an RCP: "yes" for a Bool kms: condition key', () => {
    const src = read('rcp/identity-perimeter-rcp.json').replace('"BoolIfExists": {', '"Bool": { "kms:GrantIsForAWSResource": ⟦"yes"⟧ },\n        "BoolIfExists": {');
    expectExactly(src, 'policy-condition-value-type');
  });

  it('a trust policy: nothing, whatever is wrong in it', () => {
    const text = read('trust/lambda-execution-role-trust.json').replace('"Effect": "Allow"', '"Effect": "allow"').replace('"Version": "2012-10-17",\n', '');
    assert.deepEqual(found(text), []);
  });

  it('an identity policy: its statements about KMS whole (grammar included), the others not at all', () => {
    const src = [
      '{',
      '  "Statement": [',
      '    {"Sid": ⟦"use-data-key"⟧, "Effect": "Allow", "Action": ["kms:⟦Decrpyt⟧"], "Resource": "arn:aws:kms:eu-west-1:210987654321:key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34"},',
      '    {"Sid": "read-only", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}',
      '  ]',
      '}',
    ].join('\n');
    expectExactly(src.replace('⟦Decrpyt⟧', 'Decrpyt'), 'policy-sid-invalid');
    expectExactly(src.replace('⟦"use-data-key"⟧', '"use-data-key"'), 'policy-unknown-action');
    // It is about KMS, so the policy around the statements is ours too: no Version.
    assert.ok(found(unmark(src).text).some((f) => f.startsWith('policy-version-missing')));
    // The same policy without its KMS statement is not ours at all.
    assert.deepEqual(found(read('identity/s3-read-only-no-kms.json')), []);
  });

  it('a key policy keeps every rule', () => {
    const text = read('key/default-key-policy.json').replace('"Action": "kms:*"', '"Action": ["kms:*", "s3:GetObject"]');
    assert.deepEqual(found(text, 'policy.json').map((f) => f.split(' ')[0]), ['policy-non-kms-action']);
  });
});

describe('policy kinds: uncertain kinds', () => {
  const oneRole = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/App' }, Action: ['kms:Decrypt', 'kms:Encrpyt'], Resource: '*' }] }, null, 2);

  it('a statement for one role that fits a key policy and a VPC endpoint policy: what depends on the kind is information at most, and the message says why', () => {
    const { model, findings } = analyze(oneRole, hints('policy.json'));
    assert.equal(model.kind, 'keyPolicy');
    assert.equal(model.policy?.decision.certain, false);
    // The lockout risk exists only in a key policy; a misspelt kms: action is a mistake in every kind.
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['policy-lockout-risk', 'information'], ['policy-unknown-action', 'error']]);
    assert.match(findings[0].message, /\(Information only: KMS Lens is not sure this is a KMS key policy\.\)$/);
    assert.doesNotMatch(findings[1].message, /Information only/);
  });

  it('a finding of a rule of every kind stays information when the part is not about KMS in one of the kinds', () => {
    // "Encrypt" without its prefix: a mistake KMS Lens reports in a key policy; in a VPC endpoint policy it is not a KMS part.
    const text = oneRole.replace('"kms:Encrpyt"', '"Encrypt"');
    const { model, findings } = analyze(text, hints('policy.json'));
    assert.equal(model.policy?.decision.certain, false);
    const unprefixed = findings.find((f) => f.code === 'policy-unknown-action');
    assert.equal(text.slice(unprefixed?.start, unprefixed?.end), '"Encrypt"');
    assert.equal(unprefixed?.severity, 'information');
    assert.ok(unprefixed?.fixes?.every((x) => x.safety !== 'repair' && x.safety !== 'neutral'), 'fix-all leaves them to the user');
  });

  it('the file name breaks the tie, and then the findings keep their severity', () => {
    assert.deepEqual(analyze(oneRole, hints('prod-key-policy.json')).findings.map((f) => [f.code, f.severity]), [['policy-lockout-risk', 'warning'], ['policy-unknown-action', 'error']]);
    const endpoint = analyze(oneRole, hints('kms-vpce.json'));
    assert.equal(endpoint.model.kind, 'vpcEndpointPolicy');
    assert.deepEqual(endpoint.findings.map((f) => [f.code, f.severity]), [['policy-unknown-action', 'error']]);
  });

  it('fix-all leaves alone the fixes that assume the kind, and keeps those that do not as they are', () => {
    // A key ARN as Resource: the key policy mistake, or a VPC endpoint policy limited to that key.
    const text = oneRole.replace('"Resource": "*"', '"Resource": "arn:aws:kms:eu-west-1:210987654321:key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34"');
    const { model, findings } = analyze(text, hints('policy.json'));
    assert.equal(model.policy?.decision.certain, false);
    const resource = findings.find((f) => f.code === 'policy-key-policy-resource');
    assert.ok(resource && resource.severity === 'information');
    assert.ok(resource.fixes?.length && resource.fixes.every((f) => !appliedByFixAll(f)), 'the "*" fix is offered, not applied by fix-all');
    const fixed = fixAll(text, hints('policy.json'), DEFAULT_SETTINGS).text;
    assert.equal(JSON.parse(fixed).Statement[0].Resource, 'arn:aws:kms:eu-west-1:210987654321:key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34');
    // The misspelt action is the same mistake whatever the kind: its fixes are as the rule made them.
    const preferred = (fileName: string): boolean[] | undefined => analyze(text, hints(fileName)).findings.find((f) => f.code === 'policy-unknown-action')?.fixes?.map((f) => appliedByFixAll(f));
    assert.deepEqual(preferred('policy.json'), preferred('key-policy.json'));
  });

  it('the name does not override clear content', () => {
    assert.equal(analyze(read('trust/lambda-execution-role-trust.json'), hints('key-policy.json')).model.kind, 'trustPolicy');
    assert.equal(analyze(read('key/logs-encryption-key.json'), hints('vpc-endpoint.json')).model.kind, 'keyPolicy');
  });

  it('"Principal": "*" with only kms: actions and "Resource": "*" is uncertain', () => {
    const d = detectPolicyKind({ statements: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '210987654321' } } }] });
    assert.deepEqual([d.kind, d.certain], ['keyPolicy', false]);
  });

  it('evidence decides: a service principal, the root with kms:*, key administration, a console Id are key policies; "Action": "*", IAM-only actions with key ARNs are endpoint policies', () => {
    const kind = (statements: object[], id?: string): string => {
      const d = detectPolicyKind({ id, statements });
      return `${d.kind}${d.certain ? '' : '?'}`;
    };
    const app = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/App' }, Resource: '*' };
    assert.equal(kind([{ ...app, Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:Decrypt' }]), 'keyPolicy');
    assert.equal(kind([{ ...app, Principal: { AWS: '210987654321' }, Action: 'kms:*' }]), 'keyPolicy');
    assert.equal(kind([{ ...app, Action: ['kms:PutKeyPolicy', 'kms:Describe*'] }]), 'keyPolicy');
    assert.equal(kind([{ ...app, Action: 'kms:Decrypt' }], 'key-consolepolicy-3'), 'keyPolicy');
    assert.equal(kind([{ ...app, Principal: '*', Action: '*' }]), 'vpcEndpointPolicy');
    assert.equal(kind([{ ...app, Action: ['kms:Decrypt', 'kms:ListKeys'], Resource: 'arn:aws:kms:eu-west-1:210987654321:key/*' }]), 'vpcEndpointPolicy');
    assert.equal(kind([{ ...app, Action: 'kms:Decrypt' }]), 'keyPolicy?');
    // A key policy with the root statement and a key ARN as Resource is a key policy with a mistake (the rule says so).
    assert.equal(kind([{ ...app, Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'kms:*' }, { ...app, Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:210987654321:key/*' }]), 'keyPolicy');
  });

  it('no principal: identity policy, or an SCP when it only denies with the guardrails SCPs have', () => {
    assert.equal(detectPolicyKind({ statements: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }).kind, 'identityPolicy');
    assert.equal(detectPolicyKind({ statements: [{ Effect: 'Deny', NotAction: ['iam:*'], Resource: '*' }] }).kind, 'serviceControlPolicy');
    assert.equal(detectPolicyKind({ statements: [{ Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }] }).kind, 'identityPolicy');
    assert.equal(detectPolicyKind({ statements: [{ Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }] }, 'guardrails-scp.json').kind, 'serviceControlPolicy');
  });

  it('tells the file names people give policies', () => {
    const named = (n: string): string | undefined => kindFromFileName(n)?.kind;
    assert.equal(named('trust-policy.json'), 'trustPolicy');
    assert.equal(named('lambda-assume-role.json'), 'trustPolicy');
    assert.equal(named('bucket-policy.json'), 'resourcePolicy');
    assert.equal(named('kms_key_policy.json'), 'keyPolicy');
    assert.equal(named('s3-vpce.json'), 'vpcEndpointPolicy');
    assert.equal(named('deny-regions-scp.json'), 'serviceControlPolicy');
    assert.equal(named('permissions-boundary.json'), 'identityPolicy');
    assert.equal(named('policy.json'), undefined);
    assert.equal(named('description.json'), undefined, 'scp inside a word is not an SCP');
  });
});

describe('policy kinds: the user\'s setting', () => {
  it('wins over the content: a trust policy read as a key policy gets the key policy rules', () => {
    const text = read('trust/lambda-execution-role-trust.json');
    const { model, findings } = analyze(text, hints('trust.json', 'keyPolicy'));
    assert.equal(model.kind, 'keyPolicy');
    assert.equal(model.policy?.decision.source, 'setting');
    assert.ok(findings.some((f) => f.code === 'policy-non-kms-action' && f.severity === 'error'));
  });

  it('globs: ** for folders, * and ? in names, {a,b}, a pattern without / for the file name anywhere, the longest match wins', () => {
    const overrides = { 'endpoints/**': 'vpcEndpointPolicy', '**/*-trust.json': 'trustPolicy', 'key-policy.json': 'keyPolicy', 'endpoints/special/*.json': 'keyPolicy', bad: 'notAKind' };
    assert.equal(kindForFile('endpoints/s3.json', overrides), 'vpcEndpointPolicy');
    assert.equal(kindForFile('endpoints/a/b/c.json', overrides), 'vpcEndpointPolicy');
    assert.equal(kindForFile('endpoints/special/x.json', overrides), 'keyPolicy');
    assert.equal(kindForFile('iam/app-trust.json', overrides), 'trustPolicy');
    assert.equal(kindForFile('app-trust.json', overrides), 'trustPolicy');
    assert.equal(kindForFile('a\\b\\key-policy.json', overrides), 'keyPolicy');
    assert.equal(kindForFile('bad', overrides), undefined);
    assert.equal(kindForFile('other.json', overrides), undefined);
    assert.ok(matchesGlob('policies/prod.json', 'policies/{prod,staging}.json'));
    assert.ok(!matchesGlob('policies/dev.json', 'policies/{prod,staging}.json'));
    assert.ok(matchesGlob('p1.json', 'p?.json'));
    assert.ok(matchesGlob('p1.json', 'p[0-9].json'));
    assert.ok(!matchesGlob('dir/p1.json', 'p?/*.json'));
    assert.equal(globToRegExp('[unclosed'), undefined);
  });
});

describe('policy kinds: CloudFormation templates', () => {
  const template = read('template/data-pipeline-stack.json');

  it('gives each embedded policy the kind of the resource that holds it, and leaves out those that do not mention KMS', () => {
    const model = buildModel(template, hints('stack.json'), { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(model.kind, 'cloudFormation');
    const policies = policiesOf(model).map((p) => [p.kind, p.decision.service, p.decision.source]);
    assert.deepEqual(policies, [['keyPolicy', undefined, 'template'], ['identityPolicy', undefined, 'template'], ['resourcePolicy', 's3', 'template']]);
    assert.deepEqual(analyze(template, hints('stack.json')).findings, []);
  });

  it('checks the KMS part of an embedded bucket policy and nothing else of it', () => {
    const src = template.replace('key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34" } }', 'key/⟦6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a3⟧" } }').replace('"aws:SecureTransport": "false"', '"aws:SecureTransport": "nope"');
    expectExactly(src, 'policy-key-id-invalid', 'stack.json');
    assert.deepEqual(analyze(unmark(src).text, hints('stack.json')).findings.map((f) => f.code), ['policy-key-id-invalid']);
  });

  it('a template whose policies do not mention KMS is left alone', () => {
    const other = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: JSON.parse(read('trust/lambda-execution-role-trust.json')) } },
      QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { PolicyDocument: JSON.parse(read('resource/sqs-queue-policy.json')) } },
    } });
    assert.equal(buildModel(other, hints('stack.json'), { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other');
  });

  it('reads SCPs and RCPs of AWS::Organizations::Policy by its Type, and a policy written as a JSON string', () => {
    const rcp = JSON.parse(read('rcp/identity-perimeter-rcp.json'));
    rcp.Statement[0].Action.push('kms:Decrpyt');
    const text = JSON.stringify({ Resources: {
      Perimeter: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'RESOURCE_CONTROL_POLICY', Name: 'perimeter', Content: rcp } },
      Logs: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'es', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'es.amazonaws.com' }, Action: ['logs:PutLogEvents', 'kms:Decrpyt'], Resource: '*' }] }) } },
    } }, null, 2);
    const model = buildModel(text, hints('org.json'), { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.deepEqual(policiesOf(model).map((p) => [p.kind, p.origin]), [['resourceControlPolicy', 'embedded'], ['resourcePolicy', 'string']]);
    const unknown = analyze(text, hints('org.json')).findings.filter((f) => f.code === 'policy-unknown-action');
    // Both misspellings, the second one on the characters of the escaped string.
    assert.deepEqual(unknown.map((f) => text.slice(f.start, f.end)), ['Decrpyt', 'Decrpyt']);
  });
});

describe('policy kinds: the kind hover on the first brace', () => {
  const hover = (text: string, offset: number, fileName = 'policy.json'): string | undefined => hoverAt(buildModel(text, hints(fileName), { maxFileSize: DEFAULT_SETTINGS.maxFileSize }), offset)?.markdown;

  it('says what the file was read as, why, and what is checked', () => {
    const md = hover(read('trust/github-actions-oidc.json'), 0) ?? '';
    assert.match(md, /^\*\*KMS Lens reads this as: An IAM role trust policy\*\*/);
    assert.match(md, /allow only sts:AssumeRole/);
    assert.match(md, /Only what is about KMS is checked/);
    assert.match(md, /kmsLens\.policyKinds/);
    assert.equal(hover(read('trust/github-actions-oidc.json'), 1), undefined, 'only on the brace');
  });

  it('says when it is not sure, and what else the file could be', () => {
    const md = hover(read('endpoint/kms-vpce-policy.json'), 0) ?? '';
    assert.match(md, /reads this as: A KMS key policy/);
    assert.match(md, /Not sure: it could also be a VPC endpoint policy\. Findings that depend on which it is are shown as information at most\./);
  });

  it('explains only the statements about KMS of a policy of another kind', () => {
    const text = read('resource/bucket-policy-sse-kms.json');
    const s3Statement = text.indexOf('{', text.indexOf('"Statement"'));
    assert.equal(hover(text, s3Statement), undefined, 'the DenyInsecureTransport statement is not ours to explain');
    const kmsStatement = text.lastIndexOf('{', text.indexOf('"DenyOtherKmsKeys"'));
    assert.match(hover(text, kmsStatement) ?? '', /^\*\*Statement 3 \(DenyOtherKmsKeys\)\*\* · S3 bucket policy\n\nDenies anyone permission to `s3:PutObject`/);
  });

  it('lists the policies of a template on its first brace', () => {
    const md = hover(read('template/data-pipeline-stack.json'), 0, 'stack.json') ?? '';
    assert.match(md, /a CloudFormation template/);
    assert.match(md, /- A KMS key policy: It is the KeyPolicy of a AWS::KMS::Key resource\./);
    assert.match(md, /- An S3 bucket policy: It is the PolicyDocument of a AWS::S3::BucketPolicy resource\./);
  });
});
