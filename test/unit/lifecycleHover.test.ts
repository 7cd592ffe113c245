/**
 * Hovers on key lifecycle events, through the editor's entry point (hoverAt):
 * the consequence in plain words, with dates, on the event name only.
 */
import * as assert from 'node:assert/strict';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import type { HoverResult } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { lifecycleHover } from '../../src/core/keys/lifecycleHover';
import { createGrant, decrypt, kmsEvent, KEY_ID, revokeGrant, roleSession } from './grantsHelpers';
import { cancelKeyDeletion, disableKey, enableKey, guideEvent, log, refusedDecrypt, scheduleKeyDeletion } from './lifecycleHelpers';

/** The hover at the `occurrence`-th `"needle"` (a quoted JSON string), one character in. */
function hover(text: string, needle: string, occurrence = 0): (HoverResult & { covers: string }) | undefined {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(`"${needle}"`, at + 1);
  assert.ok(at >= 0, `"${needle}" not in the text`);
  const model = buildModel(text, { languageId: 'json', fileName: 'log.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const h = hoverAt(model, at + 1);
  return h && { ...h, covers: text.slice(h.start, h.end) };
}

function must(h: ReturnType<typeof hover>): HoverResult & { covers: string } {
  assert.ok(h, 'expected a hover');
  return h;
}

describe('lifecycle hovers', () => {
  it('ScheduleKeyDeletion (the guide\'s example): the deletion date at the earliest and 24 h later, read from "Apr 12, 2021 18:58:30 PM"', () => {
    const text = log(guideEvent('ct-enablekey-0'), guideEvent('ct-disablekey-0'), guideEvent('ct-schedule-key-deletion-0'));
    const h = must(hover(text, 'ScheduleKeyDeletion'));
    assert.equal(h.covers, '"ScheduleKeyDeletion"');
    assert.match(h.markdown, /^\*\*ScheduleKeyDeletion\*\* · 2021-03-23 18:58:30 UTC · arn:aws:iam::111122223333:user\/Alice/);
    assert.match(h.markdown, /waiting period of 20 days\. It will be deleted on \*\*2021-04-12 18:58:30 UTC\*\* at the earliest, and up to 24 hours later \(by 2021-04-13 18:58:30 UTC\)/);
    assert.match(h.markdown, /KMS logged the date as `Apr 12, 2021 18:58:30 PM`, in UTC/);
    assert.match(h.markdown, /cannot be decrypted, ever/);
    assert.match(h.markdown, /Before: Disabled since 2014-11-04 00:52:43 UTC/);
  });

  it('ScheduleKeyDeletion then CancelKeyDeletion: the hover on the schedule says what came next, the one on the cancel says the key is Disabled', () => {
    const text = log(disableKey('2024-05-01T09:00:00Z'), scheduleKeyDeletion('2024-05-02T09:00:00Z', undefined), cancelKeyDeletion('2024-05-03T09:00:00Z'));
    const schedule = must(hover(text, 'ScheduleKeyDeletion'));
    assert.match(schedule.markdown, /30 days \(the default\)/);
    assert.match(schedule.markdown, /Then: Deletion cancelled \(the key is Disabled\), CancelKeyDeletion by .* on 2024-05-03 09:00:00 UTC/);
    assert.match(must(hover(text, 'CancelKeyDeletion')).markdown, /The key is now Disabled, not Enabled: enable it \(EnableKey\)/);
  });

  it('DisableKey: refused calls until EnableKey, and the refused calls that followed in this file', () => {
    const text = log(enableKey('2024-05-01T09:00:00Z'), disableKey('2024-05-02T09:00:00Z'), refusedDecrypt('2024-05-03T10:00:00Z'));
    const h = must(hover(text, 'DisableKey'));
    assert.match(h.markdown, /Disables key `1234abcd-12ab-34cd-56ef-1234567890ab` on 2024-05-02 09:00:00 UTC: from then on every cryptographic operation with it is refused \(DisabledException\) until EnableKey/);
    assert.match(h.markdown, /Before: Enabled since 2024-05-01 09:00:00 UTC/);
    assert.match(h.markdown, /Calls refused after it: 1, the last Decrypt by arn:aws:sts::111122223333:assumed-role\/Reports\/session-1 on 2024-05-03 10:00:00 UTC \(DisabledException\)/);
  });

  it('DeleteKey and RotateKey (the guide\'s service events)', () => {
    const text = log(guideEvent('ct-rotatekey-0'), guideEvent('ct-delete-key-0'));
    assert.match(must(hover(text, 'DeleteKey')).markdown, /KMS deleted key `1234abcd-12ab-34cd-56ef-1234567890ab` on 2020-07-31 00:07:00 UTC.*can no longer be decrypted/);
    assert.match(must(hover(text, 'RotateKey')).markdown, /rotated the key material .* on 2021-01-14 01:41:59 UTC \(type not logged\).*still decrypts/);
  });

  it('a failed call: nothing changed', () => {
    const text = log(disableKey('2024-05-02T09:00:00Z', { errorCode: 'AccessDeniedException', errorMessage: 'User is not authorized' }));
    assert.match(must(hover(text, 'DisableKey')).markdown, /Failed \(AccessDeniedException\): nothing changed for key .* User is not authorized/);
  });

  it('a refused call, with the state this file shows', () => {
    const text = log(disableKey('2024-05-02T09:00:00Z'), refusedDecrypt('2024-05-03T10:00:00Z'));
    const h = must(hover(text, 'Decrypt'));
    assert.match(h.markdown, /Refused \(DisabledException\) because of the key's state/);
    assert.match(h.markdown, /key `1234abcd-12ab-34cd-56ef-1234567890ab` is Disabled since 2024-05-02 09:00:00 UTC/);
  });

  it('a refused call alone still explains the refusal', () => {
    assert.match(must(hover(log(refusedDecrypt('2024-05-03T10:00:00Z', 'KMSInvalidStateException')), 'Decrypt')).markdown, /Refused \(KMSInvalidStateException\)/);
  });

  it('a successful use of a key this file shows disabled', () => {
    const text = log(disableKey('2024-05-02T09:00:00Z'), decrypt('2024-05-03T10:00:00Z', roleSession('Reports')));
    assert.match(must(hover(text, 'Decrypt')).markdown, /This call succeeded, but this file shows key .* Disabled since 2024-05-02 09:00:00 UTC/);
  });

  it('RevokeGrant of a Fargate grant', () => {
    const id = 'e3'.repeat(32);
    const text = log(createGrant(id, '2024-05-01T09:00:00Z', { granteePrincipal: 'fargate.us-west-2.amazonaws.com' }), revokeGrant(id, '2024-05-02T09:00:00Z'));
    assert.match(must(hover(text, 'RevokeGrant')).markdown, /new tasks that need the key through this grant fail/);
  });

  it('RotateKeyOnDemand of a key serving Deadline Cloud says manual rotation is not supported there', () => {
    const text = log(
      decrypt('2024-05-01T09:00:00Z', roleSession('Farm'), { 'aws:deadline:farmId': 'farm-0123456789abcdef0123456789abcdef' }),
      kmsEvent('RotateKeyOnDemand', '2024-05-02T09:00:00Z', { requestParameters: { keyId: KEY_ID } }),
    );
    assert.match(must(hover(text, 'RotateKeyOnDemand')).markdown, /serves Deadline Cloud \(farm farm-0123456789abcdef0123456789abcdef\).*not manual rotation/);
  });

  it('stays out of the way: no hover on other fields of a lifecycle event, on ordinary uses, or on uses of an enabled key', () => {
    // The lifecycle provider itself; the generic CloudTrail hovers answer on these fields after it.
    const own = (text: string, needle: string): unknown => {
      const model = buildModel(text, { languageId: 'json', fileName: 'log.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      return lifecycleHover(model, text.indexOf(`"${needle}"`) + 1);
    };
    const text = log(enableKey('2024-05-01T09:00:00Z'), decrypt('2024-05-03T10:00:00Z', roleSession('Reports')));
    assert.equal(own(text, 'kms.amazonaws.com'), undefined);
    assert.equal(own(text, 'Decrypt'), undefined);
    assert.equal(own(log(decrypt('2024-05-03T10:00:00Z', roleSession('Reports'))), 'Decrypt'), undefined);
  });
});
