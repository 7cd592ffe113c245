/**
 * Every fix-all fix of every rule does what it says: applied alone, it
 * removes its finding and adds no error. Written over `allRules` and inputs
 * built from each rule's own documentation example, the corpus and slips made
 * on the corpus, so rules added later are covered without touching this file.
 * Also: the guards fix-all has against a fix that goes wrong.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { allRules, analyze, applyEdits, DEFAULT_SETTINGS, fixableCodes, fixAll, fixAllFixOf, type DocumentHints, type Finding } from '../../src/core';
import { fixAllWith, type Analyzer } from '../../src/core/fixes';
import { CORPUS } from './helpers';
import { applyFixable, fixableMutation } from './mutations';

const HINTS: DocumentHints = { languageId: 'json', fileName: 'doc.json' };

/** A rule's example is usually a fragment: try it as written and inside a key policy and an IAM policy. */
function wrappings(example: string): string[] {
  const statementKey = `{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:Decrypt", "Resource": "*"}`;
  return [
    example,
    `{"Version": "2012-10-17", "Statement": [${example}]}`,
    `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, ${example}, "Resource": "*"}]}`,
    `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ${example}}]}`,
    `{"Version": "2012-10-17", "Statement": [${statementKey}, ${example}]}`,
    `{"Version": "2012-10-17", ${example}}`,
  ];
}

function corpusTexts(): string[] {
  const out: string[] = [];
  for (const dir of ['seeds', 'awsdocs']) {
    for (const f of fs.readdirSync(path.join(CORPUS, dir)).filter((x) => x.endsWith('.json'))) out.push(fs.readFileSync(path.join(CORPUS, dir, f), 'utf8'));
  }
  return out;
}

/** Our own broken inputs, for the fixes that exist today (the JSON syntax rules). */
const OWN_INPUTS = [
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt", "kms:Encrypt",], "Resource": "*",}]}',
  '{"Version": "2012-10-17" "Statement": [{"Effect": "Allow" "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"} {"Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*"}]}',
  '{"Version": "2012-10-17", // draft\n "Statement": [/* one */ {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}]}',
  '{"eventVersion": "1.08", "eventSource": "kms.amazonaws.com", "eventName": "Decrypt", "requestParameters": {"keyId": "k",},}',
  '{"Records": [{"eventVersion": "1.08", "eventName": "Decrypt"} {"eventVersion": "1.08", "eventName": "Encrypt"},]}',
  // The default key policy with the key's own ARN as Resource: a key policy for sure (the root has kms:*), so its
  // Resource fixes are preferred. (Beside one role's kms:Decrypt it may be a VPC endpoint policy: not preferred there.)
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}',
  // And without a Resource at all.
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"}]}',
];

function errorCounts(fs: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of fs) if (f.severity === 'error') m.set(f.code, (m.get(f.code) ?? 0) + 1);
  return m;
}

function count(fs: readonly Finding[], code: string): number {
  return fs.filter((f) => f.code === code).length;
}

describe('fix-all fixes of every rule', function () {
  this.timeout(120_000);

  it('each removes its finding and adds no error', () => {
    const inputs = new Set<string>(OWN_INPUTS);
    for (const rule of allRules) for (const w of wrappings(rule.docs.example ?? '')) inputs.add(w);
    const corpus = corpusTexts();
    for (const text of corpus) inputs.add(text);
    // Slips made on the corpus, reproducibly.
    fc.sample(fc.tuple(fc.constantFrom(...corpus), fc.array(fixableMutation, { minLength: 1, maxLength: 3 })), { numRuns: 150, seed: 42 })
      .forEach(([text, ms]) => inputs.add(ms.reduce(applyFixable, text)));

    const exercised = new Map<string, number>();
    for (const text of inputs) {
      const before = analyze(text, HINTS).findings;
      for (const finding of before) {
        const fix = fixAllFixOf(finding);
        if (!fix) continue;
        const after = analyze(applyEdits(text, fix.edits), HINTS).findings;
        const where = `${finding.code} "${fix.title}" on ${JSON.stringify(text.slice(Math.max(0, finding.start - 40), finding.end + 40))}`;
        assert.ok(count(after, finding.code) < count(before, finding.code), `${where}: the finding is still there`);
        const was = errorCounts(before);
        // Policy and event rules skip JSON that is broken, so repairing the JSON reveals their findings
        // rather than adding them: a syntax fix must add no syntax error; any other fix no error at all.
        const syntaxFix = finding.code.startsWith('json-');
        for (const [code, n] of errorCounts(after)) {
          if (syntaxFix && !code.startsWith('json-')) continue;
          assert.ok(n <= (was.get(code) ?? 0), `${where}: adds a ${code} error`);
        }
        exercised.set(finding.code, (exercised.get(finding.code) ?? 0) + 1);
      }
    }
    if (process.env.KMS_LENS_PRINT_EXERCISED) console.log(JSON.stringify([...exercised].sort()));
    // The rules with fixes today must actually have been exercised, so this test cannot pass empty.
    for (const code of ['json-trailing-comma', 'json-missing-comma', 'json-comment']) {
      assert.ok((exercised.get(code) ?? 0) >= 5, `${code} exercised ${exercised.get(code) ?? 0} times`);
    }
    // (The fixes of policy-arn-malformed, policy-key-policy-resource, policy-missing-resource, policy-unknown-action,
    // policy-set-operator-single-valued and the other rules whose fixes change what a statement matches are quick fixes
    // only: fix-all does not apply them.)
    for (const code of ['policy-version-missing', 'policy-noncanonical-case', 'policy-effect-invalid', 'policy-redundant-action']) {
      assert.ok((exercised.get(code) ?? 0) >= 1, `${code} was not exercised`);
    }
  });

  it('lists the rules that have more than one fixable finding (for "Fix all <rule> problems")', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt",], "Resource": ["*",], /* x */ }]}';
    const found = analyze(text, HINTS).findings;
    assert.deepEqual(fixableCodes(found, 2), ['json-trailing-comma']);
    assert.deepEqual(fixableCodes(found).sort(), ['json-comment', 'json-trailing-comma']);
    const onlyCommas = fixAll(text, HINTS, DEFAULT_SETTINGS, 'json-trailing-comma').text;
    assert.equal(onlyCommas, '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt"], "Resource": ["*"] /* x */ }]}');
  });
});

describe('fix-all guards', () => {
  /** An analyzer whose one rule reports every "bad" and fixes it with `fix(text, at)`. */
  function fake(fix: (at: number, text: string) => { start: number; end: number; newText: string }, syntax: (text: string) => number = () => 0): Analyzer {
    return (text) => {
      const findings: Finding[] = [];
      for (let at = text.indexOf('bad'); at >= 0; at = text.indexOf('bad', at + 1)) {
        findings.push({ code: 'x-rule', severity: 'error', message: 'bad', start: at, end: at + 3, fixes: [{ title: 't', edits: [fix(at, text)], safety: 'repair' }] });
      }
      return { findings, model: { syntaxProblems: Array.from({ length: syntax(text) }, () => ({ kind: 'invalid' as const, start: 0, end: 0, message: '' })) } };
    };
  }

  it('applies fixes that remove their finding, until none is left', () => {
    const r = fixAllWith('bad, bad, bad', fake((at) => ({ start: at, end: at + 3, newText: 'good' })));
    assert.deepEqual(r, { text: 'good, good, good', applied: 3, byRule: { 'x-rule': 3 } });
  });

  it('drops a fix that leaves its finding in place, instead of repeating it', () => {
    // Inserts text before the finding: the finding only moves.
    const r = fixAllWith('[bad]', fake((at) => ({ start: at, end: at, newText: ',' })));
    assert.deepEqual(r, { text: '[bad]', applied: 0, byRule: {} });
  });

  it('keeps the fixes that do not break the JSON and drops the one that does', () => {
    const brackets = (t: string): number => Math.abs((t.match(/\[/g) ?? []).length - (t.match(/]/g) ?? []).length);
    // The fix of a "bad" after a space deletes the bracket before it too.
    const r = fixAllWith('[bad] [bad]', fake((at, text) => (text[at - 2] === ' ' ? { start: at - 1, end: at + 3, newText: 'ok' } : { start: at, end: at + 3, newText: 'ok' }), brackets));
    assert.equal(r.text, '[ok] [bad]');
    assert.equal(brackets(r.text), 0);
  });

  it('stops where it started when fixes undo each other, so a second run changes nothing', () => {
    const flip: Analyzer = (text) => ({
      findings: [{ code: 'flip', severity: 'warning', message: `is ${text[0]}`, start: 0, end: 1, fixes: [{ title: 't', edits: [{ start: 0, end: 1, newText: text[0] === 'a' ? 'b' : 'a' }], safety: 'neutral' }] }],
      model: { syntaxProblems: [] },
    });
    assert.equal(fixAllWith('a;', flip).text, 'a;');
    assert.equal(fixAllWith(fixAllWith('b;', flip).text, flip).text, 'b;');
  });
});
