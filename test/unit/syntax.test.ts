import * as assert from 'node:assert/strict';
import { applyEdits, fixAll, DEFAULT_SETTINGS } from '../../src/core';
import type { Finding } from '../../src/core';
import { syntaxRules } from '../../src/core/syntax';
import { brief, codes, findings as allFindings, fixture } from './helpers';

const policy = (body: string): string => `{ "Version": "2012-10-17", "Statement": [ ${body} ] }`;

// These tests are about the JSON syntax rules; the policy rules' findings on the same texts are tested in policy*.test.ts.
const findings = (...args: Parameters<typeof allFindings>): Finding[] => allFindings(...args).filter((f) => f.code.startsWith('json-'));

describe('JSON syntax rules', () => {
  it('finds the trailing comma of the Deadline read-write seed policy at its exact offset', () => {
    const text = fixture('corpus', 'seeds', 'deadline-policy-read-write.json');
    const fs = findings(text);
    assert.deepEqual(brief(text, fs), ['json-trailing-comma@0:158-0:159']);
    assert.equal(text.slice(fs[0].start, fs[0].end), ',');
    assert.equal(fs[0].severity, 'error');
  });

  it('removes a trailing comma with its fix-all fix, leaving valid JSON', () => {
    const text = fixture('corpus', 'seeds', 'deadline-policy-read-write.json');
    const [f] = findings(text);
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.doesNotThrow(() => JSON.parse(fixed));
    assert.deepEqual(findings(fixed), []);
  });

  it('reports a trailing comma in an object as well as in an array', () => {
    const text = policy('{ "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", }');
    assert.deepEqual(codes(findings(text)), ['json-trailing-comma']);
  });

  it('reports a missing comma on the next element and inserts it after the previous one', () => {
    const text = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';
    const fs = findings(text);
    assert.deepEqual(brief(text, fs), ['json-missing-comma@2:2-2:13']);
    const fixed = applyEdits(text, fs[0].fixes![0].edits);
    assert.equal(fixed, '{\n  "Version": "2012-10-17",\n  "Statement": []\n}');
  });

  it('does not offer the comma fix where a comma is not the mistake', () => {
    // From the AWS guide (multi-region-keys-auth-2): an object's braces are missing, not a comma.
    const text = policy('{ "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": { "Bool": "kms:MultiRegion": true } }');
    const fs = findings(text);
    assert.deepEqual(codes(fs), ['json-syntax']);
    assert.equal(fs[0].fixes, undefined);
  });

  it('reports an unterminated string once, not the noise after it', () => {
    const text = '{\n  "Version": "2012-10-17,\n  "Statement": []\n}';
    const fs = findings(text);
    assert.equal(fs[0].code, 'json-unterminated-string');
    assert.deepEqual(brief(text, fs.slice(0, 1)), ['json-unterminated-string@1:13-1:25']);
  });

  it('reports comments in strict JSON but accepts them in a JSONC draft', () => {
    const text = '{ "Version": "2012-10-17", // the only version\n "Statement": [] }';
    assert.deepEqual(codes(findings(text)), ['json-comment']);
    assert.deepEqual(codes(findings(text, { languageId: 'jsonc', fileName: 'draft.jsonc' })), []);
  });

  it('an unterminated /* at the very end is a comment that ends with the text, and its fix stays inside it', () => {
    const text = `${policy('{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" }')}\n/*`;
    const [f] = findings(text).filter((x) => x.code === 'json-comment');
    assert.deepEqual([f.start, f.end], [text.length - 2, text.length]);
    const edits = f.fixes?.[0]?.edits ?? [];
    assert.ok(edits.length > 0 && edits.every((e) => e.end <= text.length), JSON.stringify(edits));
    assert.equal(applyEdits(text, edits), text.slice(0, -2));
  });

  it('reports the second of two equal keys in one object, and not equal keys in different objects', () => {
    const text = policy('{ "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Action": "kms:Encrypt", "Resource": "*" }, { "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*" }');
    const fs = findings(text);
    assert.deepEqual(codes(fs), ['json-duplicate-key']);
    assert.equal(text.slice(fs[0].start, fs[0].end), '"Action"');
    assert.equal(text.indexOf('"Action": "kms:Encrypt"'), fs[0].start);
  });

  it('keeps one stray character from producing a cascade of errors', () => {
    const text = '{ "eventVersion": "1.08", "eventSource": "kms.amazonaws.com", "eventName": "Decrypt", "arn": "x",![Image](http://example) "awsRegion": "us-east-1" }';
    assert.deepEqual(codes(findings(text)), ['json-syntax']);
  });

  it('checks each line of JSON Lines on its own, so one broken line does not hide the next', () => {
    const good = '{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"Decrypt"}';
    const text = [good, '{"eventVersion":"1.08","eventName":"Decrypt",}', good, '{"eventVersion":"1.08" "eventName":"Encrypt"}'].join('\n');
    // Only the syntax findings: these minimal events also draw CloudTrail envelope findings.
    const fs = findings(text, { languageId: 'jsonl', fileName: 'events.jsonl' }).filter((f) => f.code.startsWith('json-'));
    assert.deepEqual(brief(text, fs), ['json-trailing-comma@1:44-1:45', 'json-missing-comma@3:23-3:34']);
  });

  it('fix-all repairs every fixable syntax problem and a second run changes nothing', () => {
    const text = '{\n "Version": "2012-10-17"\n "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt",], "Resource": "*", } ]\n}';
    const once = fixAll(text, { languageId: 'json' }, DEFAULT_SETTINGS);
    assert.doesNotThrow(() => JSON.parse(once.text));
    assert.equal(once.applied, 3);
    assert.equal(fixAll(once.text, { languageId: 'json' }, DEFAULT_SETTINGS).text, once.text);
  });
});

describe('pasted-text repairs', () => {
  const hints = { languageId: 'json', fileName: 'pasted.json' };

  it('reports curly quotes from a chat tool once, classifies the event, and fixes them all', () => {
    const text = '{“eventVersion”: “1.08”, “eventSource”: “kms.amazonaws.com”, “eventName”: “Decrypt”, “note”: “it’s”}';
    const fs = findings(text, hints).filter((f) => f.code.startsWith('json-'));
    assert.deepEqual(brief(text, fs), ['json-smart-quotes@0:1-0:15']);
    const fixed = fixAll(text, hints, DEFAULT_SETTINGS).text;
    assert.deepEqual(JSON.parse(fixed), { eventVersion: '1.08', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', note: 'it’s' });
  });

  it('leaves a curly apostrophe inside a real string alone', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Sid": "It’s “quoted”", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}]}';
    assert.deepEqual(codes(findings(text, hints)).filter((c) => c.startsWith('json-')), []);
  });

  it('quotes bare property names, one finding each with an exact range, and no cascade after them', () => {
    const text = '{eventVersion: "1.08", eventSource: "kms.amazonaws.com",\n eventName : "Decrypt"}';
    const fs = findings(text, hints).filter((f) => f.code.startsWith('json-'));
    assert.deepEqual(brief(text, fs), ['json-unquoted-key@0:1-0:13', 'json-unquoted-key@0:23-0:34', 'json-unquoted-key@1:1-1:10']);
    assert.deepEqual(JSON.parse(fixAll(text, hints, DEFAULT_SETTINGS).text), { eventVersion: '1.08', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt' });
  });

  it('does not guess where a bare name with colons ends, nor call a bare value a key', () => {
    const text = '{"encryptionContext": {aws:ecs:clusterName: "c"}, "x": [a, b]}';
    const fs = findings(text, hints);
    assert.ok(!fs.some((f) => f.code === 'json-unquoted-key'));
    const arr = '{"Records": [{"eventVersion": "1.08", "eventName": Decrypt}]}';
    assert.ok(!findings(arr, hints).some((f) => f.code === 'json-unquoted-key'));
  });

  it('still finds a real error after a repaired quirk', () => {
    const text = '{“eventVersion”: “1.08”, “eventSource”: “kms.amazonaws.com”,, “eventName”: “Decrypt”}';
    const got = codes(findings(text, hints)).filter((c) => c.startsWith('json-'));
    assert.deepEqual(got, ['json-smart-quotes', 'json-syntax']);
  });
});

describe('every JSON syntax rule', () => {
  const ROOT = '{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "kms:*", "Resource": "*"}';
  const good = `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${ROOT}\n  ]\n}\n`;
  const nested = (depth: number): string => good.replace('"Version"', `"Id": ${'['.repeat(depth)}${']'.repeat(depth)},\n  "Version"`);
  /** Per rule: a text where it fires (on the marked characters' first), and a near miss. */
  const CASES: Record<string, { fires: string; at: string; nearMiss: string; jsonc?: boolean }> = {
    'json-trailing-comma': { fires: good.replace(ROOT, `${ROOT},`), at: ',', nearMiss: good },
    'json-missing-comma': { fires: good.replace('"2012-10-17",', '"2012-10-17"'), at: '"', nearMiss: good },
    'json-unterminated-string': { fires: good.replace('"Resource": "*"}', '"Resource": "*}'), at: '"*}', nearMiss: good },
    'json-comment': { fires: good.replace('"Statement"', '// the key\n  "Statement"'), at: '// the key', nearMiss: good.replace('"Statement"', '// the key\n  "Statement"'), jsonc: true },
    'json-duplicate-key': { fires: good.replace('"Sid": "Root",', '"Sid": "Root", "Sid": "Admin",'), at: '"Sid"', nearMiss: good.replace('"Version"', '"Sid": "x",\n  "Version"') },
    'json-smart-quotes': { fires: good.replace('"Sid": "Root"', '“Sid”: “Root”'), at: '“', nearMiss: good.replace('"Root"', '"Root’s"') },
    'json-unquoted-key': { fires: good.replace('"Statement"', 'Statement'), at: 'S', nearMiss: good },
    'json-syntax': { fires: good.replace('"Allow"', 'Allow'), at: 'Allow', nearMiss: good },
    // Reported once, at the start of the document, which is then not analysed.
    'json-too-deep': { fires: nested(600), at: '{', nearMiss: nested(100) },
  };

  it('has a case where each rule fires and a near miss where it does not', () => {
    assert.deepEqual(Object.keys(CASES).sort(), syntaxRules.map((r) => r.id).sort(), 'a JSON syntax rule without cases here');
  });

  for (const [code, c] of Object.entries(CASES)) {
    it(`${code} fires where it should, and not on its near miss`, () => {
      const hints = { languageId: 'json', fileName: 'policy.json' };
      const found = allFindings(c.fires, hints).filter((f) => f.code === code);
      assert.ok(found.length > 0, `${code} on ${c.fires}: ${brief(c.fires, allFindings(c.fires, hints)).join('; ')}`);
      assert.ok(c.fires.slice(found[0].start).startsWith(c.at), `${code} at ${found[0].start}: ${JSON.stringify(c.fires.slice(found[0].start, found[0].start + 12))}`);
      // A comment is fine in a JSON with Comments draft.
      const nearHints = { languageId: c.jsonc ? 'jsonc' : 'json', fileName: c.jsonc ? 'policy.jsonc' : 'policy.json' };
      assert.deepEqual(allFindings(c.nearMiss, nearHints).filter((f) => f.code === code).map((f) => f.message), []);
    });
  }
});
