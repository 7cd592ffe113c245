/** parseKeyRef keeps what it read of each key reference (cloudtrail/event.ts): the answers stay those of a fresh read. */
import * as assert from 'node:assert/strict';
import { parseKeyRef } from '../../src/core/cloudtrail/event';

describe('key references read once per text', () => {
  it('answers the same for the same text, past the cache bound too, and the answer cannot be changed', () => {
    const arn = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const first = parseKeyRef(arn);
    assert.deepEqual(first, { kind: 'keyArn', keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', region: 'us-west-2', account: '111122223333', repaired: false });
    assert.equal(parseKeyRef(arn), first, 'read once');
    assert.throws(() => {
      (first as { region?: string }).region = 'eu-west-1';
    }, TypeError);
    // More distinct references than the cache keeps: each is still read right.
    for (let i = 0; i < 5000; i++) {
      const id = `${String(i).padStart(8, '0')}-12ab-34cd-56ef-1234567890ab`;
      assert.deepEqual(parseKeyRef(`arn:aws:kms:eu-west-1:111122223333:key/${id}`), { kind: 'keyArn', keyId: id, region: 'eu-west-1', account: '111122223333', repaired: false });
    }
    assert.deepEqual(parseKeyRef(arn), first);
    assert.deepEqual(parseKeyRef('arn:aws::kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab').repaired, true);
    assert.deepEqual(parseKeyRef('alias/app'), { kind: 'alias' });
    assert.deepEqual(parseKeyRef('not-a-key'), { kind: 'other' });
  });
});
