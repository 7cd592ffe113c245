/**
 * The quick fixes of the policy rules, over every test case of every rule:
 * each fix's edits are disjoint, applying any one fix to valid JSON leaves
 * valid JSON (also inside a PutKeyPolicy event's policy string), and fix-all
 * settles: a second run changes nothing.
 */
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, DEFAULT_SETTINGS, fixAll, type TextEdit } from '../../src/core';
import { CASES } from './policyCases';
import { JSON_HINTS, unmark } from './policyHelpers';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The policy string of a PutKeyPolicy event, if the text is one. */
function innerPolicy(text: string): string | undefined {
  try {
    const v = JSON.parse(text) as { requestParameters?: { policy?: unknown } };
    return typeof v.requestParameters?.policy === 'string' ? v.requestParameters.policy : undefined;
  } catch {
    return undefined;
  }
}

function disjoint(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return sorted.every((e, i) => i === 0 || sorted[i - 1].end <= e.start && !(sorted[i - 1].start === e.start && sorted[i - 1].end === e.start && e.end === e.start));
}

const texts = Object.entries(CASES).flatMap(([rule, c]) => [...c.fires, ...c.nearMisses].map((src) => ({ rule, text: unmark(src).text })));

describe('policy quick fixes', () => {
  it(`keep valid JSON valid, with disjoint edits (${texts.length} texts, every fix of every finding)`, () => {
    let checked = 0;
    for (const { rule, text } of texts) {
      if (!parses(text)) continue;
      const inner = innerPolicy(text);
      for (const f of analyze(text, JSON_HINTS).findings) {
        for (const fix of f.fixes ?? []) {
          assert.ok(disjoint(fix.edits), `${f.code} "${fix.title}" has overlapping edits (case ${rule})`);
          const fixed = applyEdits(text, fix.edits);
          assert.ok(parses(fixed), `${f.code} "${fix.title}" broke the JSON (case ${rule}):\n${fixed}`);
          if (inner !== undefined && parses(inner)) {
            const after = innerPolicy(fixed);
            assert.ok(after !== undefined && parses(after), `${f.code} "${fix.title}" broke the policy string (case ${rule}):\n${after}`);
          }
          checked++;
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} fixes were checked`);
  });

  it('fix-all leaves valid JSON and a second run changes nothing', () => {
    for (const { rule, text } of texts) {
      if (!parses(text)) continue;
      const once = fixAll(text, JSON_HINTS, DEFAULT_SETTINGS);
      assert.ok(parses(once.text), `fix-all broke the JSON (case ${rule}):\n${once.text}`);
      assert.equal(fixAll(once.text, JSON_HINTS, DEFAULT_SETTINGS).applied, 0, `fix-all is not settled (case ${rule}):\n${once.text}`);
    }
  });

  it('fix-all repairs what makes AWS refuse a policy and tidies it, at once, and leaves every fix that widens access to the user', () => {
    const text = '{\n  "Statement": [\n    {\n      "Sid": "",\n      "effect": "allow",\n      "Principal": "arn:aws:iam::210987654321:role/App",\n' +
      '      "Action": ["kms:Decrpyt", "kms:decrypt", "kms:Get*", "kms:GetKeyPolicy"],\n      "Resource": "arn:aws:kms:us-west-2:210987654321:key/*",\n' +
      '      "Condition": {\n        "StringEqual": { "kms:ViaService": "ebs.us-west-2.amazonaws.com" },\n        "Bool": { "kms:GrantIsForAWSResource": "yes" }\n      }\n    }\n  ]\n}';
    const fixed = fixAll(text, JSON_HINTS, DEFAULT_SETTINGS).text;
    const policy = JSON.parse(fixed);
    assert.equal(policy.Version, '2012-10-17');
    const [s] = policy.Statement;
    assert.deepEqual(Object.keys(s), ['Effect', 'Principal', 'Action', 'Resource', 'Condition']);
    // Repairs: a statement with no Effect, an Effect in the wrong case, a principal that is not an object.
    assert.equal(s.Effect, 'Allow');
    assert.deepEqual(s.Principal, { AWS: 'arn:aws:iam::210987654321:role/App' });
    // Tidying: the case of kms:decrypt, the action kms:Get* covers. The misspelt kms:Decrpyt stays: corrected, it would allow Decrypt.
    assert.deepEqual(s.Action, ['kms:Decrpyt', 'kms:Decrypt', 'kms:Get*']);
    // Each of these matches nothing today; corrected, the statement would allow more: quick fixes for the user.
    assert.equal(s.Resource, 'arn:aws:kms:us-west-2:210987654321:key/*');
    assert.deepEqual(s.Condition, { StringEqual: { 'kms:ViaService': 'ebs.us-west-2.amazonaws.com' }, Bool: { 'kms:GrantIsForAWSResource': 'yes' } });
    const left = analyze(fixed, JSON_HINTS).findings.filter((f) => f.fixes?.length);
    for (const code of ['policy-unknown-action', 'policy-key-policy-resource', 'policy-unknown-condition-operator', 'policy-condition-value-type']) {
      const f = left.find((x) => x.code === code);
      assert.ok(f, `${code} is still offered`);
      assert.ok(f.fixes!.every((x) => x.safety === 'widens' || x.safety === 'review'), `${code}: ${f.fixes!.map((x) => x.safety).join(', ')}`);
    }
  });
});
