/** "Repair pasted JSON": the JSON syntax repairs of fix-all, and nothing else. */
import * as assert from 'node:assert/strict';
import { analyze, DEFAULT_SETTINGS, fixAll } from '../../src/core';
import { repairJson } from '../../src/core/repairJson';

const PASTED = { languageId: 'plaintext', fileName: '' };

// An event as a chat tool hands it over: curly quotes, a bare name, trailing commas, and the
// arn:aws::kms: typo of some AWS pages, which is not a JSON problem.
const EVENT = `{eventVersion: “1.08”, “eventSource”: “kms.amazonaws.com”, “eventName”: “CreateGrant”, “awsRegion”: “us-west-2”, “eventTime”: “2024-04-23T18:08:13Z”,
 “requestParameters”: {“keyId”: “arn:aws::kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab”, “operations”: [“Decrypt”,],},}`;

describe('repair pasted JSON', () => {
  it('makes pasted JSON parse, and says what it repaired by rule', () => {
    const r = repairJson(EVENT, PASTED, DEFAULT_SETTINGS);
    const event = JSON.parse(r.text);
    assert.equal(event.eventName, 'CreateGrant');
    assert.deepEqual(r.byRule, { 'json-unquoted-key': 1, 'json-smart-quotes': 1, 'json-trailing-comma': 3 });
    assert.equal(r.applied, 5);
  });

  it('leaves what is not JSON syntax to Fix all: the ARN typo stays', () => {
    const repaired = JSON.parse(repairJson(EVENT, PASTED, DEFAULT_SETTINGS).text);
    assert.equal(repaired.requestParameters.keyId, 'arn:aws::kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const fixed = JSON.parse(fixAll(EVENT, PASTED, DEFAULT_SETTINGS).text);
    assert.equal(fixed.requestParameters.keyId, 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
  });

  it('offers no fix on a value it read through curly quotes but cannot locate in the text', () => {
    // The ARN inside curly quotes is read (the event's values parse), but its place is not in the sound tree:
    // a fix there would overwrite the record's first character.
    for (const f of analyze(EVENT, PASTED, DEFAULT_SETTINGS).findings) {
      for (const fix of f.fixes ?? []) {
        for (const e of fix.edits) assert.notEqual(EVENT.slice(e.start, e.end), '{', `${f.code}: ${fix.title}`);
      }
    }
  });

  it('never changes a policy\'s meaning: "allow" stays as written', () => {
    const policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*",}]}';
    const r = repairJson(policy, { languageId: 'json', fileName: 'p.json' }, DEFAULT_SETTINGS);
    assert.equal(JSON.parse(r.text).Statement[0].Effect, 'allow');
    assert.deepEqual(r.byRule, { 'json-trailing-comma': 1 });
  });

  it('repairs even when the user turned the syntax rules off (they asked for this), and is idempotent', () => {
    const off = { ...DEFAULT_SETTINGS, rules: { 'json-trailing-comma': 'off' as const, 'json-smart-quotes': 'off' as const } };
    const once = repairJson(EVENT, PASTED, off);
    assert.doesNotThrow(() => JSON.parse(once.text));
    assert.equal(repairJson(once.text, PASTED, off).applied, 0);
  });
});
