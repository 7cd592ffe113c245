/**
 * Masked values (src/core/text/masks.ts): what people write in place of an
 * identifier they hid before sharing a file, read as placeholders; and the
 * values that only look like one, left as written.
 */
import * as assert from 'node:assert/strict';
import { hasMask, maskEnd } from '../../src/core/text/masks';

describe('masked values', () => {
  it('finds the masks people write, whole', () => {
    const cases: Array<[string, string]> = [
      ['XXXXXXXXXXXX', 'XXXXXXXXXXXX'],
      ['xxxxxxxxxxxx', 'xxxxxxxxxxxx'],
      ['123456789XXX', '123456789XXX'],
      ['XXXXXXXX1234', 'XXXXXXXX1234'],
      ['xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'],
      ['xx-xxxx-x', 'xx-xxxx-x'],
      ['REDACTED', 'REDACTED'],
      ['redacted', 'redacted'],
      ['[REDACTED]', '[REDACTED]'],
      ['(Redacted)', '(Redacted)'],
      ['<REDACTED>', '<REDACTED>'],
      // Redaction tools write what they hid beside the word.
      ['[AWS_ACCOUNT_ID_REDACTED]', '[AWS_ACCOUNT_ID_REDACTED]'],
      ['[AWS_ARN_REDACTED][AWS_ACCOUNT_ID_REDACTED]:user/admin', '[AWS_ARN_REDACTED]'],
      ['REDACTED_ACCOUNT_ID', 'REDACTED_ACCOUNT_ID'],
    ];
    for (const [text, mask] of cases) {
      assert.equal(maskEnd(text, 0), mask.length, text);
      assert.ok(hasMask(text), text);
    }
  });

  it('finds a mask inside an ARN, between its delimiters', () => {
    assert.ok(hasMask('arn:aws:iam::XXXXXXXXXXXX:root'));
    assert.ok(hasMask('arn:aws:kms:us-east-1:111122223333:key/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'));
    assert.ok(hasMask('arn:aws:kms:REDACTED'));
    const arn = 'arn:aws:kms:us-east-1:XXXXXXXXXXXX:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const at = arn.indexOf('XXX');
    assert.equal(arn.slice(at, maskEnd(arn, at)), 'XXXXXXXXXXXX');
  });

  it('leaves real values alone: ids, numbers, words with x in them', () => {
    for (const text of ['123456789012', '1234abcd-12ab-34cd-56ef-1234567890ab', 'boxxx', 'Xx', 'xx', 'AROAXXXXXXXXXXXXXXXXX', 'ASIAXXXXXXXXXXXXXXXX:session',
      'arn:aws:iam::123456789012:role/app', 'unredacted', 'redactedness', 'NOT_REDACTEDX', 'app_redacted_copy', 'x.x.x.x', '0x7fff']) {
      assert.ok(!hasMask(text), text);
    }
    // Not at the start of a word: no mask starts there.
    assert.equal(maskEnd('boxxx', 2), -1);
  });
});
