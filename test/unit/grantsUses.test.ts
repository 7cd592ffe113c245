/**
 * Uses: which cryptographic operations went through which grant. A use needs
 * the same key, a caller that is the grantee, an operation the grant allows,
 * a time while the grant lived, and an encryption context that satisfies the
 * grant's constraints; anything else is "not through a grant in these logs".
 */
import * as assert from 'node:assert/strict';
import { satisfiesConstraints } from '../../src/core/grants';
import {
  createGrant, decrypt, fixtureSource, grant, grantsOf, KEY_ARN, keyOf, kmsEvent, records, retireGrant, roleSession, source,
} from './grantsHelpers';

const DEADLINE_GRANT = '6bbe819394822a400fe5e3a75d0e9ef16c1733143fff0c1fc00dc7ac282a18a0';
const DEADLINE_KEY = 'arn:aws:kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

describe('grants: uses on the Deadline Cloud seeds', () => {
  it('attributes the seed Decrypt (caller via deadline.amazonaws.com, the farm context) to the farm grant', () => {
    const m = grantsOf(fixtureSource('corpus/seeds/deadline-creategrant.json'), fixtureSource('corpus/seeds/deadline-decrypt.json'));
    const g = grant(m, DEADLINE_GRANT);
    assert.deepEqual(g.uses.map((u) => [u.eventName, u.source, u.eventTime]), [['Decrypt', 'corpus/seeds/deadline-decrypt.json', '2024-04-23T18:51:44Z']]);
    assert.deepEqual(keyOf(m, DEADLINE_KEY).otherUses, []);
  });

  it('lists the seed GenerateDataKey, which names another key, under that key as not through a grant', () => {
    const m = grantsOf(fixtureSource('corpus/seeds/deadline-creategrant.json'), fixtureSource('corpus/seeds/deadline-generatedatakey.json'));
    assert.equal(grant(m, DEADLINE_GRANT).uses.length, 0);
    const other = keyOf(m, 'arn:aws:kms:us-west-2:111122223333:key/abcdef12-3456-7890-0987-654321fedcba');
    assert.deepEqual(other.otherUses.map((u) => u.eventName), ['GenerateDataKey']);
    assert.deepEqual(other.grants, []);
  });

  it('a Decrypt for another farm is a near miss: not through the grant', () => {
    const seed = JSON.parse(fixtureSource('corpus/seeds/deadline-decrypt.json').model.text);
    seed.requestParameters.encryptionContext['aws:deadline:farmId'] = 'farm-00000000000000000000000000000000';
    const m = grantsOf(fixtureSource('corpus/seeds/deadline-creategrant.json'), source('other-farm.json', JSON.stringify(seed)));
    assert.equal(grant(m, DEADLINE_GRANT).uses.length, 0);
    assert.deepEqual(keyOf(m, DEADLINE_KEY).otherUses.map((u) => u.eventName), ['Decrypt']);
  });

  it('a Decrypt by the same role without invokedBy deadline is not through the service\'s grant', () => {
    const seed = JSON.parse(fixtureSource('corpus/seeds/deadline-decrypt.json').model.text);
    delete seed.userIdentity.invokedBy;
    const m = grantsOf(fixtureSource('corpus/seeds/deadline-creategrant.json'), source('direct.json', JSON.stringify(seed)));
    assert.equal(grant(m, DEADLINE_GRANT).uses.length, 0);
  });
});

describe('grants: uses, case by case', () => {
  const worker = roleSession('Worker');
  const withGrant = (request: Record<string, unknown>, ...events: Array<Record<string, unknown>>) =>
    grantsOf(source('log.json', records(createGrant('g1', '2024-01-01T00:00:00Z', request), ...events)));

  it('encryptionContextSubset: a context with every pair and more is a use; one with a pair missing or changed is not', () => {
    const m = withGrant(
      { constraints: { encryptionContextSubset: { project: 'alpha' } } },
      decrypt('2024-01-01T01:00:00Z', worker, { project: 'alpha', stage: 'test' }),
      decrypt('2024-01-01T02:00:00Z', worker, { stage: 'test' }),
      decrypt('2024-01-01T03:00:00Z', worker, { project: 'Alpha' }),
      decrypt('2024-01-01T04:00:00Z', worker),
    );
    assert.deepEqual(grant(m, 'g1').uses.map((u) => u.eventTime), ['2024-01-01T01:00:00Z']);
    assert.equal(keyOf(m, KEY_ARN).otherUses.length, 3);
  });

  it('encryptionContextEquals: only the exact context is a use', () => {
    const m = withGrant(
      { constraints: { encryptionContextEquals: { project: 'alpha' } } },
      decrypt('2024-01-01T01:00:00Z', worker, { project: 'alpha' }),
      decrypt('2024-01-01T02:00:00Z', worker, { project: 'alpha', stage: 'test' }),
      decrypt('2024-01-01T03:00:00Z', worker, {}),
    );
    assert.deepEqual(grant(m, 'g1').uses.map((u) => u.eventTime), ['2024-01-01T01:00:00Z']);
  });

  it('no constraints: any context', () => {
    const m = withGrant({}, decrypt('2024-01-01T01:00:00Z', worker, { any: 'thing' }), decrypt('2024-01-01T02:00:00Z', worker));
    assert.equal(grant(m, 'g1').uses.length, 2);
  });

  it('the caller must be the grantee: a session of the grantee role (whatever its path) matches, another role does not', () => {
    const m = withGrant(
      { granteePrincipal: 'arn:aws:iam::111122223333:role/service/Worker' },
      decrypt('2024-01-01T01:00:00Z', roleSession('Worker', 'job-1')),
      decrypt('2024-01-01T02:00:00Z', roleSession('Other', 'job-2')),
    );
    assert.deepEqual(grant(m, 'g1').uses.map((u) => u.actor?.arn), ['arn:aws:sts::111122223333:assumed-role/Worker/job-1']);
  });

  it('a Regional service principal matches calls invoked by that service', () => {
    const m = withGrant(
      { granteePrincipal: 'fargate.us-west-2.amazonaws.com' },
      decrypt('2024-01-01T01:00:00Z', { type: 'AWSService', invokedBy: 'fargate.amazonaws.com' }),
      decrypt('2024-01-01T02:00:00Z', { type: 'AWSService', invokedBy: 'ec2-frontend-api.amazonaws.com' }),
    );
    assert.deepEqual(grant(m, 'g1').uses.map((u) => u.actor?.invokedBy), ['fargate.amazonaws.com']);
  });

  it('an IAM user grantee matches that user; an account grantee matches its principals', () => {
    const alice = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/Alice', accountId: '111122223333', principalId: 'AIDA1' };
    const byUser = withGrant({ granteePrincipal: 'arn:aws:iam::111122223333:user/Alice' }, decrypt('2024-01-01T01:00:00Z', alice));
    assert.equal(grant(byUser, 'g1').uses.length, 1);
    const byAccount = withGrant({ granteePrincipal: 'arn:aws:iam::111122223333:root' }, decrypt('2024-01-01T01:00:00Z', alice));
    assert.equal(grant(byAccount, 'g1').uses.length, 1);
    const otherAccount = withGrant({ granteePrincipal: 'arn:aws:iam::444455556666:root' }, decrypt('2024-01-01T01:00:00Z', alice));
    assert.equal(grant(otherAccount, 'g1').uses.length, 0);
  });

  it('the operation must be one the grant allows', () => {
    const m = withGrant(
      { operations: ['Encrypt'] },
      decrypt('2024-01-01T01:00:00Z', worker),
      kmsEvent('Encrypt', '2024-01-01T02:00:00Z', { userIdentity: worker, requestParameters: { keyId: KEY_ARN } }),
    );
    assert.deepEqual(grant(m, 'g1').uses.map((u) => u.eventName), ['Encrypt']);
    assert.deepEqual(keyOf(m, KEY_ARN).otherUses.map((u) => u.eventName), ['Decrypt']);
  });

  it('only while the grant lived: not before its creation, not after its retirement', () => {
    const m = withGrant(
      {},
      decrypt('2023-12-31T23:59:59Z', worker),
      decrypt('2024-01-01T00:00:00Z', worker),
      decrypt('2024-01-05T00:00:00Z', worker),
      retireGrant('g1', '2024-01-02T00:00:00Z'),
    );
    assert.deepEqual(grant(m, 'g1').uses.map((u) => u.eventTime), ['2024-01-01T00:00:00Z']);
    assert.deepEqual(keyOf(m, KEY_ARN).otherUses.map((u) => u.eventTime), ['2023-12-31T23:59:59Z', '2024-01-05T00:00:00Z']);
  });

  it('the same key: a use on another key is not through this grant', () => {
    const other = 'arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321';
    const m = withGrant({}, decrypt('2024-01-01T01:00:00Z', worker, undefined, { requestParameters: { keyId: other }, resources: [{ ARN: other }] }));
    assert.equal(grant(m, 'g1').uses.length, 0);
    assert.equal(keyOf(m, other).otherUses.length, 1);
  });

  it('a failed call (AccessDenied, a dry run) is no use at all', () => {
    const m = withGrant({}, decrypt('2024-01-01T01:00:00Z', worker, undefined, { errorCode: 'AccessDenied' }));
    assert.equal(grant(m, 'g1').uses.length, 0);
    assert.equal(keyOf(m, KEY_ARN).otherUses.length, 0);
  });

  it('ReEncrypt uses the source key under ReEncryptFrom and the destination key under ReEncryptTo', () => {
    const dest = 'arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321';
    const reEncrypt = kmsEvent('ReEncrypt', '2024-01-01T01:00:00Z', {
      userIdentity: worker,
      requestParameters: { sourceEncryptionContext: { project: 'alpha' }, destinationKeyId: '0987dcba-09fe-87dc-65ba-ab0987654321', destinationEncryptionContext: { level: '3A' } },
      resources: [{ ARN: KEY_ARN }, { ARN: dest }],
    });
    const m = withGrant({ operations: ['ReEncryptFrom'], constraints: { encryptionContextSubset: { project: 'alpha' } } }, reEncrypt);
    assert.deepEqual(grant(m, 'g1').uses.map((u) => u.eventName), ['ReEncrypt']);
    assert.deepEqual(keyOf(m, dest).otherUses.map((u) => u.eventName), ['ReEncrypt'], 'the destination side went through no grant');
    assert.equal(m.duplicates, 0);
  });

  it('a use that two grants allow counts under each', () => {
    const m = grantsOf(source('log.json', records(
      createGrant('g1', '2024-01-01T00:00:00Z'),
      createGrant('g2', '2024-01-01T00:00:00Z', { constraints: { encryptionContextSubset: { project: 'alpha' } } }),
      decrypt('2024-01-01T01:00:00Z', worker, { project: 'alpha' }),
    )));
    assert.equal(grant(m, 'g1').uses.length, 1);
    assert.equal(grant(m, 'g2').uses.length, 1);
  });
});

describe('grants: satisfiesConstraints', () => {
  it('subset: every pair present with the same value; keys in any case, values exactly (API Reference, GrantConstraints)', () => {
    const c = { encryptionContextSubset: { a: '1', b: '2' } };
    assert.equal(satisfiesConstraints({ a: '1', b: '2', c: '3' }, c), true);
    assert.equal(satisfiesConstraints({ a: '1' }, c), false);
    assert.equal(satisfiesConstraints({ a: '1', b: '3' }, c), false);
    assert.equal(satisfiesConstraints({ A: '1', b: '2' }, c), true);
    assert.equal(satisfiesConstraints({ a: '1', b: 'x' }, { encryptionContextSubset: { B: 'x' } }), true);
    assert.equal(satisfiesConstraints({ a: '1', b: '2' }, { encryptionContextSubset: { A: 'I' } }), false);
    assert.equal(satisfiesConstraints(undefined, c), false);
  });

  it('equals: the same pairs, no more, no fewer', () => {
    const c = { encryptionContextEquals: { a: '1' } };
    assert.equal(satisfiesConstraints({ a: '1' }, c), true);
    assert.equal(satisfiesConstraints({ a: '1', b: '2' }, c), false);
    assert.equal(satisfiesConstraints({}, c), false);
    assert.equal(satisfiesConstraints({}, { encryptionContextEquals: {} }), true);
    assert.equal(satisfiesConstraints({ Dept: 'IT' }, { encryptionContextEquals: { dept: 'IT' } }), true);
    assert.equal(satisfiesConstraints({ Dept: 'it' }, { encryptionContextEquals: { dept: 'IT' } }), false);
    assert.equal(satisfiesConstraints({ dept: 'IT', DEPT: 'IT' }, { encryptionContextEquals: { dept: 'IT' } }), false);
  });

  it('none: anything, also no context', () => {
    assert.equal(satisfiesConstraints(undefined, undefined), true);
    assert.equal(satisfiesConstraints({ a: '1' }, {}), true);
  });
});

describe('grants: ReEncrypt under one key', () => {
  it('is two uses of a grant that allows both sides', () => {
    const worker = roleSession('Worker');
    const reEncrypt = kmsEvent('ReEncrypt', '2024-01-01T01:00:00Z', {
      userIdentity: worker,
      requestParameters: { sourceEncryptionContext: { a: '1' }, destinationKeyId: KEY_ARN, destinationEncryptionContext: { a: '2' } },
      resources: [{ ARN: KEY_ARN }],
    });
    const m = grantsOf(source('log.json', records(createGrant('g1', '2024-01-01T00:00:00Z', { operations: ['ReEncryptFrom', 'ReEncryptTo'] }), reEncrypt)));
    assert.equal(grant(m, 'g1').uses.length, 2);
    assert.equal(m.duplicates, 0);
  });
});
