/**
 * The grant lifecycle: creation, retirement, revocation, attempts, list-grants
 * entries, order and duplicates, on the seed events from the AWS guides and on
 * small logs written for each case.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactText } from '../../src/core/cloudtrail/redact';
import { CORPUS, fixture } from './helpers';
import {
  allGrants, createGrant, fixtureSource, grant, grantsOf, KEY_ARN, KEY_ID, keyOf, kmsEvent, records, retireGrant, revokeGrant, source,
} from './grantsHelpers';

const FARGATE_GRANT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const FARGATE_KEY = 'arn:aws:kms:us-west-2:account-id:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const DEADLINE_GRANT = '6bbe819394822a400fe5e3a75d0e9ef16c1733143fff0c1fc00dc7ac282a18a0';

describe('grants: the Fargate seed events (CreateGrant, its dry run, its RetireGrant)', () => {
  const sources = () => [
    fixtureSource('corpus/seeds/fargate-creategrant.json'),
    fixtureSource('corpus/seeds/fargate-creategrant-dryrun.json'),
    fixtureSource('corpus/seeds/fargate-retiregrant.json'),
  ];

  it('shows one retired grant with everything the CreateGrant said', () => {
    const m = grantsOf(...sources());
    assert.deepEqual(allGrants(m).map((g) => g.grantId), [FARGATE_GRANT]);
    const g = grant(m, FARGATE_GRANT);
    assert.equal(g.keyIdentity, FARGATE_KEY);
    assert.equal(g.status, 'retired');
    assert.equal(g.granteePrincipal, 'fargate.us-west-2.amazonaws.com');
    assert.equal(g.retiringPrincipal, 'ec2.us-west-2.amazonaws.com');
    assert.deepEqual(g.operations, ['Decrypt']);
    assert.deepEqual(g.constraints, { encryptionContextSubset: { 'aws:ecs:clusterAccount': 'account-id', 'aws:ebs:id': 'vol-xxxx', 'aws:ecs:clusterName': 'cluster-name' } });
    assert.equal(g.createdAt, '2024-04-23T18:08:13Z');
    assert.equal(g.createdBy?.display, 'ec2-frontend-api.amazonaws.com');
    assert.equal(g.createdBy?.type, 'AWSService');
    assert.equal(g.createdBeforeLogs, false);
    assert.equal(g.retiredAt, '2024-04-20T18:37:38Z');
    assert.equal(g.retiredBy?.invokedBy, 'AWS Internal');
    assert.equal(g.revokedAt, undefined);
  });

  it('locates each event in its own document, as the whole record', () => {
    const s = sources();
    const g = grant(grantsOf(...s), FARGATE_GRANT);
    assert.equal(g.creation?.source, 'corpus/seeds/fargate-creategrant.json');
    assert.equal(g.retirement?.source, 'corpus/seeds/fargate-retiregrant.json');
    const text = fixture('corpus', 'seeds', 'fargate-creategrant.json');
    assert.equal(text.slice(g.creation?.start, g.creation?.end), text.trim());
    assert.deepEqual(g.events.map((e) => e.role), ['retire', 'create'], 'the events in eventTime order');
  });

  it('notes that the seed RetireGrant is dated three days before the CreateGrant', () => {
    assert.deepEqual(grant(grantsOf(...sources()), FARGATE_GRANT).notes, ['endedBeforeCreation']);
  });

  it('shows the dry run as an attempt on the same key, never as a grant', () => {
    const m = grantsOf(...sources());
    assert.equal(m.attempts.length, 1);
    const [a] = m.attempts;
    assert.equal(a.errorCode, 'DryRunOperationException');
    assert.equal(a.dryRun, true);
    assert.equal(a.keyIdentity, FARGATE_KEY);
    assert.equal(a.event.actor?.display, 'fargate.amazonaws.com');
    assert.deepEqual(keyOf(m, FARGATE_KEY).attempts, [a]);
  });

  it('keeps the three events apart although the guide gives them all one eventID', () => {
    const m = grantsOf(...sources());
    assert.equal(m.duplicates, 0);
    assert.equal(grant(m, FARGATE_GRANT).events.length, 2);
  });

  it('reads the same events from the workspace log (one Records file, out of order)', () => {
    const m = grantsOf(fixtureSource('workspace/logs/fargate-log.json'));
    assert.equal(grant(m, FARGATE_GRANT).status, 'retired');
    assert.equal(m.attempts.length, 1);
  });

  it('the dry run alone creates no grant', () => {
    const m = grantsOf(fixtureSource('corpus/seeds/fargate-creategrant-dryrun.json'));
    assert.deepEqual(allGrants(m), []);
    assert.equal(m.attempts.length, 1);
  });
});

describe('grants: the Deadline Cloud seed CreateGrant', () => {
  it('is an active grant on the key the request names, with the ARN typo repaired', () => {
    const m = grantsOf(fixtureSource('corpus/seeds/deadline-creategrant.json'));
    const g = grant(m, DEADLINE_GRANT);
    assert.equal(g.status, 'active');
    // requestParameters and responseElements name EXAMPLE11111; resources names EXAMPLE44444.
    assert.equal(g.keyIdentity, 'arn:aws:kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111');
    assert.deepEqual(g.operations, ['CreateGrant', 'Decrypt', 'DescribeKey', 'Encrypt', 'GenerateDataKey']);
    assert.equal(g.granteePrincipal, 'deadline.amazonaws.com');
    assert.equal(g.retiringPrincipal, 'deadline.amazonaws.com');
    assert.deepEqual(g.constraints, { encryptionContextSubset: { 'aws:deadline:farmId': 'farm-abcdef12345678900987654321fedcba', 'aws:deadline:accountId': '111122223333' } });
    assert.equal(g.createdAt, '2024-04-23T02:05:35Z');
    assert.equal(g.createdBy?.arn, 'arn:aws::sts::111122223333:assumed-role/Admin/SampleUser01');
    assert.equal(g.createdBy?.invokedBy, 'deadline.amazonaws.com');
    assert.equal(g.createdBy?.display, 'arn:aws::sts::111122223333:assumed-role/Admin/SampleUser01 via deadline.amazonaws.com');
    assert.equal(m.attempts.length, 0);
    const k = keyOf(m, g.keyIdentity).key;
    assert.deepEqual([k.region, k.account, k.keyId], ['us-west-2', '111122223333', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111']);
  });
});

describe('grants: list-grants output', () => {
  const listing = (grants: unknown[]): string => JSON.stringify({ Grants: grants, Truncated: false }, null, 2);
  const entry = (grantId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    KeyId: KEY_ARN,
    GrantId: grantId,
    Name: '',
    CreationDate: '2021-06-04T12:38:17.000000-07:00',
    GranteePrincipal: 'arn:aws:iam::111122223333:role/keyUserRole',
    RetiringPrincipal: 'arn:aws:iam::111122223333:role/adminRole',
    IssuingAccount: 'arn:aws:iam::111122223333:root',
    Operations: ['Encrypt', 'ReEncryptFrom', 'ReEncryptTo'],
    Constraints: { EncryptionContextSubset: { Department: 'IT' } },
    ...extra,
  });

  it('makes each entry an active grant with its CreationDate', () => {
    const m = grantsOf(source('grants.json', listing([entry('g1'), entry('g2', { Name: 'reporting', CreationDate: 1568565290.0, Constraints: { EncryptionContextEquals: { a: 'b' } } })])));
    assert.deepEqual(allGrants(m).map((g) => [g.grantId, g.status]).sort(), [['g1', 'active'], ['g2', 'active']]);
    const g1 = grant(m, 'g1');
    assert.equal(g1.createdAt, '2021-06-04T12:38:17.000000-07:00');
    assert.equal(g1.keyIdentity, KEY_ARN);
    assert.equal(g1.issuingAccount, 'arn:aws:iam::111122223333:root');
    assert.deepEqual(g1.operations, ['Encrypt', 'ReEncryptFrom', 'ReEncryptTo']);
    assert.deepEqual(g1.constraints, { encryptionContextSubset: { Department: 'IT' } });
    assert.equal(g1.name, undefined, 'an empty Name is no name');
    assert.equal(g1.createdBeforeLogs, false);
    assert.equal(g1.listing?.source, 'grants.json');
    const g2 = grant(m, 'g2');
    assert.equal(g2.createdAt, '2019-09-15T16:34:50Z', 'epoch seconds (older AWS CLI) become ISO 8601');
    assert.equal(g2.name, 'reporting');
    assert.deepEqual(g2.constraints, { encryptionContextEquals: { a: 'b' } });
  });

  it('adds the listing to a grant whose CreateGrant is in the logs', () => {
    const log = source('log.json', records(createGrant('g1', '2021-06-04T19:38:17Z')));
    const m = grantsOf(log, source('grants.json', listing([entry('g1')])));
    const g = grant(m, 'g1');
    assert.equal(allGrants(m).length, 1);
    assert.equal(g.status, 'active');
    assert.equal(g.createdAt, '2021-06-04T19:38:17Z', 'the creation event wins over the listing');
    assert.deepEqual(g.events.map((e) => e.role), ['create', 'list']);
    assert.deepEqual(g.operations, ['Decrypt'], 'the CreateGrant request says what the grant allows');
  });

  it('keeps a grant retired in the logs retired, and says the listing is older', () => {
    const log = source('log.json', records(retireGrant('g1', '2022-01-01T00:00:00Z')));
    const m = grantsOf(source('grants.json', listing([entry('g1')])), log);
    const g = grant(m, 'g1');
    assert.equal(g.status, 'retired');
    assert.deepEqual(g.notes, ['listedButEnded']);
  });
});

describe('grants: order and duplicates', () => {
  it('replays events by eventTime, not by their place in the file', () => {
    const m = grantsOf(source('log.json', records(
      retireGrant('g1', '2024-01-02T00:00:00Z'),
      kmsEvent('Decrypt', '2024-01-01T12:00:00Z'),
      createGrant('g1', '2024-01-01T00:00:00Z'),
    )));
    const g = grant(m, 'g1');
    assert.equal(g.status, 'retired');
    assert.equal(g.createdBeforeLogs, false);
    assert.deepEqual(g.notes, []);
    assert.deepEqual(g.events.map((e) => e.role), ['create', 'retire']);
  });

  it('orders events across documents by time', () => {
    const m = grantsOf(
      source('b.json', records(revokeGrant('g1', '2024-03-01T00:00:00Z'))),
      source('a.jsonl', JSON.stringify(createGrant('g1', '2024-02-01T00:00:00Z'))),
    );
    const g = grant(m, 'g1');
    assert.equal(g.status, 'revoked');
    assert.deepEqual(g.events.map((e) => e.source), ['a.jsonl', 'b.json']);
  });

  it('the first end counts: a RetireGrant after a RevokeGrant changes nothing', () => {
    const m = grantsOf(source('log.json', records(
      retireGrant('g1', '2024-01-03T00:00:00Z'),
      createGrant('g1', '2024-01-01T00:00:00Z'),
      revokeGrant('g1', '2024-01-02T00:00:00Z'),
    )));
    const g = grant(m, 'g1');
    assert.equal(g.status, 'revoked');
    assert.equal(g.revokedAt, '2024-01-02T00:00:00Z');
    assert.equal(g.retiredAt, undefined);
    assert.deepEqual(g.events.map((e) => e.role), ['create', 'revoke', 'retire']);
  });

  it('counts the same event once when it is in two open files', () => {
    const create = createGrant('g1', '2024-01-01T00:00:00Z');
    const m = grantsOf(source('day1.json', records(create)), source('copy.jsonl', JSON.stringify(create)));
    assert.equal(allGrants(m).length, 1);
    assert.equal(grant(m, 'g1').events.length, 1);
    assert.equal(grant(m, 'g1').creation?.source, 'day1.json');
    assert.equal(m.duplicates, 1);
  });

  it('a redacted copy open beside its log is another account\'s events, not duplicates: each key keeps its grant', () => {
    const text = records(createGrant('g1', '2024-01-01T00:00:00Z'), kmsEvent('Decrypt', '2024-01-01T12:00:00Z', { requestParameters: { keyId: KEY_ARN } }));
    const redacted = redactText(text).text;
    assert.notEqual(redacted, text);
    const m = grantsOf(source('log.json', text), source('log.redacted.json', redacted));
    assert.equal(allGrants(m).length, 2);
    assert.equal(m.duplicates, 0);
    assert.equal(keyOf(m, KEY_ARN).grants.length, 1);
  });

  it('counts a duplicated retirement once, and a duplicated use once', () => {
    const retire = retireGrant('g1', '2024-01-02T00:00:00Z');
    const use = kmsEvent('Decrypt', '2024-01-01T12:00:00Z', { requestParameters: { keyId: KEY_ARN } });
    const m = grantsOf(source('a.json', records(retire, use)), source('b.json', records(use, retire)));
    assert.equal(grant(m, 'g1').events.length, 1);
    assert.equal(keyOf(m, KEY_ARN).otherUses.length, 1);
    assert.equal(m.duplicates, 2);
  });

  it('counts an event repeated in one file once, among many events of the same second', () => {
    const create = createGrant('g1', '2024-01-01T00:00:00Z');
    const sameSecond = Array.from({ length: 50 }, (_, i) => kmsEvent('Decrypt', '2024-01-01T00:00:05Z', { requestParameters: { keyId: KEY_ARN, n: i } }));
    const m = grantsOf(source('log.json', records(create, ...sameSecond, sameSecond[7], create, sameSecond[31])));
    assert.equal(grant(m, 'g1').events.length, 1);
    assert.equal(keyOf(m, KEY_ARN).otherUses.length, 50);
    assert.equal(m.duplicates, 3);
  });

  it('CreateGrant is idempotent: the same grant id twice is one grant', () => {
    const m = grantsOf(source('log.json', records(createGrant('g1', '2024-01-01T00:00:00Z'), createGrant('g1', '2024-01-01T00:05:00Z'))));
    const g = grant(m, 'g1');
    assert.equal(allGrants(m).length, 1);
    assert.equal(g.createdAt, '2024-01-01T00:00:00Z');
    assert.deepEqual(g.events.map((e) => e.role), ['create', 'recreate']);
  });
});

describe('grants: retirement or revocation without creation', () => {
  it('shows the grant of the guide\'s RetireGrant example, created before these logs', () => {
    const m = grantsOf(fixtureSource('corpus/awsdocs/ct-retire-grant-0.json'));
    const g = grant(m, 'abcde1237f76e4ba7987489ac329fbfba6ad343d6f7075dbd1ef191f0120514a');
    assert.equal(g.status, 'retired');
    assert.equal(g.createdBeforeLogs, true);
    assert.equal(g.createdAt, undefined);
    assert.equal(g.creation, undefined);
    assert.equal(g.retiredAt, '2022-09-01T19:39:33Z');
    assert.equal(g.retiredBy?.arn, 'arn:aws:iam::111122223333:user/Alice');
    assert.equal(g.keyIdentity, KEY_ARN, 'the key from resources, as RetireGrant logs no keyId');
  });

  it('meets the RevokeGrant example (key by id) on the same key and grant: revoked first', () => {
    const m = grantsOf(fixtureSource('corpus/awsdocs/ct-retire-grant-0.json'), fixtureSource('corpus/awsdocs/ct-revoke-grant-0.json'));
    assert.equal(m.keys.length, 1);
    const g = grant(m, 'abcde1237f76e4ba7987489ac329fbfba6ad343d6f7075dbd1ef191f0120514a');
    assert.equal(g.status, 'revoked');
    assert.equal(g.createdBeforeLogs, true);
    assert.deepEqual(g.events.map((e) => e.eventName), ['RevokeGrant', 'RetireGrant']);
  });

  it('finds the grant id in requestParameters when RetireGrant logs it there', () => {
    const m = grantsOf(source('log.json', records(kmsEvent('RetireGrant', '2024-01-01T00:00:00Z', { requestParameters: { keyId: KEY_ARN, grantId: 'g9' } }))));
    assert.equal(grant(m, 'g9').status, 'retired');
  });

  it('keeps a RetireGrant that names no grant under its key, and makes no grant of it', () => {
    const m = grantsOf(source('log.json', records(kmsEvent('RetireGrant', '2024-01-01T00:00:00Z', { requestParameters: { keyId: KEY_ARN } }))));
    assert.deepEqual(allGrants(m), []);
    assert.equal(keyOf(m, KEY_ARN).orphans.length, 1);
  });
});

describe('grants: failed calls', () => {
  it('an AccessDenied CreateGrant is an attempt, never an active grant', () => {
    const denied = createGrant('g1', '2024-01-01T00:00:00Z', {}, { errorCode: 'AccessDenied', errorMessage: 'not authorized', responseElements: null });
    const m = grantsOf(source('log.json', records(denied)));
    assert.deepEqual(allGrants(m), []);
    assert.deepEqual(m.attempts.map((a) => [a.eventName, a.errorCode, a.dryRun, a.keyIdentity]), [['CreateGrant', 'AccessDenied', false, KEY_ARN]]);
    assert.equal(m.attempts[0].granteePrincipal, 'arn:aws:iam::111122223333:role/Worker');
  });

  it('a failed RetireGrant does not end the grant; it is listed among its events', () => {
    const m = grantsOf(source('log.json', records(
      createGrant('g1', '2024-01-01T00:00:00Z'),
      retireGrant('g1', '2024-01-02T00:00:00Z', { errorCode: 'AccessDeniedException' }),
    )));
    const g = grant(m, 'g1');
    assert.equal(g.status, 'active');
    assert.deepEqual(g.events.map((e) => [e.role, e.errorCode]), [['create', undefined], ['failedRetire', 'AccessDeniedException']]);
    assert.deepEqual(m.attempts, []);
  });

  it('a failed RevokeGrant of a grant not in the logs is an attempt', () => {
    const m = grantsOf(source('log.json', records(revokeGrant('g7', '2024-01-02T00:00:00Z', { errorCode: 'NotFoundException' }))));
    assert.deepEqual(allGrants(m), []);
    assert.deepEqual(m.attempts.map((a) => [a.eventName, a.errorCode, a.grantId]), [['RevokeGrant', 'NotFoundException', 'g7']]);
  });
});

describe('grants: what is not a grant source', () => {
  it('ignores policies, other services\' events and plain JSON', () => {
    const m = grantsOf(
      fixtureSource('workspace/policies/default-key-policy.json'),
      fixtureSource('workspace/other/app-config.json'),
      source('s3.json', records(kmsEvent('CreateGrant', '2024-01-01T00:00:00Z', { eventSource: 's3.amazonaws.com', responseElements: { grantId: 'x' } }))),
    );
    assert.deepEqual(m.keys, []);
    assert.deepEqual(m.sources, ['s3.json']);
  });

  it('handles every corpus document, broken ones included', () => {
    const dirs = ['seeds', 'awsdocs'].map((d) => path.join(CORPUS, d));
    const sources = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => source(f, fs.readFileSync(path.join(d, f), 'utf8'))));
    const m = grantsOf(...sources);
    assert.ok(allGrants(m).length >= 3);
    assert.ok(m.keys.every((k) => k.key.identity !== ''));
  });

  it('uses the key id only when the logs never give the ARN', () => {
    const m = grantsOf(source('log.json', records(createGrant('g1', '2024-01-01T00:00:00Z', { keyId: KEY_ID }, { responseElements: { grantId: 'g1' }, resources: undefined, recipientAccountId: undefined, userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' } }))));
    const k = m.keys[0].key;
    assert.equal(k.arn, undefined);
    assert.equal(k.keyId, KEY_ID);
    assert.equal(k.region, 'us-west-2');
  });
});

describe('grants: one grant id on two keys', () => {
  it('stays two grants when the logs name two different keys (documentation reuses grant ids)', () => {
    const otherKey = 'arn:aws:kms:eu-west-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321';
    const m = grantsOf(
      fixtureSource('corpus/seeds/fargate-retiregrant.json'),
      source('log.json', records(createGrant(FARGATE_GRANT, '2024-05-01T00:00:00Z', { keyId: otherKey }, { responseElements: { grantId: FARGATE_GRANT, keyId: otherKey }, resources: [{ ARN: otherKey }] }))),
    );
    assert.deepEqual(allGrants(m).map((g) => [g.keyIdentity, g.status]).sort(), [[otherKey, 'active'], [FARGATE_KEY, 'retired']]);
  });

  it('joins an event that names the key only by alias to the grant with that id', () => {
    const m = grantsOf(source('log.json', records(
      createGrant('g1', '2024-01-01T00:00:00Z'),
      kmsEvent('RevokeGrant', '2024-01-02T00:00:00Z', { requestParameters: { keyId: 'alias/never-resolved', grantId: 'g1' }, resources: [] }),
    )));
    assert.equal(grant(m, 'g1').status, 'revoked');
    assert.equal(allGrants(m).length, 1);
  });
});
