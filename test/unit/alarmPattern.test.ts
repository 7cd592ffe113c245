/**
 * The EventBridge event pattern of "Create Alarm Pattern for Key Use": which
 * ARNs it takes, and which CloudTrail events it matches, checked with a small
 * matcher that follows EventBridge's documented rules (a pattern field lists
 * the values it accepts; an event array matches when one element does; nested
 * objects, arrays of objects included, match field by field).
 */
import * as assert from 'node:assert/strict';
import { canonicalKeyArn, keyUseEventPattern, keyUseEventPatternText } from '../../src/core/lifecycle';
import { decrypt, KEY_ARN, kmsEvent, roleSession } from './grantsHelpers';
import { disableKey, guideEvent, refusedDecrypt } from './lifecycleHelpers';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function matches(pattern: Json, value: Json | undefined): boolean {
  if (Array.isArray(value) && !Array.isArray(pattern)) return value.some((v) => matches(pattern, v));
  if (Array.isArray(pattern)) {
    const values = Array.isArray(value) ? value : [value];
    return values.some((v) => pattern.some((p) => p === v));
  }
  if (pattern && typeof pattern === 'object') {
    if (!value || typeof value !== 'object') return false;
    return Object.entries(pattern).every(([k, p]) => matches(p, (value as Record<string, Json>)[k]));
  }
  return false;
}

/** A CloudTrail event as EventBridge delivers it. */
const delivered = (event: Record<string, unknown>): Json => ({
  version: '0', source: 'aws.kms', 'detail-type': event.eventType === 'AwsServiceEvent' ? 'AWS Service Event via CloudTrail' : 'AWS API Call via CloudTrail', resources: [], detail: event as Json,
});

describe('alarm pattern for key use', () => {
  const pattern = keyUseEventPattern(KEY_ARN) as unknown as Json;

  it('matches the key\'s cryptographic operations, successful or refused, however the caller named the key', () => {
    assert.ok(matches(pattern, delivered(decrypt('2024-05-01T09:00:00Z', roleSession('Reports')))));
    assert.ok(matches(pattern, delivered(refusedDecrypt('2024-05-02T09:00:00Z', 'KMSInvalidStateException'))));
    assert.ok(matches(pattern, delivered(kmsEvent('GenerateDataKey', '2024-05-02T09:00:00Z', { requestParameters: { keyId: 'alias/reports', keySpec: 'AES_256' }, errorCode: 'DisabledException' }))));
    assert.ok(matches(pattern, delivered(guideEvent('ct-decrypt-4', { resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: KEY_ARN }] }))));
  });

  it('does not match other keys, management calls on the key, or other services', () => {
    const other = 'arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321';
    assert.ok(!matches(pattern, delivered(decrypt('2024-05-01T09:00:00Z', roleSession('Reports'), undefined, { resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: other }] }))));
    assert.ok(!matches(pattern, delivered(disableKey('2024-05-01T09:00:00Z'))));
    assert.ok(!matches(pattern, { ...(delivered(decrypt('2024-05-01T09:00:00Z', roleSession('Reports'))) as Record<string, Json>), source: 'aws.s3' }));
  });

  it('is the JSON text the command writes', () => {
    assert.deepEqual(JSON.parse(keyUseEventPatternText(KEY_ARN)), pattern);
    assert.ok(keyUseEventPatternText(KEY_ARN).endsWith('}\n'));
  });

  it('takes a key ARN as CloudTrail writes it, repairs arn:aws::kms:, and refuses what would never match', () => {
    assert.equal(canonicalKeyArn(`  ${KEY_ARN} `), KEY_ARN);
    assert.equal(canonicalKeyArn('arn:aws::kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'), KEY_ARN);
    assert.equal(canonicalKeyArn('arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab'), 'arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab');
    for (const bad of ['1234abcd-12ab-34cd-56ef-1234567890ab', 'alias/reports', 'arn:aws:kms:us-west-2:111122223333:alias/reports', 'arn:aws:s3:::bucket', 'arn:aws:kms:us-west-2:account-id:key/1234abcd-12ab-34cd-56ef-1234567890ab', '']) {
      assert.equal(canonicalKeyArn(bad), undefined, bad);
    }
  });
});
