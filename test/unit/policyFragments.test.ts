/**
 * Bare statements and policy strings: a file holding one statement, a JSON
 * array of statements, or a whole policy as one JSON string is checked as the
 * policy it carries, with findings on its own characters (through the
 * string's escapes for the string form).
 */
import * as assert from 'node:assert/strict';
import { analyze, appliedByFixAll, applyEdits, buildModel, DEFAULT_SETTINGS, fixAll, type Finding } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { completionsAt } from '../../src/core/policy/complete';
import { unmark } from './policyHelpers';

const HINTS = { languageId: 'json', fileName: 'statement.json' };
const KEY_HINTS = { languageId: 'json', fileName: 'key-policy-statement.json' };

function findingsOf(text: string, hints = HINTS): Finding[] {
  return analyze(text, hints).findings;
}

function at(text: string, findings: Finding[], code: string): string[] {
  return findings.filter((f) => f.code === code).map((f) => text.slice(f.start, f.end));
}

const KEY_ARN = 'arn:aws:kms:eu-west-1:210987654321:key/6b1e3f2a-9c4d-4e8b-a7f5-0d2c9b8e1a34';

describe('bare statements', () => {
  it('one statement on its own is checked as a statement of the policy it goes into, with no Version or lockout finding', () => {
    const { text, ranges } = unmark([
      '{',
      '  "Sid": "AllowAppToUseTheKey",',
      '  "Effect": "Allow",',
      '  "Principal": {"AWS": "arn:aws:iam::210987654321:role/App"},',
      '  "Action": ["kms:⟦Decrpyt⟧", "kms:GenerateDataKey"],',
      '  "Resource": "*"',
      '}',
    ].join('\n'));
    const { model, findings } = analyze(text, KEY_HINTS);
    assert.equal(model.kind, 'keyPolicy');
    assert.equal(model.policy?.shape, 'statement');
    assert.deepEqual(findings.map((f) => [f.code, f.start, f.end]), [['policy-unknown-action', ...ranges[0]]]);
  });

  it('an identity statement on its own: the Resource ARN is checked field by field', () => {
    const text = `{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "${KEY_ARN.replace('eu-west-1', 'eu-west-9')}"}`;
    const findings = findingsOf(text);
    assert.deepEqual(at(text, findings, 'policy-unknown-region'), ['eu-west-9']);
    assert.equal(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'identityPolicy');
  });

  it('a JSON array of statements: each is checked, and Sids are compared across them', () => {
    const text = JSON.stringify([
      { Sid: 'Use', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: KEY_ARN },
      { Sid: 'Use', Effect: 'Allow', Action: ['kms:Encrpyt'], Resource: KEY_ARN },
    ], null, 2);
    const findings = findingsOf(text);
    assert.deepEqual(at(text, findings, 'policy-unknown-action'), ['Encrpyt']);
    assert.deepEqual(at(text, findings, 'policy-sid-duplicate'), ['"Use"']);
    assert.ok(!findings.some((f) => f.code === 'policy-version-missing'));
  });

  it('a statement copied out of a list with its comma: the comma is a JSON error with its fix, and the statement is still checked', () => {
    const text = `{\n  "Effect": "Allow",\n  "Action": "kms:Decrpyt",\n  "Resource": "${KEY_ARN}"\n},\n`;
    const findings = findingsOf(text);
    const comma = findings.find((f) => f.code === 'json-trailing-comma');
    assert.ok(comma, findings.map((f) => f.code).join());
    assert.equal(comma.severity, 'error');
    assert.equal(comma.start, text.lastIndexOf(','));
    assert.deepEqual(at(text, findings, 'policy-unknown-action'), ['Decrpyt']);
    const fixed = applyEdits(text, comma.fixes?.find((f) => appliedByFixAll(f))?.edits ?? []);
    assert.equal(fixed, text.replace('},\n', '}\n'));
    assert.deepEqual(JSON.parse(fixed).Action, 'kms:Decrpyt');
  });

  it('completes inside a statement saved on its own, and inside an array of statements, as inside a policy', () => {
    const complete = (text: string, at: number): string[] => completionsAt(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }), at).map((c) => c.label);
    const one = '{"Effect": "Allow", "Action": "kms:Decr", "Resource": "*", ""}';
    assert.ok(complete(one, one.indexOf('kms:Decr') + 8).includes('kms:Decrypt'));
    // Statement elements, not the policy's Version and Statement.
    assert.deepEqual(complete(one, one.lastIndexOf('""') + 1), ['Sid', 'Condition']);
    const list = '[{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}, {"Effect": "", "Action": "kms:Decrypt", "Resource": "*"}]';
    assert.deepEqual(complete(list, list.indexOf('""') + 1), ['Allow', 'Deny']);
  });

  it('is not confused with other JSON: an object with an Action but no Effect, an array of other objects', () => {
    assert.equal(buildModel('{"Action": "kms:Decrypt", "Resource": "*"}', HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other');
    assert.equal(buildModel('[{"name": "a"}, {"Effect": "Allow", "Action": "x"}]', HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other');
  });
});

describe('policies saved as one JSON string', () => {
  const policy = (action: string): string => JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'kms:*', Resource: '*' },
      { Sid: 'App', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/App' }, Action: action, Resource: '*' },
    ],
  });

  it('is checked as the policy it holds, with findings on the characters of the string', () => {
    const text = JSON.stringify(policy('kms:Decrpyt'));
    const { model, findings } = analyze(text, HINTS);
    assert.equal(model.kind, 'keyPolicy');
    assert.equal(model.policy?.inString, true);
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['policy-unknown-action', 'Decrpyt']]);
  });

  it('maps ranges and fixes back through escapes, and the quick fix writes a valid string', () => {
    // \/ and \u escapes before the mistake: each decoded character is more than one written one.
    const text = JSON.stringify(policy('kms:Decrpyt')).replace('role/App', 'role\\/App').replace('"Sid\\":\\"App', '"Sid\\":\\"\\u0041pp');
    assert.equal(JSON.parse(JSON.parse(text)).Statement[1].Sid, 'App');
    const { findings } = analyze(text, HINTS);
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['policy-unknown-action', 'Decrpyt']]);
    // Correcting the action makes the Allow match: a quick fix the user picks, which Fix all leaves alone.
    assert.equal(fixAll(text, HINTS, DEFAULT_SETTINGS).text, text);
    const fix = findings[0].fixes?.find((f) => f.title.startsWith('Change to "kms:Decrypt"'));
    assert.ok(fix, JSON.stringify(findings[0].fixes?.map((f) => f.title)));
    assert.equal(fix.safety, 'widens');
    const fixed = applyEdits(text, fix.edits);
    assert.equal(JSON.parse(JSON.parse(fixed)).Statement[1].Action, 'kms:Decrypt');
  });

  it('reports the JSON errors inside the string on their characters', () => {
    const inner = policy('kms:Decrypt').replace('"Resource":"*"}]', '"Resource":"*",}]');
    const text = JSON.stringify(inner);
    const findings = findingsOf(text);
    const syntax = findings.filter((f) => f.code === 'policy-string-syntax');
    assert.equal(syntax.length, 1, findings.map((f) => f.code).join());
    assert.equal(text.slice(syntax[0].start, syntax[0].end), ',');
    assert.equal(syntax[0].start, text.indexOf(',}'));
  });

  it('a string holding a bare statement, and one holding a trust policy', () => {
    const statement = JSON.stringify(JSON.stringify({ Effect: 'Allow', Action: 'kms:Encrpyt', Resource: KEY_ARN }));
    assert.deepEqual(at(statement, findingsOf(statement), 'policy-unknown-action'), ['Encrpyt']);
    const trust = JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
    const { model, findings } = analyze(trust, HINTS);
    assert.equal(model.kind, 'trustPolicy');
    assert.deepEqual(findings, []);
  });

  it('a string that is not a policy is left alone', () => {
    assert.equal(buildModel('"just some text"', HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other');
    assert.equal(buildModel(JSON.stringify('{"name": "x"}'), HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other');
  });

  it('the kind hover is on the opening quote', () => {
    const text = JSON.stringify(policy('kms:Decrypt'));
    const h = hoverAt(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }), 0);
    assert.match(h?.markdown ?? '', /reads this as: A KMS key policy/);
  });
});
