/**
 * The key lifecycle model: the dates KMS logs, each key's state and since when,
 * rotation, refused calls and the services a key serves, read from the AWS
 * guide's events and from small logs written for each case.
 */
import * as assert from 'node:assert/strict';
import { describeLifecycleEvent, describeRotation, describeState, formatTime, parseLoggedDate, stateAt } from '../../src/core/lifecycle';
import { timeMillis } from '../../src/core/text/cloudTrailTime';
import { createGrant, decrypt, fixtureSource, grantsOf, KEY_ARN, KEY_ID, kmsEvent, roleSession, source } from './grantsHelpers';
import { cancelKeyDeletion, disableKey, enableKey, GUIDE_KEY, guideEvent, keyEntry, log, refusedDecrypt, scheduleKeyDeletion } from './lifecycleHelpers';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s);

describe('lifecycle: dates as KMS logs them', () => {
  it('reads "Apr 12, 2021 18:58:30 PM" (a 24-hour time followed by PM) as 18:58:30 UTC', () => {
    assert.equal(parseLoggedDate('Apr 12, 2021 18:58:30 PM'), utc(2021, 4, 12, 18, 58, 30));
  });

  it('agrees with the AWS guide\'s own example: eventTime plus the 20-day window is the logged deletionDate', () => {
    const e = guideEvent('ct-schedule-key-deletion-0') as { eventTime: string; requestParameters: { pendingWindowInDays: number }; responseElements: { deletionDate: string } };
    assert.equal(parseLoggedDate(e.responseElements.deletionDate), Date.parse(e.eventTime) + e.requestParameters.pendingWindowInDays * 86_400_000);
  });

  it('reads 12-hour times, with or without a comma after the year', () => {
    assert.equal(parseLoggedDate('Nov 2, 2021, 11:25:25 PM'), utc(2021, 11, 2, 23, 25, 25));
    assert.equal(parseLoggedDate('Jan 1, 2021 8:00:00 PM'), utc(2021, 1, 1, 20));
    assert.equal(parseLoggedDate('Nov 18, 2020, 1:29:18 AM'), utc(2020, 11, 18, 1, 29, 18));
    assert.equal(parseLoggedDate('Aug 10, 2022, 12:05:00 AM'), utc(2022, 8, 10, 0, 5));
    assert.equal(parseLoggedDate('Aug 10, 2022, 12:05:00 PM'), utc(2022, 8, 10, 12, 5));
  });

  it('reads ISO 8601 and epoch seconds too', () => {
    assert.equal(parseLoggedDate('2021-04-12T18:58:30Z'), utc(2021, 4, 12, 18, 58, 30));
    assert.equal(parseLoggedDate(1618253910), utc(2021, 4, 12, 18, 58, 30));
  });

  it('refuses what is not a date rather than guessing', () => {
    for (const bad of ['Feb 30, 2021 1:00:00 AM', 'Apr 12, 2021 25:00:00 PM', 'Foo 12, 2021 1:00:00 AM', 'tomorrow', '', undefined, null, {}]) {
      assert.ok(Number.isNaN(parseLoggedDate(bad)), String(bad));
    }
  });

  it('shows times in UTC, to the minute', () => {
    assert.equal(formatTime('2021-04-12T18:58:30Z'), '2021-04-12 18:58:30 UTC');
    assert.equal(formatTime('not a time'), 'not a time');
  });
});

describe('lifecycle: the AWS guide\'s EnableKey, DisableKey and ScheduleKeyDeletion examples', () => {
  const model = () => grantsOf(source('guide.json', log(guideEvent('ct-schedule-key-deletion-0'), guideEvent('ct-disablekey-0'), guideEvent('ct-enablekey-0'))));

  it('puts the three events on one key, although two of them log awsRegion us-east-1 for a us-west-2 key', () => {
    const m = model();
    assert.deepEqual(m.keys.map((k) => k.key.identity), [GUIDE_KEY]);
    const lc = keyEntry(m, GUIDE_KEY).lifecycle;
    assert.ok(lc);
    assert.deepEqual(lc.events.map((e) => e.event.eventName), ['EnableKey', 'DisableKey', 'ScheduleKeyDeletion'], 'replayed by eventTime, not by position in the file');
    assert.deepEqual(lc.events.map((e) => e.stateAfter), ['Enabled', 'Disabled', 'PendingDeletion']);
  });

  it('ends Pending deletion, since the ScheduleKeyDeletion, with the deletion date KMS logged and the 24 hours after it', () => {
    const lc = keyEntry(model(), GUIDE_KEY).lifecycle;
    assert.ok(lc);
    assert.equal(lc.state, 'PendingDeletion');
    assert.equal(lc.stateSince, '2021-03-23T18:58:30Z');
    assert.equal(lc.stateEvent?.eventName, 'ScheduleKeyDeletion');
    assert.deepEqual(lc.deletion, {
      keyState: 'PendingDeletion',
      pendingWindowInDays: 20,
      defaultWindow: false,
      computed: false,
      deletionDateLogged: 'Apr 12, 2021 18:58:30 PM',
      deletionDate: '2021-04-12T18:58:30Z',
      latestDeletion: '2021-04-13T18:58:30Z',
    });
    assert.equal(describeState(lc), 'Pending deletion: deleted on 2021-04-12 18:58:30 UTC at the earliest, up to 24 h later');
  });

  it('answers "what state was the key in" at any moment of the timeline', () => {
    const lc = keyEntry(model(), GUIDE_KEY).lifecycle;
    assert.equal(stateAt(lc, timeMillis('2014-11-04T00:52:30Z'))?.state, 'Enabled');
    assert.equal(stateAt(lc, timeMillis('2020-01-01T00:00:00Z'))?.state, 'Disabled');
    assert.equal(stateAt(lc, timeMillis('2020-01-01T00:00:00Z'))?.since, '2014-11-04T00:52:43Z');
    assert.equal(stateAt(lc, timeMillis('2014-11-04T00:52:43Z'))?.state, 'Enabled', 'exclusive: the moment of the DisableKey itself');
    assert.equal(stateAt(lc, timeMillis('2014-11-04T00:52:43Z'), true)?.state, 'Disabled', 'inclusive');
    assert.equal(stateAt(lc, timeMillis('2010-01-01T00:00:00Z')), undefined, 'before the first event the logs know nothing');
  });

  it('describes a multi-Region primary key with replicas as Pending replica deletion, with no date', () => {
    const lc = keyEntry(grantsOf(source('mrk.json', log(guideEvent('ct-schedule-key-deletion-1')))), 'arn:aws:kms:us-west-2:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab').lifecycle;
    assert.equal(lc?.state, 'PendingReplicaDeletion');
    assert.equal(lc?.deletion?.deletionDate, undefined);
    assert.equal(describeState(lc!), 'Pending replica deletion: deleted once its replica keys are deleted, then after a 30-day wait');
  });

  it('keeps the date KMS logged ("Nov 2, 2021, 11:25:25 PM") even where the example\'s window says otherwise', () => {
    const lc = keyEntry(grantsOf(source('cks.json', log(guideEvent('ct-schedule-key-deletion-2')))), 'arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321').lifecycle;
    assert.equal(lc?.deletion?.deletionDate, '2021-11-02T23:25:25Z');
    assert.equal(lc?.deletion?.pendingWindowInDays, 30);
  });
});

describe('lifecycle: state changes', () => {
  it('CancelKeyDeletion returns the key to Disabled, not Enabled, and ends the pending deletion', () => {
    const lc = keyEntry(grantsOf(source('a.json', log(enableKey('2024-05-01T09:00:00Z'), scheduleKeyDeletion('2024-05-02T09:00:00Z', 30), cancelKeyDeletion('2024-05-03T09:00:00Z'))))).lifecycle;
    assert.equal(lc?.state, 'Disabled');
    assert.equal(lc?.stateSince, '2024-05-03T09:00:00Z');
    assert.equal(lc?.deletion, undefined);
    assert.equal(describeState(lc!), 'Disabled since 2024-05-03 09:00:00 UTC');
  });

  it('DeleteKey, the service event at the end of the wait, leaves the key Deleted', () => {
    const m = grantsOf(source('a.json', log(guideEvent('ct-disablekey-0'), guideEvent('ct-delete-key-0'))));
    const lc = keyEntry(m, GUIDE_KEY).lifecycle;
    assert.equal(lc?.state, 'Deleted');
    assert.equal(lc?.stateSince, '2020-07-31T00:07:00Z');
    assert.equal(describeState(lc!), 'Deleted on 2020-07-31 00:07:00 UTC');
  });

  it('a failed call (errorCode) is listed but changes nothing', () => {
    const lc = keyEntry(grantsOf(source('a.json', log(
      enableKey('2024-05-01T09:00:00Z'),
      disableKey('2024-05-02T09:00:00Z', { errorCode: 'AccessDeniedException', errorMessage: 'not authorized' }),
      scheduleKeyDeletion('2024-05-03T09:00:00Z', 7, { errorCode: 'KMSInvalidStateException', responseElements: null }),
    )))).lifecycle;
    assert.equal(lc?.state, 'Enabled');
    assert.equal(lc?.stateSince, '2024-05-01T09:00:00Z');
    assert.equal(lc?.deletion, undefined);
    assert.deepEqual(lc?.events.map((e) => [e.event.eventName, e.failed, e.stateAfter]), [['EnableKey', false, 'Enabled'], ['DisableKey', true, undefined], ['ScheduleKeyDeletion', true, undefined]]);
    assert.equal(describeLifecycleEvent(lc!.events[1]), 'DisableKey failed: AccessDeniedException');
  });

  it('a repeated EnableKey does not move "since"', () => {
    const lc = keyEntry(grantsOf(source('a.json', log(enableKey('2024-05-01T09:00:00Z'), enableKey('2024-05-09T09:00:00Z'))))).lifecycle;
    assert.equal(lc?.stateSince, '2024-05-01T09:00:00Z');
  });

  it('CreateKey with EXTERNAL origin waits for its key material; importing it enables the key; expiry takes it away again', () => {
    const m = grantsOf(source('a.json', log(guideEvent('ct-createkey-0'), guideEvent('ct-importkeymaterial-0', { eventTime: '2022-08-11T00:00:00Z' }), guideEvent('ct-deleteexpiredkeymaterial-0', { eventTime: '2023-01-01T16:00:00Z' }))));
    const lc = keyEntry(m, GUIDE_KEY).lifecycle;
    assert.deepEqual(lc?.events.map((e) => e.stateAfter), ['PendingImport', 'Enabled', 'PendingImport']);
    assert.equal(lc?.state, 'PendingImport');
  });

  it('ReplicateKey adds an event to the primary key and creates the replica (the guide\'s example is broken JSON, read tolerantly)', () => {
    const m = grantsOf(fixtureSource('corpus/awsdocs/ct-replicate-key-0.json'));
    const primary = keyEntry(m, 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab').lifecycle;
    const replica = keyEntry(m, GUIDE_KEY).lifecycle;
    assert.deepEqual(primary?.events.map((e) => [e.kind, e.region]), [['replicate', 'us-west-2']]);
    assert.deepEqual(replica?.events.map((e) => [e.kind, e.region, e.stateAfter]), [['replicaCreated', 'us-east-1', 'Creating']]);
  });

  it('replays events across files by eventTime, and counts an event found in two overlapping files once', () => {
    const disable = disableKey('2024-05-02T09:00:00Z');
    const m = grantsOf(
      source('later.json', log(disable, scheduleKeyDeletion('2024-05-10T09:00:00Z', 30))),
      source('earlier.json', log(enableKey('2024-05-01T09:00:00Z'), disable)),
    );
    const lc = keyEntry(m).lifecycle;
    assert.deepEqual(lc?.events.map((e) => [e.event.eventName, e.event.source]), [['EnableKey', 'earlier.json'], ['DisableKey', 'later.json'], ['ScheduleKeyDeletion', 'later.json']]);
  });

  it('a key the logs only show in use has no lifecycle: its state is unknown, not Enabled', () => {
    const m = grantsOf(source('a.json', log(decrypt('2024-05-01T09:00:00Z', roleSession('Reports')))));
    assert.equal(keyEntry(m).lifecycle, undefined);
  });
});

describe('lifecycle: rotation', () => {
  it('reads the guide\'s EnableKeyRotation, RotateKey and DisableKeyRotation', () => {
    const lc = keyEntry(grantsOf(source('a.json', log(guideEvent('ct-disable-key-rotation-0'), guideEvent('ct-rotatekey-0'), guideEvent('ct-enablekeyrotation-0')))), GUIDE_KEY).lifecycle;
    assert.ok(lc);
    assert.equal(lc.rotation.enabled, false);
    assert.equal(lc.rotation.since, '2022-09-01T19:31:39Z');
    assert.equal(lc.rotation.lastRotation?.at, '2021-01-14T01:41:59Z');
    assert.equal(lc.rotation.lastRotation?.type, undefined, 'the 2021 example predates rotationType');
    assert.equal(lc.state, undefined, 'rotation says nothing about the key state');
    assert.equal(describeRotation(lc.rotation), 'automatic rotation off, last rotated 2021-01-14 01:41:59 UTC');
  });

  it('counts on-demand rotations and reads the rotation type of the RotateKey service event', () => {
    const rotate = (eventTime: string, rotationType: string) => kmsEvent('RotateKey', eventTime, { userIdentity: { accountId: '111122223333', invokedBy: 'AWS Internal' }, eventType: 'AwsServiceEvent', serviceEventDetails: { rotationType, keyId: KEY_ID } });
    const lc = keyEntry(grantsOf(source('a.json', log(
      kmsEvent('EnableKeyRotation', '2024-01-01T00:00:00Z', { requestParameters: { keyId: KEY_ID, rotationPeriodInDays: 180 } }),
      kmsEvent('RotateKeyOnDemand', '2024-03-01T00:00:00Z', { requestParameters: { keyId: KEY_ID }, responseElements: { keyId: KEY_ARN } }),
      rotate('2024-03-01T00:00:05Z', 'ON_DEMAND'),
      rotate('2024-06-29T00:00:00Z', 'AUTOMATIC'),
    )))).lifecycle;
    assert.ok(lc);
    assert.equal(lc.rotation.onDemand, 1);
    assert.equal(lc.rotation.periodInDays, 180);
    assert.deepEqual(lc.events.filter((e) => e.kind === 'rotate').map((e) => e.rotationType), ['ON_DEMAND', 'AUTOMATIC']);
    assert.equal(describeRotation(lc.rotation), 'automatic rotation on (every 180 days), last rotated 2024-06-29 00:00:00 UTC, on-demand rotations: 1');
  });
});

describe('lifecycle: refused calls and the services a key serves', () => {
  it('a call refused because of the key\'s state is an attempt, not a use; other failures are neither', () => {
    const m = grantsOf(source('a.json', log(
      disableKey('2024-05-01T09:00:00Z'),
      refusedDecrypt('2024-05-02T09:00:00Z', 'DisabledException'),
      refusedDecrypt('2024-05-03T09:00:00Z', 'KMSInvalidStateException'),
      refusedDecrypt('2024-05-04T09:00:00Z', 'AccessDeniedException'),
    )));
    const k = keyEntry(m);
    assert.deepEqual(k.lifecycle?.refused.map((r) => [r.eventName, r.errorCode, r.role]), [['Decrypt', 'DisabledException', 'refused'], ['Decrypt', 'KMSInvalidStateException', 'refused']]);
    assert.equal(k.otherUses.length, 0, 'failed calls are not uses');
  });

  it('shows Fargate ephemeral storage on the key of the Fargate seed events (grant and encryption context)', () => {
    const m = grantsOf(fixtureSource('corpus/seeds/fargate-creategrant.json'), fixtureSource('corpus/seeds/fargate-generatedatakeywithoutplaintext.json'));
    const fargate = keyEntry(m, 'arn:aws:kms:us-west-2:account-id:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111').lifecycle?.services.fargate;
    assert.equal(fargate?.detail, 'cluster-name');
    assert.equal(fargate?.count, 2);
    assert.equal(fargate?.event.role, 'evidence');
  });

  it('a dry run that shows Fargate but used nothing makes no key of its own', () => {
    assert.deepEqual(grantsOf(fixtureSource('corpus/seeds/fargate-generatedatakeywithoutplaintext-dryrun.json')).keys, []);
  });

  it('shows Deadline Cloud on a key with a grant constrained to a farm, and not on a key without one', () => {
    const m = grantsOf(source('a.json', log(
      createGrant('6bbe819394822a400fe5e3a75d0e9ef16c1733143fff0c1fc00dc7ac282a18a0', '2024-04-23T02:05:35Z', {
        granteePrincipal: 'deadline.amazonaws.com', retiringPrincipal: 'deadline.amazonaws.com', operations: ['Decrypt', 'GenerateDataKey'],
        constraints: { encryptionContextSubset: { 'aws:deadline:farmId': 'farm-abcdef12345678900987654321fedcba', 'aws:deadline:accountId': '111122223333' } },
      }),
      enableKey('2024-04-24T00:00:00Z'),
    )));
    const deadline = keyEntry(m).lifecycle?.services.deadline;
    assert.equal(deadline?.how, 'grant');
    assert.equal(deadline?.detail, 'farm-abcdef12345678900987654321fedcba');
    assert.equal(keyEntry(m).lifecycle?.services.fargate, undefined);
  });
});
