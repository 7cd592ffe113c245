/**
 * `kms-lens simulate`: the core function and the CLI contract of issue 16
 * (JSON fields, 0-based statement index, grants from --logs and EVENTS, exit
 * status 1 only when a decision contradicts what happened).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { identityPolicyFromText, keyPolicyFromText, simulate } from '../../src/core/access/simulate';
import { ACCOUNT, consistentEvents, GRANT_ID, KEY, KEY_POLICY, log, ORDERS_ROLE, outsiderDecrypt, refusedOrdersDecrypt } from './accessFixtures';
import { runCli } from './helpers';

function source(id: string, text: string) {
  return { id, model: buildModel(text, { languageId: 'json', fileName: id }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }) };
}

function policy() {
  const model = keyPolicyFromText(JSON.stringify(KEY_POLICY));
  assert.ok(model);
  return { name: 'key-policy.json', model };
}

describe('simulate (core)', () => {
  it('says what allowed or denied each event: statement, grant, delegation, explicit deny', () => {
    const results = simulate({ keyPolicy: policy(), events: [source('log.json', log(consistentEvents()))], explain: true });
    assert.deepEqual(results.map((r) => [r.eventName, r.decision, r.decidedBy, r.actual, r.contradiction]), [
      ['Decrypt', 'allow', [{ type: 'statement', sid: 'AllowOrders', index: 1 }], 'success', undefined],
      ['DescribeKey', 'delegated', [{ type: 'delegation', account: ACCOUNT }], 'success', undefined],
      ['CreateGrant', 'allow', [{ type: 'statement', sid: 'AllowOrders', index: 1 }], 'success', undefined],
      ['Decrypt', 'allow', [{ type: 'grant', grantId: GRANT_ID }], 'success', undefined],
      ['Encrypt', 'explicitDeny', [{ type: 'statement', sid: 'DenyOutsideDynamo', index: 2 }], 'failure', undefined],
    ]);
    assert.equal(results[0].keyArn, KEY);
    assert.match(results[0].principal ?? '', /assumed-role\/OrdersService\/orders-1$/);
    assert.match(results[4].explanation ?? '', /Denied explicitly by statement 2 \(DenyOutsideDynamo\)/);
  });

  it('grants come from --logs too: without the CreateGrant event the grantee\'s Decrypt is only delegated', () => {
    const [create, use] = consistentEvents().slice(2, 4);
    const alone = simulate({ keyPolicy: policy(), events: [source('use.json', log([use]))] });
    assert.equal(alone[0].decision, 'delegated');
    const withLogs = simulate({ keyPolicy: policy(), logs: [source('grants.json', log([create]))], events: [source('use.json', log([use]))] });
    assert.equal(withLogs.length, 1, 'only EVENTS are evaluated');
    assert.deepEqual(withLogs[0].decidedBy, [{ type: 'grant', grantId: GRANT_ID }]);
  });

  it('marks a success the policy denies, and a refusal it allows, as contradictions', () => {
    const results = simulate({ keyPolicy: policy(), events: [source('log.json', log([outsiderDecrypt(), refusedOrdersDecrypt()]))] });
    assert.deepEqual(results.map((r) => [r.decision, r.actual, r.contradiction]), [
      ['implicitDeny', 'success', 'succeededButDenied'],
      ['allow', 'failure', 'refusedButAllowed'],
    ]);
  });

  it('with the caller\'s IAM policy loaded, a delegated call is decided', () => {
    const identity = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:DescribeKey', Resource: KEY }] };
    const model = identityPolicyFromText(JSON.stringify(identity));
    assert.ok(model);
    const [r] = simulate({ keyPolicy: policy(), identityPolicies: [{ name: 'bob.json', model }], events: [source('log.json', log([consistentEvents()[1]]))] });
    assert.equal(r.decision, 'allow');
    assert.deepEqual(r.decidedBy, [{ type: 'delegation', account: ACCOUNT }, { type: 'statement', sid: null, index: 0, policy: 'bob.json' }]);
  });

  it('reads get-key-policy output as the policy it holds', () => {
    const model = keyPolicyFromText(JSON.stringify({ Policy: JSON.stringify(KEY_POLICY), PolicyName: 'default' }));
    assert.equal(model?.statements.length, 3);
  });
});

describe('kms-lens simulate', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-simulate-'));
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(KEY_POLICY, null, 2));
    fs.writeFileSync(path.join(dir, 'ok.json'), log(consistentEvents()));
    fs.writeFileSync(path.join(dir, 'grant.json'), log(consistentEvents().slice(2, 3)));
    fs.writeFileSync(path.join(dir, 'use.json'), log(consistentEvents().slice(3, 4)));
    fs.writeFileSync(path.join(dir, 'drift.json'), log([outsiderDecrypt()]));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a log');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON contract, one object per KMS event, and exits 0 when nothing contradicts', () => {
    const r = runCli(['simulate', '--format', 'json', '--policy', 'policy.json', 'ok.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.equal(out.length, 5);
    assert.deepEqual(Object.keys(out[0]), ['file', 'eventID', 'eventName', 'principal', 'keyArn', 'decision', 'decidedBy', 'actual']);
    assert.deepEqual(out[0], {
      file: 'ok.json',
      eventID: out[0].eventID,
      eventName: 'Decrypt',
      principal: out[0].principal,
      keyArn: KEY,
      decision: 'allow',
      decidedBy: [{ type: 'statement', sid: 'AllowOrders', index: 1 }],
      actual: 'success',
    });
    assert.match(String(out[0].eventID), /^00000000-0000-0000-0000-\d{12}$/);
    assert.match(String(out[0].principal), /^arn:aws:sts::111122223333:assumed-role\/OrdersService\//);
    assert.deepEqual(out.map((o) => o.decision), ['allow', 'delegated', 'allow', 'allow', 'explicitDeny']);
    assert.deepEqual(out[3].decidedBy, [{ type: 'grant', grantId: GRANT_ID }]);
    assert.equal(out[4].actual, 'failure');
  });

  it('takes grants from --logs', () => {
    const r = runCli(['simulate', '--format', 'json', '--policy', 'policy.json', '--logs', 'grant.json', 'use.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.length, 1);
    assert.deepEqual(out[0].decidedBy, [{ type: 'grant', grantId: GRANT_ID }]);
  });

  it('exits 1 when a decision contradicts what happened, and says so in text', () => {
    const r = runCli(['simulate', '--policy', 'policy.json', 'drift.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^drift\.json:\d+ Decrypt by arn:aws:sts::444455556666:assumed-role\/Intruder\/x: implicitDeny\. /m);
    assert.match(r.stdout, /contradiction: the call succeeded, but this policy and these grants deny it/);
    assert.match(r.stdout, /1 KMS event \(1 implicitDeny\), 1 contradiction\n$/);
  });

  it('text: one line per event with its file and line, and a tally', () => {
    const r = runCli(['simulate', '--policy', 'policy.json', 'ok.json', 'notes.txt'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ok\.json:3 Decrypt by \S+: allow\. Allowed by statement 1 \(AllowOrders\) of the key policy\.$/m);
    assert.match(r.stdout, /5 KMS events \(3 allow, 1 delegated, 1 explicitDeny\), 0 contradictions/);
    assert.match(r.stderr, /skipped notes\.txt: not CloudTrail events/);
  });

  it('without --policy, or with a policy file that is not one, says so and exits 2', () => {
    const none = runCli(['simulate', 'ok.json'], dir);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--policy FILE is required/);
    const bad = runCli(['simulate', '--policy', 'notes.txt', 'ok.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--policy notes\.txt: not a policy/);
    const missing = runCli(['simulate', '--policy', 'nope.json', 'ok.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--policy nope\.json: no such file/);
  });

  it('--key-policy ARN=FILE gives one key its policy; events on a key with none known are unknown', () => {
    const other = KEY.replace('1234abcd', '9999abcd');
    fs.writeFileSync(path.join(dir, 'two-keys.json'), log([consistentEvents()[0], { ...consistentEvents()[0], requestParameters: { keyId: other }, resources: [{ ARN: other }] }]));
    const r = runCli(['simulate', '--format', 'json', '--key-policy', `${KEY}=policy.json`, 'two-keys.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).map((o: { keyArn: string; decision: string }) => [o.keyArn, o.decision]), [[KEY, 'allow'], [other, 'unknown']]);
    const bad = runCli(['simulate', '--key-policy', 'alias/x=policy.json', 'two-keys.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--key-policy expects ARN=FILE with a key ARN/);
  });

  it('--key-policy ARN=template#LogicalId reads the KeyPolicy of that key of a CloudFormation template (YAML or JSON)', () => {
    const other = KEY.replace('1234abcd', '9999abcd');
    const ordersOnly = { Version: '2012-10-17', Statement: [{ Sid: 'OrdersFromTemplate', Effect: 'Allow', Principal: { AWS: ORDERS_ROLE }, Action: 'kms:Decrypt', Resource: '*' }] };
    const nobody = { Version: '2012-10-17', Statement: [{ Sid: 'AdminsOnly', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: 'kms:*', Resource: '*' }] };
    const template = { AWSTemplateFormatVersion: '2010-09-09', Resources: { OrdersKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: ordersOnly } }, AdminKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: nobody } }, Bucket: { Type: 'AWS::S3::Bucket' } } };
    fs.writeFileSync(path.join(dir, 'keys.template.json'), JSON.stringify(template, null, 2));
    const yaml = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  OrdersKey:', '    Type: AWS::KMS::Key', '    Properties:', '      KeyPolicy:', '        Version: "2012-10-17"', '        Statement:', '          - Sid: OrdersFromYaml', '            Effect: Allow', '            Principal:', `              AWS: ${ORDERS_ROLE}`, '            Action: kms:Decrypt', '            Resource: "*"', ''].join('\n');
    fs.writeFileSync(path.join(dir, 'keys.yaml'), yaml);
    fs.writeFileSync(path.join(dir, 'decrypts.json'), log([consistentEvents()[0], { ...consistentEvents()[0], requestParameters: { keyId: other }, resources: [{ ARN: other }] }]));
    const json = runCli(['simulate', '--format', 'json', '--key-policy', `${KEY}=keys.template.json#OrdersKey`, '--key-policy', `${other}=keys.template.json#AdminKey`, 'decrypts.json'], dir);
    assert.equal(json.code, 1, json.stderr);
    const out = JSON.parse(json.stdout) as Array<{ keyArn: string; decision: string; decidedBy: unknown[] }>;
    assert.deepEqual(out.map((o) => [o.keyArn, o.decision]), [[KEY, 'allow'], [other, 'implicitDeny']]);
    assert.deepEqual(out[0].decidedBy, [{ type: 'statement', sid: 'OrdersFromTemplate', index: 0 }]);
    // A YAML template with one key: its logical id, or none at all.
    for (const spec of ['keys.yaml#OrdersKey', 'keys.yaml']) {
      const r = runCli(['simulate', '--format', 'json', '--key-policy', `${KEY}=${spec}`, 'decrypts.json'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout)[0].decidedBy, [{ type: 'statement', sid: 'OrdersFromYaml', index: 0 }], spec);
    }
    // --policy takes the same form.
    const policy = runCli(['simulate', '--format', 'json', '--policy', 'keys.template.json#OrdersKey', 'decrypts.json'], dir);
    assert.equal(JSON.parse(policy.stdout)[1].decision, 'allow', policy.stderr);
  });

  it('--key-policy ARN=FILE#LogicalId: a clear error and exit 2 when the id or the file is not found, or the file is not a template', () => {
    const cases: Array<[string, RegExp]> = [
      ['keys.template.json#NoSuchKey', /--key-policy keys\.template\.json#NoSuchKey: the template has no AWS::KMS::Key named NoSuchKey/],
      ['keys.template.json#Bucket', /the template has no AWS::KMS::Key named Bucket/],
      ['keys.template.json', /--key-policy keys\.template\.json: the template has 2 keys: map the key as FILE#LogicalId \(OrdersKey, AdminKey\)/],
      ['missing.yaml#OrdersKey', /--key-policy missing\.yaml: no such file/],
      ['policy.json#OrdersKey', /--key-policy policy\.json#OrdersKey: #OrdersKey names a resource, but the file is not a CloudFormation template/],
    ];
    for (const [spec, message] of cases) {
      const r = runCli(['simulate', '--key-policy', `${KEY}=${spec}`, 'ok.json'], dir);
      assert.equal(r.code, 2, spec);
      assert.match(r.stderr, message, spec);
      assert.equal(r.stdout, '', spec);
    }
  });

  it('--policy main.tf reads the key policy of a Terraform module, as access does; a module with two keys is a clear error', () => {
    const key = (name: string, sid: string): string => [
      `resource "aws_kms_key" "${name}" {`,
      '  description = "orders"',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      `    Statement = [{ Sid = "${sid}", Effect = "Allow", Principal = { AWS = "${ORDERS_ROLE}" }, Action = "kms:Decrypt", Resource = "*" }]`,
      '  })',
      '}',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'main.tf'), key('orders', 'OrdersFromTerraform'));
    const r = runCli(['simulate', '--format', 'json', '--policy', 'main.tf', 'ok.json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout)[0].decidedBy, [{ type: 'statement', sid: 'OrdersFromTerraform', index: 0 }]);
    const mapped = runCli(['simulate', '--format', 'json', '--key-policy', `${KEY}=main.tf`, 'ok.json'], dir);
    assert.deepEqual(JSON.parse(mapped.stdout)[0].decidedBy, [{ type: 'statement', sid: 'OrdersFromTerraform', index: 0 }], mapped.stderr);
    const access = runCli(['access', 'main.tf'], dir);
    assert.equal(access.code, 0, access.stderr);
    assert.match(access.stdout, /may Decrypt \(statement 0, OrdersFromTerraform\)/);
    fs.writeFileSync(path.join(dir, 'two.tf'), key('orders', 'A') + key('audit', 'B'));
    const two = runCli(['simulate', '--policy', 'two.tf', 'ok.json'], dir);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /--policy two\.tf: the file holds 2 key policies; give a file with one/);
  });

  it('lists the command and its flags in --help', () => {
    const r = runCli(['--help']);
    assert.match(r.stdout, /kms-lens simulate: /);
    for (const flag of ['--policy FILE', '--key-policy ARN=FILE', '--identity-policy FILE', '--logs FILE']) assert.ok(r.stdout.includes(flag), flag);
  });
});
