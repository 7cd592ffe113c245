/**
 * The key lifecycle rules, each on a log where it fires and on near misses
 * where it must not, built from the AWS guide's and the seeds' events where
 * they fit, and from small events written for the case otherwise.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, buildModel, DEFAULT_SETTINGS, describeReading, fixAll, getKmsLensService, type Finding } from '../../src/core';
import { locateWasm } from '../../src/cli/wasm';
import { expectAt, expectNone } from './policyHelpers';
import { documentKeys } from '../../src/core/keys';
import { lifecycleRules } from '../../src/core/lifecycle/rules';
import { generateLog } from '../bench/generateLog';
import { createGrant, decrypt, KEY_ARN, kmsEvent, retireGrant, revokeGrant, roleSession } from './grantsHelpers';
import { CORPUS, fixture } from './helpers';
import { cancelKeyDeletion, disableKey, enableKey, eventAt, guideEvent, lifecycleFindings, log, only, refusedDecrypt, scheduleKeyDeletion } from './lifecycleHelpers';

const seedEvent = (name: string): Record<string, unknown> => JSON.parse(fixture('corpus', 'seeds', `${name}.json`)) as Record<string, unknown>;

/** `eventName@eventTime` of each finding of one rule. */
function on(text: string, findings: Finding[], code: string): string[] {
  return only(findings, code).map((f) => {
    const e = eventAt(text, f);
    return `${e.eventName}@${e.eventTime}`;
  });
}

function messages(findings: Finding[], code: string): string[] {
  return only(findings, code).map((f) => f.message);
}

describe('lifecycle-delete-not-disabled', () => {
  const code = 'lifecycle-delete-not-disabled';

  it('fires on the guide\'s ScheduleKeyDeletion when the guide\'s EnableKey is the last state change before it', () => {
    const text = log(guideEvent('ct-enablekey-0'), guideEvent('ct-schedule-key-deletion-0'));
    const findings = lifecycleFindings(text);
    assert.deepEqual(on(text, findings, code), ['ScheduleKeyDeletion@2021-03-23T18:58:30Z']);
    const [f] = only(findings, code);
    assert.equal(f.severity, 'warning');
    assert.equal(text.slice(f.start, f.end), '"ScheduleKeyDeletion"');
    assert.match(f.message, /enabled since 2014-11-04 00:52:20 UTC \(EnableKey by arn:aws:iam::111122223333:user\/Alice on 2014-11-04 00:52:20 UTC\)/);
  });

  it('fires when the key was still used before the deletion, even with no state change in the logs', () => {
    // A use older than lifecycle-delete-in-use's 30 days: only this rule speaks of it.
    const text = log(decrypt('2024-03-09T10:00:00Z', roleSession('Reports')), scheduleKeyDeletion('2024-05-10T09:00:00Z', 30));
    const [m] = messages(lifecycleFindings(text), code);
    assert.match(m, /in use until Decrypt by arn:aws:sts::111122223333:assumed-role\/Reports\/session-1 on 2024-03-09 10:00:00 UTC/);
  });

  it('fires when a use after a DisableKey shows the key was enabled again outside the logs', () => {
    const text = log(disableKey('2024-03-01T09:00:00Z'), decrypt('2024-03-05T10:00:00Z', roleSession('Reports')), scheduleKeyDeletion('2024-05-10T09:00:00Z', 30));
    assert.deepEqual(on(text, lifecycleFindings(text), code), ['ScheduleKeyDeletion@2024-05-10T09:00:00Z']);
  });

  it('yields to lifecycle-delete-in-use when the key is also in use: one warning on the deletion, saying both', () => {
    const text = log(enableKey('2024-05-01T09:00:00Z'), decrypt('2024-05-09T10:00:00Z', roleSession('Reports')), scheduleKeyDeletion('2024-05-10T09:00:00Z', 30));
    const findings = lifecycleFindings(text);
    assert.deepEqual(only(findings, code), []);
    const inUse = messages(findings, 'lifecycle-delete-in-use');
    assert.equal(inUse.length, 1);
    assert.match(inUse[0], /in use, and without disabling it first: cryptographic operations in the 30 days before: 1, the last Decrypt/);
  });

  it('near miss: the guide\'s DisableKey comes between the EnableKey and the ScheduleKeyDeletion', () => {
    const text = log(guideEvent('ct-enablekey-0'), guideEvent('ct-disablekey-0'), guideEvent('ct-schedule-key-deletion-0'));
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });

  it('near miss: a ScheduleKeyDeletion alone says nothing about the state before it', () => {
    assert.deepEqual(only(lifecycleFindings(log(guideEvent('ct-schedule-key-deletion-0'))), code), []);
  });

  it('near miss: a failed ScheduleKeyDeletion of an enabled key scheduled nothing', () => {
    const text = log(enableKey('2024-05-01T09:00:00Z'), scheduleKeyDeletion('2024-05-10T09:00:00Z', 30, { errorCode: 'AccessDeniedException', responseElements: null }));
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });

  it('near miss: uses before the DisableKey do not count', () => {
    const text = log(decrypt('2024-04-30T10:00:00Z', roleSession('Reports')), disableKey('2024-05-01T09:00:00Z'), scheduleKeyDeletion('2024-05-10T09:00:00Z', 30));
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });
});

describe('lifecycle-delete-in-use', () => {
  const code = 'lifecycle-delete-in-use';
  const FARGATE_GRANT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const fargateGrant = (eventTime: string) => createGrant(FARGATE_GRANT, eventTime, { granteePrincipal: 'fargate.us-west-2.amazonaws.com', retiringPrincipal: 'ec2.us-west-2.amazonaws.com' });

  it('fires when a grant is still active, naming its grantee', () => {
    const text = log(fargateGrant('2024-05-01T09:00:00Z'), disableKey('2024-05-02T09:00:00Z'), scheduleKeyDeletion('2024-05-10T09:00:00Z', 30));
    const findings = lifecycleFindings(text);
    assert.deepEqual(on(text, findings, code), ['ScheduleKeyDeletion@2024-05-10T09:00:00Z']);
    assert.match(messages(findings, code)[0], /active grants: 1 \(grantees: fargate\.us-west-2\.amazonaws\.com\)/);
  });

  it('fires on recent cryptographic use, naming the last caller and when', () => {
    const text = log(
      decrypt('2024-04-01T10:00:00Z', roleSession('Old')),
      decrypt('2024-05-03T10:00:00Z', roleSession('Reports')),
      decrypt('2024-05-08T11:30:00Z', roleSession('Billing')),
      disableKey('2024-05-09T09:00:00Z'),
      scheduleKeyDeletion('2024-05-10T09:00:00Z', 30),
    );
    const [m] = messages(lifecycleFindings(text), code);
    assert.match(m, /cryptographic operations in the 30 days before: 2, the last Decrypt by arn:aws:sts::111122223333:assumed-role\/Billing\/session-1 on 2024-05-08 11:30:00 UTC/);
    assert.doesNotMatch(m, /active grants/);
    // Disabled before the deletion: the finding does not say it was not.
    assert.doesNotMatch(m, /without disabling/);
  });

  it('near miss: the grant was retired before the deletion, and the last use is older than 30 days', () => {
    const text = log(
      fargateGrant('2024-03-01T09:00:00Z'),
      decrypt('2024-03-02T10:00:00Z', roleSession('Reports')),
      retireGrant(FARGATE_GRANT, '2024-03-05T09:00:00Z'),
      disableKey('2024-03-06T09:00:00Z'),
      scheduleKeyDeletion('2024-05-10T09:00:00Z', 30),
    );
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });

  it('near miss: a grant created after the deletion was scheduled was not active then', () => {
    const text = log(disableKey('2024-05-02T09:00:00Z'), scheduleKeyDeletion('2024-05-10T09:00:00Z', 30), fargateGrant('2024-05-11T09:00:00Z'));
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });
});

describe('lifecycle-use-after-disable', () => {
  const code = 'lifecycle-use-after-disable';

  it('fires on a Decrypt refused after the guide\'s DisableKey (DisabledException), naming the caller', () => {
    const text = log(guideEvent('ct-disablekey-0'), refusedDecrypt('2014-11-05T08:00:00Z'));
    const findings = lifecycleFindings(text);
    assert.deepEqual(on(text, findings, code), ['Decrypt@2014-11-05T08:00:00Z']);
    const [f] = only(findings, code);
    assert.equal(f.severity, 'warning');
    assert.equal(text.slice(f.start, f.end), '"Decrypt"');
    assert.match(f.message, /^Decrypt by arn:aws:sts::111122223333:assumed-role\/Reports\/session-1 on 2014-11-05 08:00:00 UTC was refused \(DisabledException\): the key has been disabled since 2014-11-04 00:52:43 UTC \(DisableKey by arn:aws:iam::111122223333:user\/Alice/);
  });

  it('fires on a call refused while the key is pending deletion, with the deletion date', () => {
    const text = log(disableKey('2024-05-01T09:00:00Z'), scheduleKeyDeletion('2024-05-02T09:00:00Z', 7), refusedDecrypt('2024-05-04T10:00:00Z', 'KMSInvalidStateException'));
    const [m] = messages(lifecycleFindings(text), code);
    assert.match(m, /pending deletion since 2024-05-02 09:00:00 UTC .* will be deleted on 2024-05-09 09:00:00 UTC at the earliest, up to 24 h later/);
    assert.match(m, /cancel the deletion \(CancelKeyDeletion\)/);
  });

  it('fires on a refusal whose message says the key is pending deletion or disabled, though the call that stopped it is not in the logs', () => {
    const pending = log(decrypt('2024-05-04T10:00:00Z', roleSession('Reports'), { app: 'reports' }, { errorCode: 'KMSInvalidStateException', errorMessage: `${KEY_ARN} is pending deletion.` }));
    const [m] = messages(lifecycleFindings(pending), code);
    assert.match(m, /^Decrypt by .* was refused \(KMSInvalidStateException\): KMS says the key is pending deletion \(the ScheduleKeyDeletion is not in these logs\)\. .*CancelKeyDeletion/);
    const disabled = log(refusedDecrypt('2024-05-04T10:00:00Z'));
    assert.deepEqual(on(disabled, lifecycleFindings(disabled), code), ['Decrypt@2024-05-04T10:00:00Z']);
  });

  it('a refused ReEncrypt is reported once, on the key the message names', () => {
    const other = KEY_ARN.replace(/key\/[0-9a-f-]+$/, 'key/0b1c2d3e-4f50-4617-8a9b-c0d1e2f3a4b5');
    const reEncrypt = kmsEvent('ReEncrypt', '2024-05-04T10:00:00Z', {
      userIdentity: roleSession('Reports'),
      requestParameters: { destinationKeyId: other, sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', destinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
      errorCode: 'KMSInvalidStateException', errorMessage: `${other} is pending deletion.`,
      resources: [{ type: 'AWS::KMS::Key', ARN: KEY_ARN }, { type: 'AWS::KMS::Key', ARN: other }],
    });
    assert.equal(messages(lifecycleFindings(log(reEncrypt)), code).length, 1);
  });

  it('stays silent on a scanner\'s GetKeyRotationStatus refused because the key is pending deletion', () => {
    const scan = kmsEvent('GetKeyRotationStatus', '2024-05-04T10:00:00Z', {
      userIdentity: roleSession('AWSServiceRoleForConfig'),
      requestParameters: { keyId: KEY_ARN },
      errorCode: 'KMSInvalidStateException', errorMessage: `${KEY_ARN} is pending deletion.`,
    });
    assert.deepEqual(messages(lifecycleFindings(log(scan)), code), []);
    // Nor after a ScheduleKeyDeletion in the same log.
    const scheduled = log(scheduleKeyDeletion('2024-05-02T09:00:00Z', 30), { ...scan, eventID: '00000000-0000-4000-8000-999999999999' });
    assert.deepEqual(messages(lifecycleFindings(scheduled), code), []);
  });

  it('stays silent on a refusal whose message names another state (pending import)', () => {
    const text = log(decrypt('2024-05-04T10:00:00Z', roleSession('Reports'), { app: 'reports' }, { errorCode: 'KMSInvalidStateException', errorMessage: `${KEY_ARN} is pending import.` }));
    assert.deepEqual(messages(lifecycleFindings(text), code), []);
  });

  it('fires on a Decrypt that succeeded although the logs show the key disabled: it was enabled outside these logs', () => {
    const text = log(disableKey('2024-05-01T09:00:00Z'), decrypt('2024-05-02T10:00:00Z', roleSession('Reports')));
    const [m] = messages(lifecycleFindings(text), code);
    assert.match(m, /succeeded although the key has been disabled since 2024-05-01 09:00:00 UTC/);
    assert.match(m, /EnableKey that is not in these logs/);
  });

  it('fires on a Decrypt that succeeded after the deletion date, with both dates', () => {
    const text = log(disableKey('2024-05-01T09:00:00Z'), scheduleKeyDeletion('2024-05-02T09:00:00Z', 7), decrypt('2024-05-20T10:00:00Z', roleSession('Reports')));
    const findings = lifecycleFindings(text);
    assert.deepEqual(on(text, findings, code), ['Decrypt@2024-05-20T10:00:00Z']);
    const [m] = messages(findings, code);
    assert.match(m, /succeeded, but the key was scheduled for deletion on 2024-05-02 09:00:00 UTC \(ScheduleKeyDeletion by .*\) with deletion date 2024-05-09 09:00:00 UTC, and no CancelKeyDeletion in these logs came before that date: a deleted key cannot be used\./);
    assert.match(m, /the records are of different keys or were edited\.$/);
  });

  it('near miss for the deletion date: a success within the 24 hours after it says only that the deletion was cancelled outside the logs', () => {
    const text = log(disableKey('2024-05-01T09:00:00Z'), scheduleKeyDeletion('2024-05-02T09:00:00Z', 7), decrypt('2024-05-10T08:00:00Z', roleSession('Reports')));
    const [m] = messages(lifecycleFindings(text), code);
    assert.match(m, /the deletion was cancelled and the key enabled again by calls that are not in these logs/);
  });

  it('fires on any call refused because of the state, not only cryptographic ones', () => {
    const text = log(disableKey('2024-05-01T09:00:00Z'), createGrant('ab'.repeat(32), '2024-05-03T10:00:00Z', {}, { errorCode: 'DisabledException', responseElements: null }));
    assert.deepEqual(on(text, lifecycleFindings(text), code), ['CreateGrant@2024-05-03T10:00:00Z']);
  });

  it('near miss: the key was enabled again before the use, or the use came before the DisableKey', () => {
    const text = log(decrypt('2024-04-30T10:00:00Z', roleSession('Reports')), disableKey('2024-05-01T09:00:00Z'), enableKey('2024-05-02T09:00:00Z'), decrypt('2024-05-03T10:00:00Z', roleSession('Reports')));
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });

  it('near miss: after a CancelKeyDeletion and an EnableKey, uses are fine again', () => {
    const text = log(disableKey('2024-05-01T09:00:00Z'), scheduleKeyDeletion('2024-05-02T09:00:00Z', 30), cancelKeyDeletion('2024-05-03T09:00:00Z'), enableKey('2024-05-03T09:05:00Z'), decrypt('2024-05-04T10:00:00Z', roleSession('Reports')));
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });

  it('near miss: a call that failed for another reason (AccessDenied) was no attempt on a stopped key', () => {
    const text = log(disableKey('2024-05-01T09:00:00Z'), refusedDecrypt('2024-05-02T10:00:00Z', 'AccessDeniedException'));
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });

  it('near miss: a refusal on another key', () => {
    const other = 'arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321';
    const text = log(disableKey('2024-05-01T09:00:00Z'), decrypt('2024-05-02T10:00:00Z', roleSession('Reports'), undefined, {
      requestParameters: { keyId: other }, resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: other }], errorCode: 'DisabledException',
    }));
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });

  it('sees one file at a time: a DisableKey in another file does not make this file\'s refusal a finding', () => {
    // A refusal whose message does not say the key's state (when it does, the refusal alone is a finding: see above).
    const refused = decrypt('2024-05-02T10:00:00Z', roleSession('Reports'), { app: 'reports' }, { errorCode: 'DisabledException' });
    assert.deepEqual(only(lifecycleFindings(log(refused)), code), []);
  });
});

describe('lifecycle-short-pending-window', () => {
  const code = 'lifecycle-short-pending-window';

  it('fires on the guide\'s 20-day ScheduleKeyDeletion, on the window, with the deletion date read from "Apr 12, 2021 18:58:30 PM"', () => {
    const text = log(guideEvent('ct-schedule-key-deletion-0'));
    const [f, ...more] = only(lifecycleFindings(text), code);
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'information');
    assert.equal(text.slice(f.start, f.end), '20');
    assert.equal(f.message, 'A 20-day waiting period, shorter than the 30-day default: the key will be deleted on 2021-04-12 18:58:30 UTC at the earliest, up to 24 h later. The default gives a forgotten user of the key time to show up as a refused call while the deletion can still be cancelled.');
  });

  it('fires on the shortest window KMS accepts, 7 days', () => {
    const text = log(scheduleKeyDeletion('2024-05-02T09:00:00Z', 7));
    assert.match(messages(lifecycleFindings(text), code)[0], /A 7-day waiting period.*deleted on 2024-05-09 09:00:00 UTC/);
  });

  it('near miss: the guide\'s 30-day examples, a request with no window (the default), and a failed 7-day request', () => {
    for (const text of [
      log(guideEvent('ct-schedule-key-deletion-1')),
      log(guideEvent('ct-schedule-key-deletion-2')),
      log(scheduleKeyDeletion('2024-05-02T09:00:00Z', undefined)),
      log(scheduleKeyDeletion('2024-05-02T09:00:00Z', 7, { errorCode: 'ValidationException', responseElements: null })),
    ]) assert.deepEqual(only(lifecycleFindings(text), code), [], text);
  });
});

describe('lifecycle-deadline-rotate-on-demand', () => {
  const code = 'lifecycle-deadline-rotate-on-demand';
  const DEADLINE_KEY = 'arn:aws:kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
  const rotateOnDemand = (keyArn: string, fields: Record<string, unknown> = {}) => kmsEvent('RotateKeyOnDemand', '2024-05-01T12:00:00Z', {
    requestParameters: { keyId: keyArn }, responseElements: { keyId: keyArn }, resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: keyArn }], ...fields,
  });

  it('fires on RotateKeyOnDemand of the key the seed Decrypt shows serving a Deadline Cloud farm', () => {
    const text = log(seedEvent('deadline-decrypt'), rotateOnDemand(DEADLINE_KEY));
    const findings = lifecycleFindings(text);
    assert.deepEqual(on(text, findings, code), ['RotateKeyOnDemand@2024-05-01T12:00:00Z']);
    assert.match(messages(findings, code)[0], /serves Deadline Cloud \(farm farm-abcdef12345678900987654321fedcba\), as its encryption context \(Decrypt on 2024-04-23 18:51:44 UTC\) shows/);
  });

  it('fires when a grant to deadline.amazonaws.com shows it', () => {
    const text = log(createGrant('6b'.repeat(32), '2024-04-23T02:05:35Z', { granteePrincipal: 'deadline.amazonaws.com' }), kmsEvent('RotateKeyOnDemand', '2024-05-01T12:00:00Z', { requestParameters: { keyId: KEY_ARN }, responseElements: { keyId: KEY_ARN } }));
    assert.equal(only(lifecycleFindings(text), code).length, 1);
  });

  it('near miss: another key rotated, automatic rotation turned on, or a failed on-demand rotation', () => {
    const text = log(
      seedEvent('deadline-decrypt'),
      rotateOnDemand(KEY_ARN),
      kmsEvent('EnableKeyRotation', '2024-05-01T12:00:00Z', { requestParameters: { keyId: DEADLINE_KEY }, resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: DEADLINE_KEY }] }),
      rotateOnDemand(DEADLINE_KEY, { errorCode: 'AccessDeniedException', eventTime: '2024-05-02T12:00:00Z' }),
    );
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });
});

describe('lifecycle-fargate-key-stopped', () => {
  const code = 'lifecycle-fargate-key-stopped';
  const FARGATE_KEY = 'arn:aws:kms:us-west-2:account-id:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
  const FARGATE_GRANT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const onFargateKey = { resources: [{ accountId: 'account-id', type: 'AWS::KMS::Key', ARN: FARGATE_KEY }] };

  it('fires on DisableKey of the key the seed CreateGrant gives to Fargate', () => {
    const text = log(seedEvent('fargate-creategrant'), disableKey('2024-04-24T09:00:00Z', { requestParameters: { keyId: FARGATE_KEY }, ...onFargateKey }));
    const findings = lifecycleFindings(text);
    assert.deepEqual(on(text, findings, code), ['DisableKey@2024-04-24T09:00:00Z']);
    assert.match(messages(findings, code)[0], /^DisableKey on a key used by Fargate ephemeral storage \(cluster cluster-name\), as a grant to it \(CreateGrant on 2024-04-23 18:08:13 UTC\) shows: running tasks go on, but new tasks that need this key will fail to start/);
  });

  it('fires on RevokeGrant of the Fargate grant', () => {
    const text = log(seedEvent('fargate-creategrant'), revokeGrant(FARGATE_GRANT, '2024-04-24T09:00:00Z', { requestParameters: { keyId: FARGATE_KEY, grantId: FARGATE_GRANT }, ...onFargateKey }));
    const findings = lifecycleFindings(text);
    assert.deepEqual(on(text, findings, code), ['RevokeGrant@2024-04-24T09:00:00Z']);
    assert.match(messages(findings, code)[0], /of a grant to fargate\.us-west-2\.amazonaws\.com/);
  });

  it('fires on RevokeGrant of a grant whose creation is not in the log, on a key the seed GenerateDataKeyWithoutPlaintext shows Fargate using', () => {
    const unknown = 'ef'.repeat(32);
    const text = log(seedEvent('fargate-generatedatakeywithoutplaintext'), revokeGrant(unknown, '2024-04-24T09:00:00Z', { requestParameters: { keyId: FARGATE_KEY, grantId: unknown }, ...onFargateKey }));
    const [m, ...more] = messages(lifecycleFindings(text), code);
    assert.equal(more.length, 0);
    assert.match(m, /of a grant to a grantee not in these logs on a key used by Fargate ephemeral storage \(cluster cluster-name\), as its encryption context \(GenerateDataKeyWithoutPlaintext on 2024-04-23 18:08:13 UTC\) shows/);
  });

  it('near miss: RevokeGrant of another grant on the Fargate key, DisableKey of another key, and a failed DisableKey', () => {
    const other = 'cd'.repeat(32);
    const text = log(
      seedEvent('fargate-creategrant'),
      createGrant(other, '2024-04-23T19:00:00Z', { keyId: FARGATE_KEY }, { responseElements: { grantId: other, keyId: FARGATE_KEY }, ...onFargateKey }),
      revokeGrant(other, '2024-04-24T09:00:00Z', { requestParameters: { keyId: FARGATE_KEY, grantId: other }, ...onFargateKey }),
      disableKey('2024-04-24T10:00:00Z'),
      disableKey('2024-04-24T11:00:00Z', { requestParameters: { keyId: FARGATE_KEY }, errorCode: 'AccessDeniedException', ...onFargateKey }),
    );
    assert.deepEqual(only(lifecycleFindings(text), code), []);
  });
});

describe('lifecycle-rotation-unsupported', () => {
  const code = 'lifecycle-rotation-unsupported';
  const YAML = { languageId: 'yaml', fileName: 'template.yaml' };
  const JSON_TEMPLATE = { languageId: 'json', fileName: 'template.json' };
  const TF = { languageId: 'terraform', fileName: 'main.tf' };
  before(() => getKmsLensService().prepareFormats(locateWasm));

  /** A YAML template with one AWS::KMS::Key of these properties (and no key policy: a key without one gets the default policy). */
  const cfnKey = (props: string, name = 'Key'): string => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  ${name}:\n    Type: AWS::KMS::Key\n    Properties:\n${props.split('\n').map((l) => `      ${l}`).join('\n')}\n`;
  const tfKey = (body: string, name = 'key'): string => `resource "aws_kms_key" "${name}" {\n${body.split('\n').map((l) => `  ${l}`).join('\n')}\n}\n`;

  it('fires on EnableKeyRotation: true of an asymmetric, HMAC or imported-material key in a YAML template, on the value', () => {
    expectAt(cfnKey('KeySpec: ECC_NIST_P256\nKeyUsage: SIGN_VERIFY\nEnableKeyRotation: ⟦true⟧'), code, YAML);
    expectAt(cfnKey("KeySpec: HMAC_256\nKeyUsage: GENERATE_VERIFY_MAC\nEnableKeyRotation: ⟦'true'⟧"), code, YAML);
    expectAt(cfnKey('KeySpec: ML_DSA_65\nKeyUsage: SIGN_VERIFY\nEnableKeyRotation: ⟦true⟧'), code, YAML);
    const { found } = expectAt(cfnKey('Origin: EXTERNAL\nEnableKeyRotation: ⟦true⟧', 'Imported'), code, YAML);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /^Imported turns on automatic rotation of a key with imported key material \(Origin EXTERNAL\)/);
  });

  it('fires in a JSON template too, and in Terraform on enable_key_rotation (a key spec, a custom key store)', () => {
    const json = JSON.stringify({ Resources: { Signer: { Type: 'AWS::KMS::Key', Properties: { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', EnableKeyRotation: true } } } }, null, 2).replace('"EnableKeyRotation": true', '"EnableKeyRotation": ⟦true⟧');
    const { found } = expectAt(json, code, JSON_TEMPLATE);
    assert.match(found[0].message, /^Signer turns on automatic rotation of an asymmetric key \(RSA_2048\): KMS rotates only symmetric encryption keys automatically/);
    expectAt(tfKey('customer_master_key_spec = "RSA_4096"\nkey_usage                = "SIGN_VERIFY"\nenable_key_rotation      = ⟦true⟧'), code, TF);
    expectAt(tfKey('customer_master_key_spec = "HMAC_512"\nkey_usage = "GENERATE_VERIFY_MAC"\nenable_key_rotation = ⟦"true"⟧'), code, TF);
    expectAt(`resource "aws_kms_custom_key_store" "xks" {\n  custom_key_store_name = "xks"\n}\n${tfKey('custom_key_store_id = aws_kms_custom_key_store.xks.id\nxks_key_id          = "bb8562717f809024"\nenable_key_rotation = ⟦true⟧')}`, code, TF);
    expectAt(tfKey('custom_key_store_id = "cks-1234567890abcdef0"\nenable_key_rotation = ⟦true⟧'), code, TF);
  });

  it('fires in a Serverless Framework service\'s resources', () => {
    const sls = "service: webhooks\nprovider:\n  name: aws\n  runtime: nodejs20.x\nresources:\n  Resources:\n    SigningKey:\n      Type: AWS::KMS::Key\n      Properties:\n        KeySpec: RSA_2048\n        KeyUsage: SIGN_VERIFY\n        EnableKeyRotation: ⟦true⟧\n";
    expectAt(sls, code, { languageId: 'yaml', fileName: 'serverless.yml' });
    expectNone(sls.replace('RSA_2048', 'SYMMETRIC_DEFAULT').replace('⟦true⟧', 'true'), code, { languageId: 'yaml', fileName: 'serverless.yml' });
  });

  it('its fix sets the value to false in the file\'s own language, and Fix all applies it (a repair)', () => {
    const yaml = cfnKey("KeySpec: HMAC_256\nKeyUsage: GENERATE_VERIFY_MAC\nEnableKeyRotation: 'true'");
    assert.equal(fixAll(yaml, YAML, DEFAULT_SETTINGS).text, yaml.replace("EnableKeyRotation: 'true'", 'EnableKeyRotation: false'));
    const tf = tfKey('customer_master_key_spec = "RSA_4096"\nenable_key_rotation      = true');
    const [f] = only(analyze(tf, TF, DEFAULT_SETTINGS).findings, code);
    assert.deepEqual(f.fixes?.map((x) => [x.title, x.safety]), [['Set enable_key_rotation to false', 'repair']]);
    assert.equal(applyEdits(tf, f.fixes![0].edits), tf.replace('= true', '= false'));
    assert.deepEqual(only(analyze(applyEdits(tf, f.fixes![0].edits), TF, DEFAULT_SETTINGS).findings, code), []);
  });

  it('a template with only such a key (no key policy) is read as a template, and says so', () => {
    const { model } = analyze(cfnKey('KeySpec: ECC_NIST_P256\nKeyUsage: SIGN_VERIFY\nEnableKeyRotation: true'), YAML, DEFAULT_SETTINGS);
    assert.equal(model.kind, 'cloudFormation');
    const tf = analyze(tfKey('customer_master_key_spec = "RSA_4096"\nenable_key_rotation = true'), TF, DEFAULT_SETTINGS);
    assert.equal(describeReading(tf.model), 'a Terraform module with a KMS key');
  });

  it('near miss: symmetric keys, rotation off or absent, and values a parameter, a condition or a variable gives', () => {
    for (const props of [
      'EnableKeyRotation: true',
      'KeySpec: SYMMETRIC_DEFAULT\nEnableKeyRotation: true',
      'KeySpec: RSA_4096\nKeyUsage: ENCRYPT_DECRYPT\nEnableKeyRotation: false',
      'KeySpec: HMAC_256\nKeyUsage: GENERATE_VERIFY_MAC',
      'KeySpec: !Ref KeySpec\nEnableKeyRotation: true',
      'KeySpec: !If [Signing, ECC_NIST_P256, SYMMETRIC_DEFAULT]\nEnableKeyRotation: true',
      'KeySpec: RSA_2048\nKeyUsage: SIGN_VERIFY\nEnableKeyRotation: !If [Rotate, true, false]',
      'KeySpec: RSA_2048\nKeyUsage: SIGN_VERIFY\nEnableKeyRotation: !Ref Rotate',
      'Origin: !Ref Origin\nEnableKeyRotation: true',
      'Origin: AWS_KMS\nEnableKeyRotation: true',
      // A misspelt spec fails CreateKey for its own reason: not a rotation problem.
      'KeySpec: RSA_1024\nEnableKeyRotation: true',
    ]) {
      const text = cfnKey(props);
      expectNone(text, code, YAML);
      assert.equal(analyze(text, YAML, DEFAULT_SETTINGS).model.kind, 'other', `a key policy-less template without the defect stays silent: ${props}`);
    }
    // A replica key has no EnableKeyRotation of its own; another resource's property of that name is not a key's.
    expectNone("Resources:\n  Replica:\n    Type: AWS::KMS::ReplicaKey\n    Properties:\n      PrimaryKeyArn: arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab\n      KeyPolicy: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {AWS: 'arn:aws:iam::111122223333:root'}, Action: 'kms:*', Resource: '*'}]}\n", code, YAML);
    for (const body of [
      'enable_key_rotation = true',
      'customer_master_key_spec = "SYMMETRIC_DEFAULT"\nenable_key_rotation = true',
      'customer_master_key_spec = "RSA_2048"\nenable_key_rotation = false',
      'customer_master_key_spec = "RSA_2048"',
      'customer_master_key_spec = var.spec\nenable_key_rotation = true',
      'customer_master_key_spec = "${var.spec}"\nenable_key_rotation = true',
      'customer_master_key_spec = "RSA_2048"\nenable_key_rotation = var.rotate',
      'customer_master_key_spec = var.signing ? "RSA_2048" : "SYMMETRIC_DEFAULT"\nenable_key_rotation = true',
      'customer_master_key_spec = "ECC_NIST_P256"\nenable_key_rotation = var.spec == "SYMMETRIC_DEFAULT"',
      'custom_key_store_id = var.store_id\nenable_key_rotation = true',
    ]) {
      expectNone(tfKey(body), code, TF);
    }
  });
});

describe('lifecycle rules: every rule', () => {
  it('has a block in this file, with a case where it fires and a near miss', function () {
    // A rule added to the list without cases fails here: the blocks are this file's top-level suites, titled by rule id.
    const blocks = this.test!.parent!.parent!.suites.filter((s) => s.file === this.test!.file);
    const missing = lifecycleRules.map((r) => r.id).filter((id) => {
      const tests = blocks.find((b) => b.title === id)?.tests.map((t) => t.title) ?? [];
      return !tests.some((t) => !/^near miss/i.test(t)) || !tests.some((t) => /near miss/i.test(t));
    });
    assert.deepEqual(missing, []);
  });
});

describe('lifecycle rules: everyday logs', () => {
  it('the AWS guide\'s CloudTrail examples, each alone, raise only the short-window information', () => {
    const dir = path.join(CORPUS, 'awsdocs');
    const found: string[] = [];
    for (const name of fs.readdirSync(dir).filter((n) => n.startsWith('ct-'))) {
      for (const f of lifecycleFindings(fs.readFileSync(path.join(dir, name), 'utf8'), name)) found.push(`${name}: ${f.code}`);
    }
    assert.deepEqual(found, ['ct-schedule-key-deletion-0.json: lifecycle-short-pending-window']);
  });

  it('a busy log with no lifecycle event builds nothing more than its document model', () => {
    const text = generateLog(256 * 1024);
    const model = buildModel(text, { languageId: 'json', fileName: 'big.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(documentKeys(model), undefined);
    assert.deepEqual(lifecycleFindings(text), []);
  });
});
