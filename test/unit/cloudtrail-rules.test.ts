/**
 * Every CloudTrail rule: one case that fires and a near miss that does not.
 * The base event is a real-shaped Decrypt (non-placeholder ids), so a rule
 * that fires here fires for one reason only.
 */
import * as assert from 'node:assert/strict';
import { applyEdits, type Finding } from '../../src/core';
import { cloudTrailRules } from '../../src/core/cloudtrail/rules';
import { findings, marked } from './helpers';
import { redactText } from '../../src/core/cloudtrail/redact';

type Ev = Record<string, unknown>;

const ACCOUNT = '210987654321';
const KEY = '7a3f9c2e-4b1d-4e8a-9f6c-2d5e8b1a4c7f';
const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/${KEY}`;
const OTHER_KEY = '0b2c4d6e-8f1a-4b3c-9d5e-7f9a1b3c5d7e';

function base(): Ev {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROA3XFRBF23EXMPLROLE:alice',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Ops/alice`,
      accountId: ACCOUNT,
      accessKeyId: 'ASIA3XFRBF23KZQWNB5T',
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: 'AROA3XFRBF23EXMPLROLE', arn: `arn:aws:iam::${ACCOUNT}:role/Ops`, accountId: ACCOUNT, userName: 'Ops' },
        attributes: { creationDate: '2024-05-02T09:12:01Z', mfaAuthenticated: 'false' },
      },
    },
    eventTime: '2024-05-02T09:15:44Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'Decrypt',
    awsRegion: 'us-west-2',
    sourceIPAddress: '198.51.100.23',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: { keyId: KEY_ARN, encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::reports/2024/q1.csv' } },
    responseElements: null,
    requestID: '4c1f7a2e-9b3d-4e6f-8a1c-5d7e9f2b4a6c',
    eventID: 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b1d',
    readOnly: true,
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY_ARN }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
}

function ev(change: (e: Ev) => void): string {
  const e = base();
  change(e);
  return JSON.stringify(e, null, 2);
}

function run(text: string): Finding[] {
  return findings(text, { languageId: 'json', fileName: 'event.json' });
}

function only(text: string, code: string): Finding[] {
  return run(text).filter((f) => f.code === code);
}

/** Asserts the rule fires exactly `n` times and returns its findings with the marked text. */
function fires(text: string, code: string, n = 1): Finding[] {
  const fs = only(text, code);
  assert.equal(fs.length, n, `${code}: ${JSON.stringify(run(text).map((f) => [f.code, f.message, marked(text, f)]), null, 1)}`);
  return fs;
}

const rp = (e: Ev): Ev => e.requestParameters as Ev;
const ui = (e: Ev): Ev => e.userIdentity as Ev;

describe('CloudTrail rules', () => {
  it('the base event raises nothing at all', () => {
    assert.deepEqual(run(ev(() => undefined)).map((f) => f.code), []);
  });

  it('every CloudTrail rule has a block here, with a case where it fires and a near miss', function () {
    // A rule added to the list without cases fails here.
    const blocks = this.test!.parent!.suites;
    const missing = cloudTrailRules.map((r) => r.id).filter((id) => {
      const tests = blocks.find((b) => b.title === id)?.tests.map((t) => t.title) ?? [];
      return !tests.some((t) => !/^near miss/i.test(t)) || !tests.some((t) => /near miss/i.test(t));
    });
    assert.deepEqual(missing, []);
  });

  describe('ct-missing-field', () => {
    it('fires on a record without eventTime and eventName', () => {
      const [f] = fires(ev((e) => { delete e.eventTime; delete e.eventName; }), 'ct-missing-field');
      assert.match(f.message, /"eventTime", "eventName"/);
      assert.equal(f.start, 0);
    });
    it('fires on a userIdentity without type on an API call', () => {
      const text = ev((e) => { delete ui(e).type; });
      const [f] = fires(text, 'ct-missing-field');
      assert.equal(text.slice(f.start, f.end), '"userIdentity"');
    });
    it('near miss: a service event without requestID and without userIdentity.type', () => {
      const text = ev((e) => { e.userIdentity = { accountId: ACCOUNT, invokedBy: 'AWS Internal' }; delete e.requestID; e.eventType = 'AwsServiceEvent'; e.eventName = 'RotateKey'; e.requestParameters = null; });
      assert.deepEqual(run(text).map((f) => f.code), []);
    });
    it('near miss: a CloudTrail Insights event about KMS has none of a call\'s fields, by design', () => {
      const insight = { eventVersion: '1.08', eventTime: '2026-11-30T10:05:00Z', awsRegion: 'eu-west-1', eventID: '55555555-5555-5555-5555-555555555555', eventType: 'AwsCloudTrailInsight', recipientAccountId: ACCOUNT, sharedEventID: '66666666-6666-6666-6666-666666666666', insightDetails: { state: 'Start', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', insightType: 'ApiCallRateInsight', insightContext: { statistics: { baseline: { average: 0.1 }, insight: { average: 5 } } } }, eventCategory: 'Insight' };
      assert.deepEqual(run(JSON.stringify({ Records: [insight] })).map((f) => f.code), []);
      // The same record with its eventType edited away is no longer an Insights event: it lacks what a call has.
      const edited = { ...insight, eventType: 'AwsApiCall' };
      assert.deepEqual(only(JSON.stringify({ Records: [edited] }), 'ct-missing-field').length, 1);
    });
    it('near miss: eventID is not expected before eventVersion 1.01', () => {
      const text = JSON.stringify({ eventVersion: '1.0', userIdentity: { type: 'Root' }, eventTime: '2014-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.1', requestParameters: null, responseElements: null });
      assert.equal(only(text, 'ct-missing-field').length, 0);
    });
  });

  describe('ct-version-field', () => {
    it('fires on a 1.08 record without eventCategory, and on eventCategory in a 1.05 record', () => {
      fires(ev((e) => { delete e.eventCategory; }), 'ct-version-field');
      const text = ev((e) => { e.eventVersion = '1.05'; delete e.managementEvent; });
      const [f] = fires(text, 'ct-version-field');
      assert.equal(text.slice(f.start, f.end), '"eventCategory"');
      assert.equal(f.severity, 'information');
    });
    it('near miss: a 1.05 record without eventCategory', () => {
      assert.equal(only(ev((e) => { e.eventVersion = '1.05'; delete e.eventCategory; delete e.managementEvent; }), 'ct-version-field').length, 0);
    });
    it('near miss: a network activity event (a call through a VPC endpoint) has no requestParameters or responseElements', () => {
      const network = (e: Ev): void => {
        e.eventVersion = '1.11';
        e.eventType = 'AwsVpceEvent';
        e.eventCategory = 'NetworkActivity';
        e.vpcEndpointId = 'vpce-0d81c4f2a7e93b5c6';
        e.vpcEndpointAccountId = ACCOUNT;
        e.sharedEventID = '0c4e8a2f-6b1d-4f9e-a3c7-5d2b9e1f7a04';
        delete e.requestParameters;
        delete e.responseElements;
        delete e.userAgent;
        delete e.readOnly;
        delete e.managementEvent;
      };
      assert.equal(only(ev(network), 'ct-version-field').length, 0);
      // The same record as an API call: the two fields are missing.
      assert.equal(only(ev((e) => { network(e); e.eventType = 'AwsApiCall'; e.eventCategory = 'Management'; }), 'ct-version-field').length, 1);
    });
  });

  describe('ct-event-version', () => {
    it('fires on a number, with a fix that quotes it', () => {
      const text = ev((e) => { e.eventVersion = 1.08; });
      const [f] = fires(text, 'ct-event-version');
      assert.match(applyEdits(text, f.fixes![0].edits), /"eventVersion": "1\.08"/);
    });
    it('fires on 2.0 and on 1.99', () => {
      fires(ev((e) => { e.eventVersion = '2.0'; }), 'ct-event-version');
      fires(ev((e) => { e.eventVersion = '1.99'; }), 'ct-event-version');
    });
    it('near miss: 1.11, the latest', () => {
      assert.equal(only(ev((e) => { e.eventVersion = '1.11'; }), 'ct-event-version').length, 0);
    });
  });

  describe('ct-event-time', () => {
    it('fires on a local time and on February 30', () => {
      fires(ev((e) => { e.eventTime = '2024-05-02T09:15:44+02:00'; }), 'ct-event-time');
      const [f] = fires(ev((e) => { e.eventTime = '2023-02-29T10:00:00Z'; }), 'ct-event-time');
      assert.match(f.message, /not a real date/);
    });
    it('near miss: 29 February of a leap year, and fractional seconds', () => {
      assert.equal(only(ev((e) => { e.eventTime = '2024-02-29T23:59:59Z'; }), 'ct-event-time').length, 0);
      assert.equal(only(ev((e) => { e.eventTime = '2024-02-29T23:59:59.123Z'; }), 'ct-event-time').length, 0);
    });
  });

  describe('ct-field-type', () => {
    it('fires on readOnly as a string and on mfaAuthenticated as a boolean (with a fix)', () => {
      fires(ev((e) => { e.readOnly = 'true'; }), 'ct-field-type');
      const text = ev((e) => { ((ui(e).sessionContext as Ev).attributes as Ev).mfaAuthenticated = true; });
      const [f] = fires(text, 'ct-field-type');
      assert.match(applyEdits(text, f.fixes![0].edits), /"mfaAuthenticated": "true"/);
    });
    it('near miss: requestParameters null', () => {
      assert.equal(only(ev((e) => { e.requestParameters = null; }), 'ct-field-type').length, 0);
    });
  });

  describe('ct-id-format', () => {
    it('fires on an eventID with a short first group', () => {
      fires(ev((e) => { e.eventID = 'abcda5f-396d-494c-9380-0c47860df5f1'; }), 'ct-id-format');
    });
    it('near miss: an EXAMPLE placeholder id, and a requestID of another shape', () => {
      const text = ev((e) => { e.eventID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE33333'; e.requestID = 'create-210987654321-758241111-1415220618'; });
      assert.equal(only(text, 'ct-id-format').length, 0);
    });
    it('near miss: a SAMPLE placeholder id, as other AWS guides write them', () => {
      assert.equal(only(ev((e) => { e.eventID = 'ff000af-00eb-00ce-0e00-ea000fb0fba0SAMPLE'; }), 'ct-id-format').length, 0);
    });
  });

  describe('an example event (its account is a documentation placeholder)', () => {
    /** A detection rule's test event as Panther, Sigma or the guides write them: account 123456789012 or 111122223333, ids typed by hand. */
    const example = (account: string, change: (e: Ev) => void): string => ev((e) => {
      const arn = `arn:aws:kms:us-west-2:${account}:key/1`;
      e.recipientAccountId = account;
      ui(e).accountId = account;
      ui(e).arn = `arn:aws:sts::${account}:assumed-role/tester`;
      ((ui(e).sessionContext as Ev).sessionIssuer as Ev).accountId = account;
      ((ui(e).sessionContext as Ev).sessionIssuer as Ev).arn = `arn:aws:iam::${account}:role/tester`;
      e.requestParameters = { keyId: '1' };
      e.resources = [{ accountId: account, type: 'AWS::KMS::Key', ARN: arn }];
      change(e);
    });
    const aboveInformation = (text: string): string[] => run(text).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code}: ${f.message}`);
    it('says a hand-typed eventID, key id, Region and deletion date as information only', () => {
      const text = example('123456789012', (e) => {
        e.eventID = '1';
        e.eventName = 'ScheduleKeyDeletion';
        e.readOnly = false;
        e.eventTime = '2019-01-01T00:00:00Z';
        e.awsRegion = 'region';
        rp(e).pendingWindowInDays = 30;
        e.responseElements = { keyId: 'arn:aws:kms:us-west-2:123456789012:key/1', deletionDate: 'Jan 1, 2019 12:00:00 AM' };
      });
      for (const code of ['ct-id-format', 'ct-key-id-invalid', 'ct-region', 'ct-deletion-date-mismatch']) {
        const fs = only(text, code);
        assert.equal(fs.length, 1, code);
        assert.equal(fs[0].severity, 'information', code);
      }
      assert.deepEqual(aboveInformation(text), []);
    });
    it('the AWS guides\' account 111122223333 reads the same', () => {
      const text = example('111122223333', (e) => { e.eventID = '1'; });
      assert.equal(only(text, 'ct-id-format')[0]?.severity, 'information');
      assert.deepEqual(aboveInformation(text), []);
    });
    it('near miss: the same hand-typed values in an event of a real-looking account stay warnings', () => {
      const text = example(ACCOUNT, (e) => { e.eventID = '1'; e.awsRegion = 'region'; });
      for (const code of ['ct-id-format', 'ct-key-id-invalid', 'ct-region']) assert.equal(only(text, code)[0]?.severity, 'warning', code);
    });
    it('a snippet trimmed to what it shows (no userIdentity, no awsRegion) whose key ARN has a placeholder account: ct-missing-field is information', () => {
      const text = JSON.stringify({ eventName: 'GenerateDataKey', eventSource: 'kms.amazonaws.com', sourceIPAddress: 'AWS Internal', requestParameters: { keyId: 'arn:aws:kms:us-east-1:account:key/id', keySpec: 'AES_256' }, responseElements: null, eventTime: '2026-06-25T10:00:00Z' }, null, 2);
      const [f] = fires(text, 'ct-missing-field');
      assert.equal(f.severity, 'information');
      assert.deepEqual(aboveInformation(text), []);
      // A Lambda test event's detail with a userIdentity of its ARN only: the missing type is information too.
      const noType = JSON.stringify({ ...JSON.parse(text), awsRegion: 'us-east-1', eventID: 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b1d', userIdentity: { arn: 'arn:aws:iam::123456789012:user/test-user' } }, null, 2);
      assert.deepEqual(only(noType, 'ct-missing-field').map((x) => x.severity), ['information']);
      // The same snippet naming a real-looking key: a warning, as before.
      const real = text.replace('account:key/id', `${ACCOUNT}:key/${KEY}`);
      assert.equal(fires(real, 'ct-missing-field')[0].severity, 'warning');
    });
    it('near miss: in an example, values that try the real form and miss stay warnings (a GUID with a digit lost, a zoned Region, a date days off)', () => {
      const text = example('111122223333', (e) => {
        e.eventID = 'abcda5f-396d-494c-9380-0c47860df5f1';
        e.awsRegion = 'us-west-2a';
        e.eventName = 'ScheduleKeyDeletion';
        e.readOnly = false;
        e.eventTime = '2021-10-26T23:25:25Z';
        e.requestParameters = { keyId: '7a3f9c2e-4b1d-4e8a-9f6c', pendingWindowInDays: 30 };
        e.responseElements = { keyId: 'arn:aws:kms:us-west-2:111122223333:key/7a3f9c2e-4b1d-4e8a-9f6c', deletionDate: 'Nov 2, 2021, 11:25:25 PM' };
      });
      for (const code of ['ct-id-format', 'ct-region', 'ct-deletion-date-mismatch', 'ct-key-id-invalid']) assert.equal(only(text, code)[0]?.severity, 'warning', code);
    });
    it('near miss: a parameter the operation does not have is still a warning in an example', () => {
      const text = example('123456789012', (e) => { e.eventName = 'ScheduleKeyDeletion'; rp(e).overridePendingWindowCheck = false; });
      assert.equal(only(text, 'ct-kms-unknown-parameter')[0]?.severity, 'warning');
    });
  });

  describe('ct-unknown-value', () => {
    it('fires on eventType AwsApiCal with the nearest value offered', () => {
      const [f] = fires(ev((e) => { e.eventType = 'AwsApiCal'; }), 'ct-unknown-value');
      assert.match(f.message, /Did you mean "AwsApiCall"/);
      assert.equal(f.fixes?.[0].title, 'Change to "AwsApiCall"');
    });
    it('fires on an unknown identity type', () => {
      fires(ev((e) => { ui(e).type = 'Robot'; }), 'ct-unknown-value');
    });
    it('near miss: every documented identity type', () => {
      for (const type of ['Root', 'IAMUser', 'AssumedRole', 'Role', 'FederatedUser', 'AWSAccount', 'AWSService', 'IdentityCenterUser', 'SAMLUser', 'WebIdentityUser']) {
        assert.equal(only(ev((e) => { ui(e).type = type; }), 'ct-unknown-value').length, 0, type);
      }
    });
  });

  describe('ct-unknown-field', () => {
    it('fires as a hint on a misspelt field, offering the right name', () => {
      const text = ev((e) => { e.sourceIpAddress = e.sourceIPAddress; delete e.sourceIPAddress; });
      const [f] = fires(text, 'ct-unknown-field');
      assert.equal(f.severity, 'hint');
      assert.match(applyEdits(text, f.fixes![0].edits), /"sourceIPAddress": "198/);
    });
    it('near miss: documented optional fields (tlsDetails, addendum, vpcEndpointId)', () => {
      assert.equal(only(ev((e) => { e.tlsDetails = { tlsVersion: 'TLSv1.3' }; e.addendum = { reason: 'DELIVERY_DELAY' }; e.vpcEndpointId = 'vpce-1'; }), 'ct-unknown-field').length, 0);
    });
  });

  describe('ct-account-id', () => {
    it('fires on an 11-digit account id and suggests the lost zero', () => {
      const [f] = fires(ev((e) => { e.recipientAccountId = '10987654321'; ui(e).accountId = '10987654321'; ((ui(e).sessionContext as Ev).sessionIssuer as Ev).accountId = '10987654321'; }), 'ct-account-id', 3);
      assert.match(f.message, /"010987654321"/);
    });
    it('near miss: "AWS Internal" as a resource owner, and placeholders', () => {
      assert.equal(only(ev((e) => { (e.resources as Ev[])[0].accountId = 'AWS Internal'; }), 'ct-account-id').length, 0);
      assert.equal(only(ev((e) => { e.recipientAccountId = 'account-id'; }), 'ct-account-id').length, 0);
    });
    it('near miss: the tokens a redaction tool writes ([AWS_ACCOUNT_ID_REDACTED]) are masks, not malformed ids', () => {
      const text = ev((e) => {
        e.recipientAccountId = '[AWS_ACCOUNT_ID_REDACTED]';
        ui(e).accountId = '[AWS_ACCOUNT_ID_REDACTED]';
        (e.resources as Ev[])[0].accountId = '[AWS_ACCOUNT_ID_REDACTED]';
      });
      assert.equal(only(text, 'ct-account-id').length, 0);
      assert.equal(only(text, 'ct-placeholder')[0]?.severity, 'information');
    });
  });

  describe('ct-region', () => {
    it('fires on an Availability Zone, offering the Region', () => {
      const [f] = fires(ev((e) => { e.awsRegion = 'us-west-2a'; }), 'ct-region');
      assert.equal(f.fixes?.[0].title, 'Change to "us-west-2"');
    });
    it('near miss: a Region of another partition, and a Region-shaped code not yet known', () => {
      assert.equal(only(ev((e) => { e.awsRegion = 'cn-north-1'; e.requestParameters = null; e.resources = []; }), 'ct-region').length, 0);
      assert.equal(only(ev((e) => { e.awsRegion = 'eu-south-3'; }), 'ct-region').length, 0);
    });
    it('an anonymised value on every record of a log: one finding on the first record, a fix for all of them', () => {
      const rec = (region: string, id: string): Ev => ({ ...base(), awsRegion: region, eventID: id });
      const text = JSON.stringify({ Records: [
        rec('us-east-X', 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b11'), rec('us-east-X', 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b12'),
        rec('us-west-2a', 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b13'), rec('us-east-X', 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b14'),
        rec('us-west-2a', 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b15'),
      ] }, null, 2);
      const [first, second] = fires(text, 'ct-region', 2);
      assert.equal(text.slice(first.start, first.end), '"us-east-X"');
      assert.equal(first.start, text.indexOf('"us-east-X"'));
      assert.match(first.message, /^"us-east-X" is not an AWS Region\..* \(3 records carry it\.\)$/);
      assert.equal(second.start, text.indexOf('"us-west-2a"'));
      assert.equal(second.fixes?.[0].title, 'Change to "us-west-2" in 2 records');
      const fixed = applyEdits(text, second.fixes![0].edits);
      assert.equal(fixed.split('"us-west-2a"').length, 1);
      assert.equal(fixed.split('"us-east-X"').length, 4);
      // Not a Region: no ct-region-mismatch on each record's key as well.
      assert.equal(only(text, 'ct-region-mismatch').length, 0);
    });
  });

  describe('ct-deletion-date-mismatch', () => {
    const schedule = (window: number | undefined, date: string, change?: (e: Ev) => void): string => ev((e) => {
      e.eventName = 'ScheduleKeyDeletion';
      e.readOnly = false;
      e.eventTime = '2021-10-26T23:25:25Z';
      e.requestParameters = window === undefined ? { keyId: KEY_ARN } : { keyId: KEY_ARN, pendingWindowInDays: window };
      e.responseElements = { keyId: KEY_ARN, deletionDate: date, keyState: 'PendingDeletion', pendingWindowInDays: window ?? 30 };
      change?.(e);
    });
    it('fires on a deletionDate 7 days after the call when the window is 30 (the guide\'s example), on the date', () => {
      const text = schedule(30, 'Nov 2, 2021, 11:25:25 PM');
      const [f] = fires(text, 'ct-deletion-date-mismatch');
      assert.equal(text.slice(f.start, f.end), '"Nov 2, 2021, 11:25:25 PM"');
      assert.equal(f.message, 'The waiting period is 30 days, so the key is deleted on 2021-11-25T23:25:25Z (30 days after the call), but this record logs Nov 2, 2021, 11:25:25 PM (7 days after): the record was edited or pieced together.');
    });
    it('near miss: the date to the second, within a day (rounding, time zone), a failed call, a replica, no date', () => {
      assert.equal(only(schedule(30, 'Nov 25, 2021, 11:25:25 PM'), 'ct-deletion-date-mismatch').length, 0);
      assert.equal(only(schedule(7, '2021-11-03T00:00:00Z'), 'ct-deletion-date-mismatch').length, 0);
      assert.equal(only(schedule(undefined, 'Nov 25, 2021, 11:25:25 PM'), 'ct-deletion-date-mismatch').length, 0);
      assert.equal(only(schedule(30, 'Nov 2, 2021, 11:25:25 PM', (e) => { e.errorCode = 'KMSInvalidStateException'; e.responseElements = null; }), 'ct-deletion-date-mismatch').length, 0);
      assert.equal(only(schedule(30, 'Nov 2, 2021, 11:25:25 PM', (e) => { (e.responseElements as Ev).keyState = 'PendingReplicaDeletion'; }), 'ct-deletion-date-mismatch').length, 0);
      assert.equal(only(schedule(30, 'soon'), 'ct-deletion-date-mismatch').length, 0);
    });
  });

  describe('ct-key-id-invalid', () => {
    const CODE = 'ct-key-id-invalid';
    const withKey = (id: string, eventID = 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b1d'): Ev => {
      const arn = `arn:aws:kms:us-west-2:${ACCOUNT}:key/${id}`;
      return { ...base(), eventID, requestParameters: { ...rp(base()), keyId: arn }, resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: arn }] };
    };
    it('fires as a warning on a key id cut short, on the value, once for its two places', () => {
      const text = JSON.stringify(withKey('7a3f9c2e-4b1d-4e8a-9f6c'), null, 2);
      const [f] = fires(text, CODE);
      assert.equal(f.severity, 'warning');
      assert.equal(text.slice(f.start, f.end), `"arn:aws:kms:us-west-2:${ACCOUNT}:key/7a3f9c2e-4b1d-4e8a-9f6c"`);
      assert.equal(f.start, text.indexOf(`"arn:aws:kms:us-west-2:${ACCOUNT}:key/7a3f9c2e`));
      assert.equal(f.message, '"7a3f9c2e-4b1d-4e8a-9f6c" is not a KMS key id (a GUID, or mrk- and 32 hexadecimal digits): CloudTrail did not write it, and which key this names is unknown. (2 places in this document.)');
    });
    it('a masked key id repeated on every record: one information finding for the log, and no key mismatch', () => {
      const masked = '7a3f9c2e-4b1d-4e8a-9f6c-XXXXXXXXXXXX';
      const text = JSON.stringify({ Records: [withKey(masked, 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b11'), withKey(masked, 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b12'), { ...withKey(masked, 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b13'), requestParameters: { keyId: 'abcd...XXXXX' } }] }, null, 2);
      const fs = fires(text, CODE, 2);
      assert.deepEqual(fs.map((f) => f.severity), ['information', 'information']);
      assert.match(fs[0].message, /^"7a3f9c2e-4b1d-4e8a-9f6c-XXXXXXXXXXXX" is a masked key id, not a key id: .* \(5 places in this document\.\)$/);
      assert.equal(text.slice(fs[1].start, fs[1].end), '"abcd...XXXXX"');
      assert.equal(only(text, 'ct-key-mismatch').length, 0);
    });
    it('near miss: key ids of both forms, any case, aliases, documentation examples, and KMS Lens\'s own redacted copy', () => {
      assert.equal(only(JSON.stringify(withKey(KEY)), CODE).length, 0);
      assert.equal(only(JSON.stringify(withKey('mrk-1234abcd12ab34cd56ef1234567890ac')), CODE).length, 0);
      assert.equal(only(JSON.stringify(withKey(KEY.toUpperCase())), CODE).length, 0);
      assert.equal(only(ev((e) => { rp(e).keyId = 'alias/reports'; }), CODE).length, 0);
      assert.equal(only(ev((e) => { rp(e).keyId = '1234abcd-12ab-34cd-56ef-1234567890ab'; }), CODE).length, 0);
      assert.equal(only(ev((e) => { rp(e).keyId = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'; }), CODE).length, 0);
      const shared = redactText(JSON.stringify({ Records: [withKey(KEY), withKey(OTHER_KEY, 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b12')] }, null, 2));
      assert.ok(shared.valuesChanged > 0);
      assert.equal(only(shared.text, CODE).length, 0);
    });
  });

  describe('ct-malformed-arn', () => {
    it('fires on arn:aws::kms: with a fix-all fix that restores the ARN', () => {
      const text = ev((e) => { rp(e).keyId = KEY_ARN.replace('arn:aws:kms:', 'arn:aws::kms:'); });
      const [f] = fires(text, 'ct-malformed-arn');
      assert.equal(f.fixes?.[0].safety, 'neutral');
      assert.equal(JSON.parse(applyEdits(text, f.fixes![0].edits)).requestParameters.keyId, KEY_ARN);
    });
    it('fires on an ARN with too few fields and on an unknown partition', () => {
      fires(ev((e) => { ui(e).arn = 'arn:aws:sts:assumed-role/Ops/alice'; }), 'ct-malformed-arn');
      fires(ev((e) => { ui(e).arn = `arn:amazon:sts::${ACCOUNT}:assumed-role/Ops/alice`; }), 'ct-malformed-arn');
    });
    it('near miss: an S3 ARN with empty Region and account in an encryption context', () => {
      assert.equal(only(ev(() => undefined), 'ct-malformed-arn').length, 0);
    });
  });

  describe('ct-kms-operation', () => {
    it('fires on a misspelt operation and on the IAM form ReEncryptFrom', () => {
      const [f] = fires(ev((e) => { e.eventName = 'Decrpyt'; }), 'ct-kms-operation');
      assert.match(f.message, /Did you mean "Decrypt"/);
      const [g] = fires(ev((e) => { e.eventName = 'ReEncryptFrom'; e.requestParameters = null; }), 'ct-kms-operation');
      assert.match(g.message, /"ReEncrypt"/);
    });
    it('near miss: service events RotateKey and DeleteKey, and an S3 event name', () => {
      assert.equal(only(ev((e) => { e.eventName = 'RotateKey'; }), 'ct-kms-operation').length, 0);
      assert.equal(only(ev((e) => { e.eventName = 'DeleteKey'; }), 'ct-kms-operation').length, 0);
      assert.equal(only(ev((e) => { e.eventSource = 's3.amazonaws.com'; e.eventName = 'GetObject'; }), 'ct-kms-operation').length, 0);
    });
  });

  describe('ct-kms-unknown-parameter', () => {
    it('fires on keyID, offering keyId as the fix-all fix', () => {
      const text = ev((e) => { rp(e).keyID = rp(e).keyId; delete rp(e).keyId; });
      const [f] = fires(text, 'ct-kms-unknown-parameter');
      assert.equal(f.fixes?.[0].safety, 'neutral');
      assert.equal(JSON.parse(applyEdits(text, f.fixes![0].edits)).requestParameters.keyId, KEY_ARN);
    });
    it('fires on an unknown grant constraint', () => {
      const text = ev((e) => { e.eventName = 'CreateGrant'; e.requestParameters = { keyId: KEY_ARN, operations: ['Decrypt'], granteePrincipal: 'fargate.us-west-2.amazonaws.com', constraints: { encryptionContextSubsets: { a: 'b' } } }; });
      fires(text, 'ct-kms-unknown-parameter');
    });
    it('near miss: a CreateGrant with every documented member, and RetireGrant with null parameters', () => {
      const text = ev((e) => { e.eventName = 'CreateGrant'; e.readOnly = false; e.requestParameters = { keyId: KEY_ARN, operations: ['Decrypt'], granteePrincipal: 'fargate.us-west-2.amazonaws.com', retiringPrincipal: 'ec2.us-west-2.amazonaws.com', constraints: { encryptionContextSubset: { a: 'b' } }, name: 'g', grantTokens: [], dryRun: false }; e.responseElements = { grantId: 'a'.repeat(64), keyId: KEY_ARN }; });
      assert.deepEqual(run(text).map((f) => f.code), []);
      assert.equal(only(ev((e) => { e.eventName = 'RetireGrant'; e.requestParameters = null; e.responseElements = { keyId: KEY_ARN }; }), 'ct-kms-unknown-parameter').length, 0);
    });
  });

  describe('ct-kms-parameter-value', () => {
    it('fires on numberOfBytes 2048, pendingWindowInDays 3, an unknown algorithm and a non-grant operation', () => {
      fires(ev((e) => { e.eventName = 'GenerateDataKey'; rp(e).numberOfBytes = 2048; delete rp(e).encryptionAlgorithm; }), 'ct-kms-parameter-value');
      fires(ev((e) => { e.eventName = 'ScheduleKeyDeletion'; e.requestParameters = { keyId: KEY_ARN, pendingWindowInDays: 3 }; }), 'ct-kms-parameter-value');
      const [f] = fires(ev((e) => { rp(e).encryptionAlgorithm = 'SYMETRIC_DEFAULT'; }), 'ct-kms-parameter-value');
      assert.equal(f.fixes?.[0].title, 'Change to "SYMMETRIC_DEFAULT"');
      const text = ev((e) => { e.eventName = 'CreateGrant'; e.requestParameters = { keyId: KEY_ARN, operations: ['Decrypt', 'ScheduleKeyDeletion'], granteePrincipal: 'fargate.us-west-2.amazonaws.com' }; });
      const [g] = fires(text, 'ct-kms-parameter-value');
      assert.equal(text.slice(g.start, g.end), '"ScheduleKeyDeletion"');
    });
    it('near miss: the same bad value in a call that failed, and the boundaries 7, 30, 1, 1024', () => {
      assert.equal(only(ev((e) => { e.eventName = 'ScheduleKeyDeletion'; e.errorCode = 'ValidationException'; e.requestParameters = { keyId: KEY_ARN, pendingWindowInDays: 3 }; }), 'ct-kms-parameter-value').length, 0);
      for (const days of [7, 30]) assert.equal(only(ev((e) => { e.eventName = 'ScheduleKeyDeletion'; e.requestParameters = { keyId: KEY_ARN, pendingWindowInDays: days }; }), 'ct-kms-parameter-value').length, 0);
      for (const n of [1, 1024]) assert.equal(only(ev((e) => { e.eventName = 'GenerateDataKey'; e.requestParameters = { keyId: KEY_ARN, numberOfBytes: n }; }), 'ct-kms-parameter-value').length, 0);
    });
  });

  describe('ct-kms-exclusive-parameters', () => {
    it('fires on both constraints, and on numberOfBytes with keySpec', () => {
      const text = ev((e) => { e.eventName = 'CreateGrant'; e.requestParameters = { keyId: KEY_ARN, operations: ['Decrypt'], granteePrincipal: 'fargate.us-west-2.amazonaws.com', constraints: { encryptionContextSubset: { a: 'b' }, encryptionContextEquals: { a: 'b' } } }; });
      const [f] = fires(text, 'ct-kms-exclusive-parameters');
      assert.equal(text.slice(f.start, f.end), '"encryptionContextEquals"');
      fires(ev((e) => { e.eventName = 'GenerateDataKey'; e.requestParameters = { keyId: KEY_ARN, numberOfBytes: 32, keySpec: 'AES_256' }; }), 'ct-kms-exclusive-parameters');
    });
    it('near miss: keySpec alone; both in a call that was rejected', () => {
      assert.equal(only(ev((e) => { e.eventName = 'GenerateDataKey'; e.requestParameters = { keyId: KEY_ARN, keySpec: 'AES_256' }; }), 'ct-kms-exclusive-parameters').length, 0);
      assert.equal(only(ev((e) => { e.eventName = 'GenerateDataKey'; e.errorCode = 'ValidationException'; e.requestParameters = { keyId: KEY_ARN, numberOfBytes: 32, keySpec: 'AES_256' }; }), 'ct-kms-exclusive-parameters').length, 0);
    });
  });

  describe('ct-region-mismatch', () => {
    it('fires on a key of another Region, in the request and in resources', () => {
      fires(ev((e) => { e.awsRegion = 'us-east-1'; }), 'ct-region-mismatch', 2);
    });
    it('near miss: ReplicateKey lists its replica in the replica Region', () => {
      const replica = KEY_ARN.replace('us-west-2', 'eu-west-1');
      const text = ev((e) => { e.eventName = 'ReplicateKey'; e.readOnly = false; e.requestParameters = { keyId: KEY_ARN, replicaRegion: 'eu-west-1' }; (e.resources as Ev[]).push({ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: replica }); });
      assert.equal(only(text, 'ct-region-mismatch').length, 0);
    });
  });

  describe('ct-key-mismatch', () => {
    it('fires when the request and resources name different keys', () => {
      const text = ev((e) => { (e.resources as Ev[])[0].ARN = KEY_ARN.replace(KEY, OTHER_KEY); });
      const [f] = fires(text, 'ct-key-mismatch');
      assert.equal(JSON.parse(`{"v":${text.slice(f.start, f.end)}}`).v, KEY_ARN);
    });
    it('fires when the response names another key than the request', () => {
      fires(ev((e) => { e.eventName = 'CancelKeyDeletion'; e.requestParameters = { keyId: KEY }; e.responseElements = { keyId: KEY_ARN.replace(KEY, OTHER_KEY) }; }), 'ct-key-mismatch');
    });
    it('near miss: a bare key id, an alias, and ReEncrypt naming both of its keys', () => {
      assert.equal(only(ev((e) => { rp(e).keyId = KEY; }), 'ct-key-mismatch').length, 0);
      assert.equal(only(ev((e) => { rp(e).keyId = 'alias/reports'; }), 'ct-key-mismatch').length, 0);
      const text = ev((e) => { e.eventName = 'ReEncrypt'; e.requestParameters = { destinationKeyId: OTHER_KEY, sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }; (e.resources as Ev[]).push({ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY_ARN.replace(KEY, OTHER_KEY) }); });
      assert.equal(only(text, 'ct-key-mismatch').length, 0);
    });
  });

  describe('ct-account-mismatch', () => {
    it('fires on a resource whose accountId is not its ARN\'s, and on an unrelated recipient', () => {
      fires(ev((e) => { (e.resources as Ev[])[0].accountId = '444455556667'; }), 'ct-account-mismatch');
      fires(ev((e) => { e.recipientAccountId = '444455556667'; }), 'ct-account-mismatch');
    });
    it('near miss: a cross-account call delivered to the key owner', () => {
      const caller = '444455556667';
      const text = ev((e) => {
        ui(e).accountId = caller;
        ui(e).arn = `arn:aws:sts::${caller}:assumed-role/Ops/alice`;
        ((ui(e).sessionContext as Ev).sessionIssuer as Ev).accountId = caller;
        ((ui(e).sessionContext as Ev).sessionIssuer as Ev).arn = `arn:aws:iam::${caller}:role/Ops`;
      });
      assert.equal(only(text, 'ct-account-mismatch').length, 0);
    });
    // CloudTrail writing an organization trail with a key of the management account: the member account's copy.
    const serviceCopy = (change: (e: Ev) => void = () => undefined): string => ev((e) => {
      e.userIdentity = { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' };
      e.sourceIPAddress = 'cloudtrail.amazonaws.com';
      e.userAgent = 'cloudtrail.amazonaws.com';
      e.eventName = 'GenerateDataKey';
      e.requestParameters = { keyId: KEY_ARN, keySpec: 'AES_256' };
      e.recipientAccountId = '444455556667';
      e.sharedEventID = 'd854bb42-d2ee-43bf-a7dc-d5a2590573e4';
      change(e);
    });
    it('near miss: a service\'s call with sharedEventID is a copy for the account the service acted for', () => {
      assert.equal(only(serviceCopy(), 'ct-account-mismatch').length, 0);
      assert.equal(only(serviceCopy((e) => { e.userIdentity = { type: 'AssumedRole', invokedBy: 'cloudtrail.amazonaws.com' }; }), 'ct-account-mismatch').length, 0);
    });
    it('fires on the same service call without sharedEventID, and on a person\'s call with sharedEventID', () => {
      const [f] = fires(serviceCopy((e) => { delete e.sharedEventID; }), 'ct-account-mismatch');
      const text = serviceCopy((e) => { delete e.sharedEventID; });
      assert.equal(text.slice(f.start, f.end), '"444455556667"');
      const person = ev((e) => { e.recipientAccountId = '444455556667'; e.sharedEventID = 'd854bb42-d2ee-43bf-a7dc-d5a2590573e4'; });
      const [g] = fires(person, 'ct-account-mismatch');
      assert.equal(person.slice(g.start, g.end), '"444455556667"');
    });
  });

  describe('ct-create-grant-no-operations', () => {
    const grant = (change: (e: Ev) => void = () => undefined): string => ev((e) => {
      e.eventName = 'CreateGrant';
      e.readOnly = false;
      e.requestParameters = { keyId: KEY_ARN, granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/App`, operations: ['Decrypt'] };
      e.responseElements = { grantId: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', keyId: KEY_ARN };
      change(e);
    });
    it('fires on a successful CreateGrant without operations, on the requestParameters key', () => {
      const text = grant((e) => { delete rp(e).operations; });
      const [f] = fires(text, 'ct-create-grant-no-operations');
      assert.equal(text.slice(f.start, f.end), '"requestParameters"');
    });
    it('near miss: with operations, a failed call without them, and a record without request parameters', () => {
      assert.equal(only(grant(), 'ct-create-grant-no-operations').length, 0);
      assert.equal(only(grant((e) => { delete rp(e).operations; e.errorCode = 'ValidationException'; e.errorMessage = 'operations is required'; e.responseElements = null; }), 'ct-create-grant-no-operations').length, 0);
      assert.equal(only(grant((e) => { e.requestParameters = null; }), 'ct-create-grant-no-operations').length, 0);
    });
  });

  describe('ct-dry-run', () => {
    it('is information on a DryRunOperationException, never an error', () => {
      const text = ev((e) => { e.errorCode = 'DryRunOperationException'; e.errorMessage = 'The request would have succeeded, but the DryRun option is set.'; rp(e).dryRun = true; });
      const [f] = fires(text, 'ct-dry-run');
      assert.equal(f.severity, 'information');
      assert.match(f.message, /would have succeeded, but nothing happened/);
      assert.ok(!run(text).some((x) => x.severity === 'error' || x.severity === 'warning'));
    });
    it('fires on dryRun true logged as a success; near miss: dryRun false', () => {
      fires(ev((e) => { rp(e).dryRun = true; }), 'ct-dry-run');
      assert.equal(only(ev((e) => { rp(e).dryRun = false; }), 'ct-dry-run').length, 0);
    });
  });

  describe('ct-failed-call', () => {
    it('calls out AccessDeniedException as a failed call', () => {
      const [f] = fires(ev((e) => { e.errorCode = 'AccessDeniedException'; e.errorMessage = 'not authorized'; }), 'ct-failed-call');
      assert.equal(f.severity, 'information');
      assert.match(f.message, /no policy or grant|not allowed/);
    });
    it('near miss: a dry run is not a failed call; a successful call is not either', () => {
      assert.equal(only(ev((e) => { e.errorCode = 'DryRunOperationException'; rp(e).dryRun = true; }), 'ct-failed-call').length, 0);
      assert.equal(only(ev(() => undefined), 'ct-failed-call').length, 0);
    });
  });

  describe('ct-placeholder', () => {
    it('is one information finding for a whole document of placeholder events', () => {
      const one = (i: number): Ev => { const e = base(); e.recipientAccountId = '111122223333'; e.eventID = `a1b2c3d4-5678-90ab-cdef-EXAMPLE1111${i}`; return e; };
      const text = JSON.stringify({ Records: [one(1), one(2), one(3)] });
      const fs = only(text, 'ct-placeholder');
      assert.equal(fs.length, 1);
      assert.equal(fs[0].severity, 'information');
      assert.ok(!run(text).some((f) => f.severity === 'error'));
    });
    it('near miss: real ids', () => {
      assert.equal(only(ev(() => undefined), 'ct-placeholder').length, 0);
    });
    // Events shared in issues, READMEs and blog posts, their identifiers hidden first.
    const masked = (account: string, id: string, region: string, arn: string | undefined): string => {
      const text = ev(() => undefined)
        .split(ACCOUNT).join(account)
        .split(KEY).join(id)
        .replace(/"(eventID|requestID)": "[^"]+"/g, `"$1": "${id}"`)
        .replace('"awsRegion": "us-west-2"', `"awsRegion": "${region}"`);
      // A whole ARN replaced by what is left of it once masked.
      return arn ? text.replace(/"ARN": "[^"]+"/, `"ARN": "${arn}"`) : text;
    };
    const cases: Array<[string, string, string, string | undefined]> = [
      ['XXXXXXXXXXXX', 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 'xx-xxxx-x', undefined],
      ['123456789XXX', 'XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX', 'us-west-2', undefined],
      ['REDACTED', 'REDACTED', 'REDACTED', 'arn:aws:kms:REDACTED'],
      ['[redacted]', '[redacted]', '[redacted]', '[redacted]'],
    ];
    for (const [account, id, region, arn] of cases) {
      it(`a masked event (${account}, ${id}, ${region}) is one information finding that says so, nothing above it`, () => {
        const text = masked(account, id, region, arn);
        assert.ok(text.includes(account) && !text.includes(ACCOUNT), 'the event is masked');
        assert.deepEqual(run(text).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code}: ${f.message}`), []);
        const fs = only(text, 'ct-placeholder');
        assert.equal(fs.length, 1);
        assert.match(fs[0].message, /^Masked values \(.*\): the event was redacted/);
      });
    }
    it('near miss: a truncated ARN, an unknown partition and a wrong Region with nothing masked are still reported', () => {
      fires(ev((e) => { (e.resources as Ev[])[0].ARN = 'arn:aws:kms:us-west-2'; }), 'ct-malformed-arn');
      fires(ev((e) => { (e.resources as Ev[])[0].ARN = `arn:awz:kms:us-west-2:${ACCOUNT}:key/${KEY}`; }), 'ct-malformed-arn');
      fires(ev((e) => { e.awsRegion = 'us-west-2a'; }), 'ct-region');
    });
  });
  describe('ct-access-drift', () => {
    const onlyOps = { Version: '2012-10-17', Statement: [{ Sid: 'OpsOnly', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Ops` }, Action: 'kms:*', Resource: '*' }] };
    const putPolicy = (): Ev => {
      const e = base();
      e.eventName = 'PutKeyPolicy';
      e.eventTime = '2024-05-01T09:00:00Z';
      e.readOnly = false;
      e.requestParameters = { keyId: KEY_ARN, policyName: 'default', policy: JSON.stringify(onlyOps) };
      return e;
    };
    const deletion = (role: string): Ev => {
      const e = base();
      e.eventName = 'ScheduleKeyDeletion';
      e.readOnly = false;
      e.requestParameters = { keyId: KEY_ARN, pendingWindowInDays: 7 };
      const u = ui(e);
      u.arn = `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/bob`;
      (u.sessionContext as { sessionIssuer: Ev }).sessionIssuer.arn = `arn:aws:iam::${ACCOUNT}:role/${role}`;
      return e;
    };
    const trail = (...events: Ev[]): string => JSON.stringify({ Records: events }, null, 2);
    it('fires on a success that the key policy earlier in the log does not allow', () => {
      const [f] = fires(trail(putPolicy(), deletion('Intern')), 'ct-access-drift');
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /^ScheduleKeyDeletion succeeded, but the key policy set at 2024-05-01 09:00:00 UTC/);
    });
    it('near miss: the policy allows the caller; or the log shows no key policy', () => {
      assert.equal(only(trail(putPolicy(), deletion('Ops')), 'ct-access-drift').length, 0);
      assert.equal(only(trail(deletion('Intern')), 'ct-access-drift').length, 0);
    });
  });
  describe('ct-unused-statement', () => {
    const twoRoles = { Version: '2012-10-17', Statement: [
      { Sid: 'Ops', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Ops` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Interns', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Intern` }, Action: 'kms:*', Resource: '*' },
    ] };
    const putPolicy = (): Ev => {
      const e = base();
      e.eventName = 'PutKeyPolicy';
      e.eventTime = '2024-05-01T09:00:00Z';
      e.readOnly = false;
      e.requestParameters = { keyId: KEY_ARN, policyName: 'default', policy: JSON.stringify(twoRoles) };
      return e;
    };
    const call = (role: string): Ev => {
      const e = base();
      e.eventName = 'DescribeKey';
      e.requestParameters = { keyId: KEY_ARN };
      const u = ui(e);
      u.arn = `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/bob`;
      (u.sessionContext as { sessionIssuer: Ev }).sessionIssuer.arn = `arn:aws:iam::${ACCOUNT}:role/${role}`;
      return e;
    };
    const trail = (...events: Ev[]): string => JSON.stringify({ Records: events }, null, 2);
    it('fires, as information on its Sid, on a statement of the policy the log sets that no later call on the key used', () => {
      const text = trail(putPolicy(), call('Ops'));
      const [f] = fires(text, 'ct-unused-statement');
      assert.equal(f.severity, 'information');
      assert.equal(text.slice(f.start, f.end), '\\"Interns\\"');
      assert.match(f.message, /^No event between 2024-05-01 09:00:00 UTC and \S+ \S+ UTC used this statement: statement 1 \(Interns\)/);
    });
    it('near miss: every statement used; or the log sets no key policy', () => {
      assert.equal(only(trail(putPolicy(), call('Ops'), call('Intern')), 'ct-unused-statement').length, 0);
      assert.equal(only(trail(call('Ops')), 'ct-unused-statement').length, 0);
    });
  });
});
