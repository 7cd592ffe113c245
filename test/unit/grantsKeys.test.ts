/** Key identity: ids, ARNs, aliases and the guide's `arn:aws::kms:` typo meet on one key. */
import * as assert from 'node:assert/strict';
import { revokeGrantCommand } from '../../src/core/grants';
import { keyLabel, KeyRegistry, parseKeyName } from '../../src/core/history';
import { timeMillis } from '../../src/core/text/cloudTrailTime';
import { createGrant, decrypt, grant, grantsOf, KEY_ARN, KEY_ID, kmsEvent, records, roleSession, source } from './grantsHelpers';

describe('grants: key names', () => {
  it('parses key ARNs, the shifted ARN typo, bare ids, alias names and alias ARNs', () => {
    assert.deepEqual(parseKeyName(KEY_ARN), { keyId: KEY_ID, partition: 'aws', region: 'us-west-2', account: '111122223333' });
    assert.deepEqual(parseKeyName(`arn:aws::kms:us-west-2:111122223333:key/${KEY_ID}`), { keyId: KEY_ID, partition: 'aws', region: 'us-west-2', account: '111122223333' });
    assert.deepEqual(parseKeyName(KEY_ID, { region: 'eu-west-1', account: '444455556666' }), { keyId: KEY_ID, partition: 'aws', region: 'eu-west-1', account: '444455556666' });
    assert.deepEqual(parseKeyName('mrk-1234abcd12ab34cd56ef1234567890ab', { region: 'cn-north-1', account: '1' }), { keyId: 'mrk-1234abcd12ab34cd56ef1234567890ab', partition: 'aws-cn', region: 'cn-north-1', account: '1' });
    assert.deepEqual(parseKeyName('alias/app', { region: 'us-west-2', account: '111122223333' }), { alias: 'alias/app', partition: 'aws', region: 'us-west-2', account: '111122223333' });
    assert.deepEqual(parseKeyName('arn:aws:kms:us-west-2:111122223333:alias/app'), { alias: 'alias/app', partition: 'aws', region: 'us-west-2', account: '111122223333' });
  });

  it('is no key name: another service\'s ARN, an empty string, text with spaces', () => {
    assert.equal(parseKeyName('arn:aws:iam::111122223333:role/Admin'), undefined);
    assert.equal(parseKeyName(''), undefined);
    assert.equal(parseKeyName('my key'), undefined);
  });

  it('a ref without an account joins the one key with that id; with two candidates it stays apart', () => {
    const r = new KeyRegistry();
    const full = r.add({ keyId: 'k', region: 'us-west-2', account: '1' });
    const partial = r.add({ keyId: 'k', region: 'us-west-2' });
    r.finish();
    assert.equal(r.resolve(partial), r.resolve(full));
    const r2 = new KeyRegistry();
    const a = r2.add({ keyId: 'k', region: 'us-west-2', account: '1' });
    const b = r2.add({ keyId: 'k', region: 'us-west-2', account: '2' });
    const p2 = r2.add({ keyId: 'k', region: 'us-west-2' });
    r2.finish();
    assert.notEqual(r2.resolve(a), r2.resolve(b));
    assert.notEqual(r2.resolve(p2), r2.resolve(a));
    assert.notEqual(r2.resolve(p2), r2.resolve(b));
  });
});

describe('grants: events naming one key in different ways', () => {
  it('by id in one event and by ARN in another: one key', () => {
    const byId = createGrant('g1', '2024-01-01T00:00:00Z', { keyId: KEY_ID }, { responseElements: { grantId: 'g1' }, resources: [] });
    const byArn = decrypt('2024-01-01T01:00:00Z', roleSession('Worker'), undefined, { resources: [] });
    const m = grantsOf(source('log.json', records(byId, byArn)));
    assert.deepEqual(m.keys.map((k) => k.key.identity), [KEY_ARN]);
    assert.equal(grant(m, 'g1').uses.length, 1);
  });

  it('the same key id in two accounts: two keys', () => {
    const other = `arn:aws:kms:us-west-2:444455556666:key/${KEY_ID}`;
    const m = grantsOf(source('log.json', records(
      createGrant('g1', '2024-01-01T00:00:00Z'),
      createGrant('g2', '2024-01-01T00:00:00Z', { keyId: other }, { responseElements: { grantId: 'g2', keyId: other }, resources: [{ ARN: other }] }),
    )));
    assert.deepEqual(m.keys.map((k) => k.key.identity).sort(), [other, KEY_ARN].sort());
  });

  it('an alias with the key ARN in resources tells what the alias points at', () => {
    const viaAlias = decrypt('2024-01-01T01:00:00Z', roleSession('Worker'), undefined, { requestParameters: { keyId: 'alias/app-data' } });
    const m = grantsOf(source('log.json', records(createGrant('g1', '2024-01-01T00:00:00Z'), viaAlias)));
    assert.equal(m.keys.length, 1);
    assert.deepEqual(m.keys[0].key.aliases, ['alias/app-data']);
    assert.equal(keyLabel(m.keys[0].key), 'alias/app-data');
    assert.equal(grant(m, 'g1').uses.length, 1);
  });

  it('CreateAlias names the key of a later event that gives only the alias', () => {
    const createAlias = kmsEvent('CreateAlias', '2023-12-01T00:00:00Z', { requestParameters: { aliasName: 'alias/app-data', targetKeyId: KEY_ID } });
    const aliasOnly = decrypt('2024-01-01T01:00:00Z', roleSession('Worker'), undefined, { requestParameters: { keyId: 'arn:aws:kms:us-west-2:111122223333:alias/app-data' }, resources: [] });
    const m = grantsOf(source('log.json', records(createGrant('g1', '2024-01-01T00:00:00Z'), aliasOnly, createAlias)));
    assert.deepEqual(m.keys.map((k) => k.key.identity), [KEY_ARN]);
    assert.equal(grant(m, 'g1').uses.length, 1);
  });

  it('an alias that nothing resolves is a key of its own, named by its alias ARN', () => {
    const aliasOnly = decrypt('2024-01-01T01:00:00Z', roleSession('Worker'), undefined, { requestParameters: { keyId: 'alias/unknown' }, resources: [] });
    const m = grantsOf(source('log.json', records(aliasOnly)));
    assert.deepEqual(m.keys.map((k) => [k.key.identity, k.key.aliasArn, keyLabel(k.key)]), [[
      'arn:aws:kms:us-west-2:111122223333:alias/unknown', 'arn:aws:kms:us-west-2:111122223333:alias/unknown', 'alias/unknown',
    ]]);
  });

  it('the revoke-grant command names the key by ARN, in its Region', () => {
    const m = grantsOf(source('log.json', records(createGrant('0c237476b39f', '2024-01-01T00:00:00Z'))));
    assert.equal(revokeGrantCommand(grant(m, '0c237476b39f'), m.keys[0].key), `aws kms revoke-grant --key-id ${KEY_ARN} --grant-id 0c237476b39f --region us-west-2`);
  });
});

describe('grants: event times', () => {
  it('reads CloudTrail times exactly as Date.parse does, and other forms through Date.parse', () => {
    for (const s of ['2024-02-31T00:00:00Z', '2024-01-01T00:00:60Z', '2024-04-23T18:08:13Z', '1970-01-01T00:00:00Z', '2000-02-29T23:59:59Z', '1969-12-31T23:59:59Z', '2100-03-01T00:00:00Z', '2024-12-31T12:30:45Z']) {
      assert.deepEqual(timeMillis(s), Date.parse(s), s);
    }
    assert.equal(timeMillis('2021-06-04T12:38:17.000000-07:00'), Date.parse('2021-06-04T12:38:17.000000-07:00'));
    assert.ok(Number.isNaN(timeMillis('2024-13-01T00:00:00Z')));
    assert.ok(Number.isNaN(timeMillis('yesterday')));
    assert.ok(Number.isNaN(timeMillis(undefined)));
  });
});
