/**
 * Least privilege from the logs: the generated key policy keeps the root
 * statement, allows exactly what the successful calls show, passes KMS Lens's
 * own rules, and allows every call it was built from (checked with the evaluator).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { generateKeyPolicy } from '../../src/core/access/generate';
import { keyPolicyFromText, simulate } from '../../src/core/access/simulate';
import { ACCOUNT, BOB, GRANT_ID, KEY, kmsEvent, log, ORDERS, ORDERS_ROLE, OUTSIDER, WORKER, WORKER_ROLE } from './accessFixtures';
import { runCli } from './helpers';

const OTHER_KEY = KEY.replace('1234abcd', '9999abcd');
const ctx = (app: string) => ({ keyId: KEY, encryptionContext: { app, tenant: app === 'orders' ? 't1' : 't2' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });

function events(): Record<string, unknown>[] {
  return [
    kmsEvent('Decrypt', { ...ORDERS, invokedBy: 'dynamodb.amazonaws.com' }, '2024-03-01T10:00:00Z', { sourceIPAddress: 'dynamodb.amazonaws.com', requestParameters: ctx('orders') }),
    kmsEvent('GenerateDataKey', { ...ORDERS, invokedBy: 'dynamodb.amazonaws.com' }, '2024-03-01T10:01:00Z', { sourceIPAddress: 'dynamodb.amazonaws.com', requestParameters: { ...ctx('orders'), keySpec: 'AES_256' } }),
    kmsEvent('DescribeKey', { ...ORDERS, invokedBy: 'dynamodb.amazonaws.com' }, '2024-03-01T10:02:00Z', { sourceIPAddress: 'dynamodb.amazonaws.com', requestParameters: { keyId: KEY } }),
    kmsEvent('Decrypt', WORKER, '2024-03-01T11:00:00Z', { requestParameters: ctx('billing') }),
    kmsEvent('Decrypt', WORKER, '2024-03-01T11:30:00Z', { requestParameters: { keyId: KEY, encryptionContext: { app: 'orders' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } }),
    // CreateKey (not an action on a key), refused, a dry run, another key: none of them is in the policy.
    kmsEvent('CreateKey', BOB, '2024-03-01T09:00:00Z', { requestParameters: { keySpec: 'SYMMETRIC_DEFAULT' }, responseElements: { keyMetadata: { arn: KEY } } }),
    kmsEvent('ScheduleKeyDeletion', OUTSIDER, '2024-03-01T12:00:00Z', { errorCode: 'AccessDenied' }),
    kmsEvent('Encrypt', BOB, '2024-03-01T12:10:00Z', { errorCode: 'DryRunOperationException' }),
    kmsEvent('Encrypt', BOB, '2024-03-01T12:20:00Z', { requestParameters: { keyId: OTHER_KEY }, resources: [{ ARN: OTHER_KEY }] }),
  ];
}

function sources(text = log(events())) {
  return [{ id: 'trail.json', model: buildModel(text, { languageId: 'json', fileName: 'trail.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }) }];
}

describe('generate-policy (core)', () => {
  it('keeps the root statement and allows exactly the operations, services and context the calls show', () => {
    const g = generateKeyPolicy(sources(), KEY);
    assert.ok(g);
    assert.equal(g.calls, 5);
    assert.equal(g.principals, 2);
    assert.deepEqual([g.from, g.to], ['2024-03-01T10:00:00Z', '2024-03-01T11:30:00Z']);
    const policy = JSON.parse(g.text);
    assert.deepEqual(policy.Statement, [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'AllowRoleOrdersServiceUse', Effect: 'Allow', Principal: { AWS: ORDERS_ROLE }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*',
        Condition: { StringEquals: { 'kms:EncryptionContext:app': 'orders', 'kms:EncryptionContext:tenant': 't1', 'kms:ViaService': 'dynamodb.us-west-2.amazonaws.com' } },
      },
      { Sid: 'AllowRoleOrdersServiceOther', Effect: 'Allow', Principal: { AWS: ORDERS_ROLE }, Action: 'kms:DescribeKey', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-west-2.amazonaws.com' } } },
      // Worker: direct calls (no ViaService), `app` in both with two values, `tenant` in one only.
      { Sid: 'AllowRoleWorkerUse', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Worker` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:app': ['billing', 'orders'] } } },
    ]);
  });

  it('passes KMS Lens\'s own rules: no finding above information', () => {
    const g = generateKeyPolicy(sources(), KEY);
    assert.ok(g);
    const { model, findings } = analyze(g.text, { languageId: 'json', fileName: 'key-policy.json' }, DEFAULT_SETTINGS);
    assert.equal(model.kind, 'keyPolicy');
    assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code}: ${f.message}`), []);
  });

  it('allows every call it was built from, by its own statements (the evaluator agrees)', () => {
    const g = generateKeyPolicy(sources(), KEY);
    const model = g && keyPolicyFromText(g.text);
    assert.ok(model);
    const used = simulate({ keyPolicy: { name: 'generated', model }, events: sources(log(events().slice(0, 5))) });
    assert.deepEqual(used.map((r) => r.decision), ['allow', 'allow', 'allow', 'allow', 'allow']);
    assert.ok(used.every((r) => r.decidedBy.some((d) => d.type === 'statement' && d.index > 0)));
  });

  it('grants: CreateGrant limited to the operations granted, no RetireGrant, nothing for calls a grant allowed; still no finding above information', () => {
    const grantEvents = [
      kmsEvent('CreateGrant', ORDERS, '2024-03-01T11:00:00Z', {
        requestParameters: { keyId: KEY, granteePrincipal: WORKER_ROLE, operations: ['Decrypt', 'RetireGrant'] },
        responseElements: { grantId: GRANT_ID, keyId: KEY },
      }),
      // The worker decrypts through the grant, then retires it: the grant, not the key policy, allowed both.
      kmsEvent('Decrypt', WORKER, '2024-03-01T12:00:00Z', { requestParameters: { keyId: KEY, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } }),
      kmsEvent('RetireGrant', WORKER, '2024-03-01T13:00:00Z', { requestParameters: { keyId: KEY, grantId: GRANT_ID } }),
    ];
    const g = generateKeyPolicy(sources(log(grantEvents)), KEY);
    assert.ok(g);
    const statements = JSON.parse(g.text).Statement as Array<Record<string, unknown>>;
    assert.deepEqual(statements.slice(1), [
      { Sid: 'AllowRoleOrdersServiceCreateGrant', Effect: 'Allow', Principal: { AWS: ORDERS_ROLE }, Action: 'kms:CreateGrant', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'RetireGrant'] } } },
    ]);
    const { findings } = analyze(g.text, { languageId: 'json', fileName: 'key-policy.json' }, DEFAULT_SETTINGS);
    assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code}: ${f.message}`), []);
    // The CreateGrant it was built from is allowed by its own statement, condition included.
    const model = keyPolicyFromText(g.text);
    assert.ok(model);
    const created = simulate({ keyPolicy: { name: 'generated', model }, events: sources(log(grantEvents.slice(0, 1))) });
    assert.deepEqual(created.map((r) => [r.decision, r.decidedBy.map((d) => (d.type === 'statement' ? d.index : d.type))]), [['allow', [1]]]);
  });

  it('with no call on the key, the root statement only; no policy for what is not a key ARN', () => {
    const g = generateKeyPolicy(sources(log([])), KEY);
    assert.equal(JSON.parse(g?.text ?? '{}').Statement.length, 1);
    assert.equal(generateKeyPolicy(sources(), 'alias/orders'), undefined);
  });
});

describe('kms-lens generate-policy', () => {
  it('prints the policy and says what it was built from; --key is required', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-generate-'));
    try {
      fs.writeFileSync(path.join(dir, 'trail.json'), log(events()));
      const r = runCli(['generate-policy', '--key', KEY, 'trail.json'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).Statement.length, 4);
      assert.match(r.stderr, /from 5 successful calls by 2 principals, 2024-03-01T10:00:00Z to 2024-03-01T11:30:00Z/);
      const none = runCli(['generate-policy', 'trail.json'], dir);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /--key ARN is required/);
      const bad = runCli(['generate-policy', '--key', 'alias/x', 'trail.json'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--key expects a key ARN/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
