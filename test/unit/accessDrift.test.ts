/**
 * Events against the key policy their own log shows (PutKeyPolicy, CreateKey):
 * the eventName hover says what allowed the call, and ct-access-drift warns
 * when the outcome contradicts that policy, and only then.
 */
import * as assert from 'node:assert/strict';
import { buildModel, DEFAULT_SETTINGS, runRules } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { BOB, KEY, KEY_POLICY, kmsEvent, log, ORDERS, OUTSIDER } from './accessFixtures';

function createKey(time: string, policy?: unknown): Record<string, unknown> {
  return kmsEvent('CreateKey', BOB, time, {
    readOnly: false,
    requestParameters: policy === undefined ? { keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT' } : { keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', policy: JSON.stringify(policy) },
    responseElements: { keyMetadata: { keyId: KEY.slice(KEY.indexOf('/') + 1), arn: KEY, keyState: 'Enabled' } },
  });
}

function putKeyPolicy(time: string, policy: unknown): Record<string, unknown> {
  return kmsEvent('PutKeyPolicy', BOB, time, { readOnly: false, requestParameters: { keyId: KEY, policyName: 'default', policy: JSON.stringify(policy) } });
}

const denied = { errorCode: 'AccessDenied', errorMessage: 'not authorized' };

function analyse(events: unknown[]) {
  const text = log(events);
  const model = buildModel(text, { languageId: 'json', fileName: 'trail.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const drift = runRules(model, DEFAULT_SETTINGS).filter((f) => f.code === 'ct-access-drift');
  const eventNameAt = (i: number): number => {
    let at = -1;
    for (let k = 0; k <= i; k++) at = text.indexOf('"eventName"', at + 1);
    return text.indexOf(':', at) + 3;
  };
  return { text, model, drift, hover: (i: number) => hoverAt(model, eventNameAt(i))?.markdown ?? '' };
}

describe('events against the key policy their log shows', () => {
  const events = [
    createKey('2024-03-01T09:00:00Z', KEY_POLICY),
    kmsEvent('Encrypt', ORDERS, '2024-03-01T09:02:00Z'), // 1: two minutes after the policy: not judged for drift
    kmsEvent('Decrypt', ORDERS, '2024-03-01T10:00:00Z'), // 2: AllowOrders
    kmsEvent('DescribeKey', BOB, '2024-03-01T10:01:00Z'), // 3: up to Bob's IAM policies
    kmsEvent('ScheduleKeyDeletion', OUTSIDER, '2024-03-01T10:02:00Z', { readOnly: false, requestParameters: { keyId: KEY, pendingWindowInDays: 7 } }), // 4: no grant can allow it: drift
    kmsEvent('Decrypt', OUTSIDER, '2024-03-01T10:03:00Z'), // 5: a grant older than the log could allow it: quiet
    kmsEvent('Encrypt', ORDERS, '2024-03-01T10:04:00Z'), // 6: DenyOutsideDynamo, yet it succeeded: drift
    kmsEvent('Decrypt', ORDERS, '2024-03-01T10:05:00Z', denied), // 7: allowed, yet refused: drift
    kmsEvent('Encrypt', ORDERS, '2024-03-01T10:06:00Z', denied), // 8: denied and refused: consistent
  ];

  it('the eventName hover says which statement allowed the call, and against which policy', () => {
    const { hover } = analyse(events);
    assert.match(hover(2), /\*\*Against the key policy set by the CreateKey at 2024-03-01 09:00:00 UTC\*\*/);
    assert.match(hover(2), /Allowed by statement 1 \(`AllowOrders`\) of the key policy\./);
    assert.match(hover(3), /Up to the IAM policies of account `111122223333`, which are not loaded/);
    assert.match(hover(6), /Denied explicitly by statement 2 \(`DenyOutsideDynamo`\)[\s\S]*Yet the call succeeded/);
    assert.match(hover(1), /less than five minutes before this call/);
  });

  it('warns on a success the policy denies and on a refusal it allows, and on nothing else', () => {
    const { drift, text } = analyse(events);
    assert.deepEqual(drift.map((f) => [text.slice(f.start, f.end), f.severity]), [
      ['"ScheduleKeyDeletion"', 'warning'],
      ['"Encrypt"', 'warning'],
      ['"AccessDenied"', 'warning'],
    ]);
    assert.match(drift[0].message, /^ScheduleKeyDeletion succeeded, but the key policy set at 2024-03-01 09:00:00 UTC \(in this log\) does not allow it: no statement allows it, and ScheduleKeyDeletion cannot be allowed by a grant\./);
    assert.match(drift[1].message, /it denies it explicitly/);
    assert.match(drift[2].message, /^Decrypt was refused as not authorised, but the key policy set at .* allows it\. A deny elsewhere/);
  });

  it('a later PutKeyPolicy is the policy in force after it; the call that changes it is judged by the one before', () => {
    const onlyRoot = { Version: '2012-10-17', Statement: [KEY_POLICY.Statement[0]] };
    const { hover, drift } = analyse([
      createKey('2024-03-01T09:00:00Z', KEY_POLICY),
      putKeyPolicy('2024-03-01T12:00:00Z', onlyRoot),
      kmsEvent('Encrypt', ORDERS, '2024-03-01T13:00:00Z'),
    ]);
    assert.match(hover(1), /Against the key policy set by the CreateKey/);
    assert.match(hover(2), /Against the key policy set by the PutKeyPolicy at 2024-03-01 12:00:00 UTC[\s\S]*Up to the IAM policies of account/);
    assert.equal(drift.length, 0);
  });

  it('CreateKey without a policy gives the default key policy', () => {
    const { hover } = analyse([createKey('2024-03-01T09:00:00Z'), kmsEvent('Decrypt', ORDERS, '2024-03-01T10:00:00Z')]);
    assert.match(hover(1), /Against the default key policy, which the CreateKey at 2024-03-01 09:00:00 UTC gave the key[\s\S]*Up to the IAM policies of account `111122223333`/);
  });

  it('is quiet, and adds no hover, when the log shows no key policy', () => {
    const { drift, hover } = analyse(events.slice(1));
    assert.equal(drift.length, 0);
    assert.doesNotMatch(hover(1), /Against/);
  });
});
