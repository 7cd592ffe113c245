/**
 * Unused access (issue 16, item 4): the Allow statements and grants that no
 * event in the logs used, over the period the logs cover, and nothing at all
 * when the logs hold no event on the key.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildModel, DEFAULT_SETTINGS, runRules } from '../../src/core';
import { keyPolicyFromText } from '../../src/core/access/simulate';
import { keysOfLogs, logPeriod, unusedAccess, unusedGrants } from '../../src/core/access/unused';
import { buildGrantsModel } from '../../src/core/keys/build';
import { ACCOUNT, BOB, GRANT_ID, KEY, kmsEvent, log, ORDERS, ORDERS_ROLE, OTHER, OUTSIDER, WORKER_ROLE } from './accessFixtures';
import { runCli } from './helpers';

const OTHER_KEY = `arn:aws:kms:us-west-2:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
const SECOND_GRANT = 'b'.repeat(64);

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
    { Sid: 'AllowOrdersDecrypt', Effect: 'Allow', Principal: { AWS: ORDERS_ROLE }, Action: 'kms:Decrypt', Resource: '*' },
    { Sid: 'AllowOrdersGrants', Effect: 'Allow', Principal: { AWS: ORDERS_ROLE }, Action: 'kms:CreateGrant', Resource: '*' },
    { Sid: 'AllowPartnerAccount', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'kms:Decrypt', Resource: '*' },
    { Sid: 'AllowAdmins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: ['kms:Put*', 'kms:ScheduleKeyDeletion'], Resource: '*' },
    { Sid: 'DenyDeletion', Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
  ],
};

function source(id: string, events: unknown[]) {
  const text = log(events);
  return { id, text, model: buildModel(text, { languageId: 'json', fileName: id }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }) };
}

function policyModel(policy: unknown = POLICY) {
  const model = keyPolicyFromText(JSON.stringify(policy));
  assert.ok(model);
  return model;
}

function createGrant(time: string, grantee: string, grantId: string): Record<string, unknown> {
  return kmsEvent('CreateGrant', ORDERS, time, { readOnly: false, requestParameters: { keyId: KEY, granteePrincipal: grantee, operations: ['Decrypt'] }, responseElements: { grantId, keyId: KEY } });
}

const workerSession = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLEWORKER:w',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Worker/w`,
  accountId: ACCOUNT,
  sessionContext: { sessionIssuer: { type: 'Role', arn: WORKER_ROLE, accountId: ACCOUNT, userName: 'Worker' } },
};

/** A week of calls on KEY: Orders decrypts and grants, Worker decrypts through the first grant, the partner account decrypts. */
function week(): unknown[] {
  return [
    kmsEvent('Decrypt', ORDERS, '2026-01-02T08:00:00Z'),
    createGrant('2026-01-03T09:00:00Z', WORKER_ROLE, GRANT_ID),
    createGrant('2026-01-03T09:30:00Z', `arn:aws:iam::${ACCOUNT}:role/Batch`, SECOND_GRANT),
    kmsEvent('Decrypt', workerSession, '2026-01-04T10:00:00Z'),
    kmsEvent('Decrypt', OUTSIDER, '2026-01-05T11:00:00Z'),
    // An event on another key, later than the rest: it widens the period the logs cover, and uses nothing of KEY's.
    kmsEvent('Decrypt', BOB, '2026-01-09T12:00:00Z', { requestParameters: { keyId: OTHER_KEY }, resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: OTHER_KEY }] }),
  ];
}

describe('unused access', () => {
  it('the period is the first and last eventTime of every log, within the bounds', () => {
    const a = source('a.json', [kmsEvent('Decrypt', ORDERS, '2026-01-05T00:00:00Z'), kmsEvent('Decrypt', ORDERS, '2026-01-02T03:04:05Z')]);
    const b = source('b.json', [kmsEvent('Decrypt', ORDERS, '2026-01-09T23:59:59Z')]);
    const p = logPeriod([a, b]);
    assert.deepEqual(p && [new Date(p.from).toISOString(), new Date(p.to).toISOString()], ['2026-01-02T03:04:05.000Z', '2026-01-09T23:59:59.000Z']);
    const within = logPeriod([a, b], Date.parse('2026-01-03T00:00:00Z'), Date.parse('2026-01-09T00:00:00Z'));
    assert.deepEqual(within && [within.from, within.to], [Date.parse('2026-01-05T00:00:00Z'), Date.parse('2026-01-05T00:00:00Z')]);
    assert.equal(logPeriod([source('empty.json', [])]), undefined);
  });

  it('names the Allow statements and grants no event used, with the period the logs cover', () => {
    const u = unusedAccess({ policy: policyModel(), keyArn: KEY, sources: [source('week.json', week())] });
    assert.ok(u);
    assert.deepEqual(u.period, { from: '2026-01-02T08:00:00Z', to: '2026-01-09T12:00:00Z' });
    assert.equal(u.events, 5);
    // AllowAdmins only: the Deny and the account's own root statement are never listed.
    assert.deepEqual(u.statements.map((s) => s.ref.sid), ['AllowAdmins']);
    assert.deepEqual(u.grants.map((g) => g.grantId), [SECOND_GRANT]);
  });

  it('counts a statement used when it delegates to an account whose caller used the key, or allowed the CreateGrant of a grant', () => {
    const only = (events: unknown[]) => unusedAccess({ policy: policyModel(), keyArn: KEY, sources: [source('l.json', events)] })?.statements.map((s) => s.ref.sid);
    // Without the partner's call its account statement is unused; with it (allowed by delegation to that account's IAM), it is used.
    assert.ok(only([kmsEvent('Decrypt', ORDERS, '2026-01-02T08:00:00Z')])?.includes('AllowPartnerAccount'));
    assert.ok(!only([kmsEvent('Decrypt', OUTSIDER, '2026-01-02T08:00:00Z')])?.includes('AllowPartnerAccount'));
    // The statement that allowed CreateGrant is used, though the grantee's Decrypt is allowed by the grant, not by it.
    const withGrant = only([createGrant('2026-01-03T09:00:00Z', WORKER_ROLE, GRANT_ID), kmsEvent('Decrypt', workerSession, '2026-01-04T10:00:00Z')]);
    assert.ok(withGrant && !withGrant.includes('AllowOrdersGrants'));
    assert.ok(withGrant.includes('AllowOrdersDecrypt'));
  });

  it('a statement that might have allowed a call (a condition the log cannot tell) counts as used', () => {
    const policy = { ...POLICY, Statement: [POLICY.Statement[0], { Sid: 'TaggedOnly', Effect: 'Allow', Principal: { AWS: ORDERS_ROLE }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'orders' } } }] };
    const u = unusedAccess({ policy: policyModel(policy), keyArn: KEY, sources: [source('l.json', [kmsEvent('Decrypt', ORDERS, '2026-01-02T08:00:00Z')])] });
    assert.deepEqual(u?.statements, []);
  });

  it('says nothing when the logs hold no event on the key, or no log at all', () => {
    const otherKeyOnly = [kmsEvent('Decrypt', BOB, '2026-01-09T12:00:00Z', { requestParameters: { keyId: OTHER_KEY }, resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: OTHER_KEY }] })];
    assert.equal(unusedAccess({ policy: policyModel(), keyArn: KEY, sources: [source('other.json', otherKeyOnly)] }), undefined);
    assert.equal(unusedAccess({ policy: policyModel(), keyArn: KEY, sources: [] }), undefined);
    // Events on the key, but all outside the bounds given: nothing either.
    assert.equal(unusedAccess({ policy: policyModel(), keyArn: KEY, sources: [source('w.json', week())], from: Date.parse('2026-01-06T00:00:00Z') }), undefined);
  });

  it('a current policy is weighed only against events after the last policy change the logs show', () => {
    const put = kmsEvent('PutKeyPolicy', BOB, '2026-01-04T00:00:00Z', { readOnly: false, requestParameters: { keyId: KEY, policyName: 'default', policy: JSON.stringify(POLICY) } });
    const events = [kmsEvent('Decrypt', OUTSIDER, '2026-01-02T08:00:00Z'), put, kmsEvent('Decrypt', ORDERS, '2026-01-05T08:00:00Z')];
    const u = unusedAccess({ policy: policyModel(), keyArn: KEY, sources: [source('l.json', events)], current: true });
    assert.ok(u);
    // From the change, and the five minutes KMS may take to apply it.
    assert.equal(u.period.from, '2026-01-04T00:05:00Z');
    // The partner's call was before the change: under this policy, no event used the partner statement.
    assert.ok(u.statements.some((s) => s.ref.sid === 'AllowPartnerAccount'));
  });

  it('keysOfLogs lists the keys the KMS events are made on', () => {
    assert.deepEqual([...keysOfLogs([source('w.json', week())])].sort(), [OTHER_KEY, KEY].sort());
  });
});

describe('ct-unused-statement: the statements of a policy the log sets that no event used', () => {
  const put = (time: string, policy: unknown) => kmsEvent('PutKeyPolicy', BOB, time, { readOnly: false, requestParameters: { keyId: KEY, policyName: 'default', policy: JSON.stringify(policy) } });
  const findings = (events: unknown[]) => {
    const s = source('trail.json', events);
    return { text: s.text, found: runRules(s.model, DEFAULT_SETTINGS).filter((f) => f.code === 'ct-unused-statement') };
  };

  it('an information finding on the Sid of each unused Allow statement, naming the period the policy was in force', () => {
    const { text, found } = findings([put('2026-01-02T00:00:00Z', POLICY), ...week()]);
    assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['\\"AllowAdmins\\"']);
    assert.equal(found[0].severity, 'information');
    assert.match(found[0].message, /^No event between 2026-01-02 00:00:00 UTC and 2026-01-09 12:00:00 UTC used this statement: statement 4 \(AllowAdmins\) of the key policy set at 2026-01-02 00:00:00 UTC allowed none of the 5 calls/);
  });

  it('a policy replaced later is weighed only until the change; quiet when no event on the key falls in its time', () => {
    const replaced = findings([put('2026-01-02T00:00:00Z', POLICY), kmsEvent('Decrypt', ORDERS, '2026-01-02T08:00:00Z'), put('2026-01-03T00:00:00Z', POLICY), kmsEvent('Decrypt', OUTSIDER, '2026-01-04T08:00:00Z')]);
    // The first policy: only the Orders call, so the partner statement is unused then; under the second, only the partner's call.
    const messages = replaced.found.map((f) => f.message);
    assert.ok(messages.some((m) => /AllowPartnerAccount\) of the key policy set at 2026-01-02 00:00:00 UTC/.test(m)));
    assert.ok(messages.some((m) => /AllowOrdersDecrypt\) of the key policy set at 2026-01-03 00:00:00 UTC/.test(m)));
    assert.ok(!messages.some((m) => /AllowOrdersDecrypt\) of the key policy set at 2026-01-02 00:00:00 UTC/.test(m)));
    assert.deepEqual(findings([put('2026-01-02T00:00:00Z', POLICY)]).found, []);
    // A log without a policy change says nothing, however many events.
    assert.deepEqual(findings(week()).found, []);
  });
});

describe('kms-lens access --logs', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-unused-'));
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(POLICY, null, 2));
    fs.writeFileSync(path.join(dir, 'week.json'), log(week()));
    fs.writeFileSync(path.join(dir, 'other.json'), log([kmsEvent('Decrypt', BOB, '2026-01-09T12:00:00Z', { requestParameters: { keyId: OTHER_KEY }, resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: OTHER_KEY }] })]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists what no event on the key used, naming the period', () => {
    const r = runCli(['access', path.join(dir, 'policy.json'), '--logs', path.join(dir, 'week.json'), '--key', KEY]);
    assert.equal(r.code, 0, r.stderr);
    // The period once, in the header, written as KMS Lens writes times everywhere; each line then names what was not used.
    assert.match(r.stdout, /Unused access \(5 events on the key between 2026-01-02 08:00:00 UTC and 2026-01-09 12:00:00 UTC\):\n {4}statement 4 \(AllowAdmins\): not used\n/);
    assert.match(r.stdout, new RegExp(`\\n {4}grant ${SECOND_GRANT}: not used\\n`));
    assert.doesNotMatch(r.stdout, /T08:00:00Z/);
    assert.doesNotMatch(r.stdout, /statement 0 |DenyDeletion\):/);
  });

  it('JSON: an unused member per policy; null when the logs hold no event on the key', () => {
    const r = runCli(['access', '--format', 'json', path.join(dir, 'policy.json'), '--logs', path.join(dir, 'week.json'), '--key', KEY]);
    assert.equal(r.code, 0, r.stderr);
    const [summary] = JSON.parse(r.stdout) as Array<{ unused: unknown }>;
    assert.deepEqual(summary.unused, { key: KEY, period: { from: '2026-01-02T08:00:00Z', to: '2026-01-09T12:00:00Z' }, events: 5, statements: [{ sid: 'AllowAdmins', index: 4 }], grants: [SECOND_GRANT] });
    const none = runCli(['access', '--format', 'json', path.join(dir, 'policy.json'), '--logs', path.join(dir, 'other.json'), '--key', KEY]);
    assert.equal((JSON.parse(none.stdout) as Array<{ unused: unknown }>)[0].unused, null);
  });

  it('without --key: the one key the logs name, or a note asking which when they name several', () => {
    const one = runCli(['access', path.join(dir, 'policy.json'), '--logs', path.join(dir, 'other.json')]);
    assert.match(one.stdout, /Unused access \(1 event on the key at 2026-01-09 12:00:00 UTC\)/);
    const two = runCli(['access', path.join(dir, 'policy.json'), '--logs', path.join(dir, 'week.json')]);
    assert.match(two.stdout, /Unused access: not told \(the logs name 2 keys; give --key ARN/);
    assert.doesNotMatch(two.stdout, /not used/);
  });
});

describe('policy-unused-statement: on the file that holds a key\'s current policy, the statements no open log used', () => {
  const OTHER_ROLE_KEY = `arn:aws:kms:us-west-2:${ACCOUNT}:key/11112222-3333-4444-5555-666677778888`;
  const logs = [source('week.json', week())];
  const policyDoc = (text: string, fileName: string, languageId = 'json') => buildModel(text, { languageId, fileName }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const found = (text: string, fileName: string, usage: Parameters<typeof runRules>[2], languageId?: string) => {
    const model = policyDoc(text, fileName, languageId);
    return runRules(model, DEFAULT_SETTINGS, usage).filter((f) => f.code === 'policy-unused-statement').map((f) => ({ at: text.slice(f.start, f.end), f }));
  };

  it('an information finding on the Sid of each Allow statement no event on the key used, with the period and the number of calls', () => {
    const text = JSON.stringify(POLICY, null, 2);
    const r = found(text, 'key-policy.json', { usage: { logs, keys: [{ keyArn: KEY }] } });
    assert.deepEqual(r.map((x) => x.at), ['"AllowAdmins"']);
    assert.equal(r[0].f.severity, 'information');
    assert.equal(r[0].f.message, `Unused in the open logs: none of the 5 calls on ${KEY} between 2026-01-02 08:00:00 UTC and 2026-01-09 12:00:00 UTC went through this statement.`);
  });

  it('says nothing without logs, for a key the logs never name, or when the document is not told which key it is for', () => {
    const text = JSON.stringify(POLICY, null, 2);
    assert.deepEqual(found(text, 'key-policy.json', {}), []);
    assert.deepEqual(found(text, 'key-policy.json', { usage: { logs: [], keys: [{ keyArn: KEY }] } }), []);
    assert.deepEqual(found(text, 'key-policy.json', { usage: { logs, keys: [{ keyArn: OTHER_ROLE_KEY }] } }), []);
    assert.deepEqual(found(text, 'key-policy.json', { usage: { logs, keys: [] } }), []);
  });

  it('get-key-policy output: the policy in its string, the finding on the Sid inside it', () => {
    const text = JSON.stringify({ Policy: JSON.stringify(POLICY), PolicyName: 'default' }, null, 2);
    const r = found(text, 'policy-1234abcd-12ab-34cd-56ef-1234567890ab.json', { usage: { logs, keys: [{ keyArn: KEY }] } });
    assert.deepEqual(r.map((x) => x.at), ['\\"AllowAdmins\\"']);
  });

  it('a CloudFormation template: only the KeyPolicy of the key the mapping names by logical id', () => {
    const admins = (sid: string) => `          - Sid: ${sid}\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::${ACCOUNT}:role/KeyAdmin\n            Action: kms:ScheduleKeyDeletion\n            Resource: '*'\n`;
    const key = (id: string, sid: string) => `  ${id}:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: Orders\n            Effect: Allow\n            Principal:\n              AWS: ${ORDERS_ROLE}\n            Action: kms:Decrypt\n            Resource: '*'\n${admins(sid)}`;
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${key('OrdersKey', 'OrdersAdmins')}${key('BatchKey', 'BatchAdmins')}`;
    const r = found(text, 'template.yaml', { usage: { logs, keys: [{ keyArn: KEY, logicalId: 'BatchKey' }] } }, 'yaml');
    assert.deepEqual(r.map((x) => x.at), ['BatchAdmins']);
    // A template with two keys and no logical id: which key is meant is not known, so nothing is said.
    assert.deepEqual(found(text, 'template.yaml', { usage: { logs, keys: [{ keyArn: KEY }] } }, 'yaml'), []);
  });
});

describe('unused grants: active grants the logs show being created that no later event used', () => {
  const grantsOf = (events: unknown[]) => {
    const s = source('log.json', events);
    return unusedGrants(buildGrantsModel([s]), [s]);
  };
  const batchSession = { ...workerSession, principalId: 'AROAEXAMPLEBATCH:b', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Batch/b`, sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/Batch`, accountId: ACCOUNT, userName: 'Batch' } } };

  it('lists the grant no later call went through, with its key, the period from its creation to the end of the logs, and the calls on the key in it', () => {
    const u = grantsOf(week());
    assert.deepEqual(u.map((g) => g.grant.grantId), [SECOND_GRANT]);
    assert.equal(u[0].key.arn, KEY);
    assert.deepEqual(u[0].period, { from: '2026-01-03T09:30:00Z', to: '2026-01-09T12:00:00Z' });
    // The worker's and the partner's Decrypt after the grant was created; the other key's call is not counted.
    assert.equal(u[0].events, 2);
  });

  it('a call by the grantee\'s session, or by a service on its behalf, is a use', () => {
    const viaService = { ...batchSession, invokedBy: 'ec2.amazonaws.com' };
    assert.deepEqual(grantsOf([...week(), kmsEvent('Decrypt', batchSession, '2026-01-06T00:00:00Z')]).map((g) => g.grant.grantId), []);
    assert.deepEqual(grantsOf([...week(), kmsEvent('Decrypt', viaService, '2026-01-06T00:00:00Z')]).map((g) => g.grant.grantId), []);
  });

  it('a grant for DescribeKey or CreateGrant is used by those calls too (the evaluator decides them)', () => {
    const create = kmsEvent('CreateGrant', ORDERS, '2026-01-03T09:30:00Z', { readOnly: false, requestParameters: { keyId: KEY, granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/Batch`, operations: ['DescribeKey'] }, responseElements: { grantId: SECOND_GRANT, keyId: KEY } });
    const later = kmsEvent('Decrypt', ORDERS, '2026-01-05T00:00:00Z');
    assert.deepEqual(grantsOf([create, later]).map((g) => g.grant.grantId), [SECOND_GRANT]);
    assert.deepEqual(grantsOf([create, kmsEvent('DescribeKey', batchSession, '2026-01-04T00:00:00Z'), later]).map((g) => g.grant.grantId), []);
  });

  it('says nothing of a retired grant, of logs that end at the creation or never show the key again, or when a later caller cannot be read', () => {
    const retire = kmsEvent('RetireGrant', ORDERS, '2026-01-04T00:00:00Z', { readOnly: false, requestParameters: { keyId: KEY, grantId: SECOND_GRANT } });
    assert.deepEqual(grantsOf([...week(), retire]).map((g) => g.grant.grantId), []);
    assert.deepEqual(grantsOf(week().slice(0, 2)).map((g) => g.grant.grantId), []);
    const otherKeyOnly = week().slice(0, 2).concat([kmsEvent('Decrypt', BOB, '2026-01-09T12:00:00Z', { requestParameters: { keyId: OTHER_KEY }, resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: OTHER_KEY }] })]);
    assert.deepEqual(grantsOf(otherKeyOnly).map((g) => g.grant.grantId), []);
    assert.deepEqual(grantsOf([...week(), kmsEvent('Decrypt', { type: 'Unknown' }, '2026-01-06T00:00:00Z')]).map((g) => g.grant.grantId), []);
  });
});
