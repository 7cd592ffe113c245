/**
 * Fix all never widens access. For every edit fix-all applies (the editor's
 * source.fixAll.kmsLens and `kms-lens check --fix` call the same function),
 * on the samples, the corpus, every rule's test cases and generated policies:
 * either the document before was one AWS rejects (the fix is a `repair` and
 * its rule's category is one whose findings AWS rejects), or no Allow of any
 * policy in the document matches more requests afterwards and no Deny fewer,
 * judged on the normalised statements (accessJudge.ts).
 *
 * The judgement covers each fix on the text it was computed for, each pass as
 * a whole, and, beyond what fix-all picked, every fix it would pick for every
 * finding of the inputs. The judge is tested on the edits it must catch.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, applyEdits, DEFAULT_SETTINGS, fixAll, fixAllFixOf, ruleById, type DocumentHints, type Finding, type Fix } from '../../src/core';
import { fixAllWith } from '../../src/core/fixes';
import { policiesOf } from '../../src/core/policy/locate';
import type { PolicyModel } from '../../src/core/policy/model';
import { REJECTING_CATEGORIES } from '../../src/core/rules/rule';
import { widening } from './accessJudge';
import { FIXTURES } from './helpers';
import { applyFixable, fixableMutation } from './mutations';
import { CASES } from './policyCases';
import { JSON_HINTS, unmark } from './policyHelpers';

const ROOT_DIR = path.resolve(FIXTURES, '..', '..');
const SHARED_CORPUS = '/work/shared/corpus';

interface Input {
  name: string;
  text: string;
  hints: DocumentHints;
}

function hintsFor(file: string): DocumentHints {
  const ext = path.extname(file).toLowerCase();
  return { languageId: ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : ext === '.jsonc' ? 'jsonc' : 'json', fileName: path.basename(file) };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(json|jsonc|jsonl|ndjson)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The samples, the corpus (ours and the shared one, when this machine has it) and the editor fixtures, each text once. */
function fileInputs(): Input[] {
  const seen = new Set<string>();
  const out: Input[] = [];
  for (const dir of [path.join(ROOT_DIR, 'samples'), path.join(FIXTURES, 'corpus'), path.join(FIXTURES, 'workspace'), SHARED_CORPUS]) {
    for (const file of filesUnder(dir)) {
      const text = fs.readFileSync(file, 'utf8');
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ name: path.relative(ROOT_DIR, file), text, hints: hintsFor(file) });
    }
  }
  return out;
}

/** Every text of every policy rule's test cases. */
function caseInputs(): Input[] {
  return Object.entries(CASES).flatMap(([rule, c]) => [...c.fires, ...c.nearMisses].map((src, i) => ({ name: `${rule} case ${i + 1}`, text: unmark(src).text, hints: c.hints ?? JSON_HINTS })));
}

function policies(text: string, hints: DocumentHints): PolicyModel[] {
  return policiesOf(analyze(text, hints).model);
}

/** Why applying `fix` to `text` may widen access, or undefined. */
function judgeFix(text: string, hints: DocumentHints, finding: Finding, fix: Fix): string | undefined {
  const rule = ruleById.get(finding.code);
  if (!rule) return `no rule ${finding.code}`;
  if (!rule.fixable.includes(fix.safety)) return `a ${fix.safety} fix, but the rule's metadata lists only ${rule.fixable.join(', ') || 'none'}`;
  if (fix.safety === 'repair') {
    // A document AWS rejects grants nothing: repairing it cannot take away a limit that exists today.
    return REJECTING_CATEGORIES.has(rule.category) ? undefined : `a repair from a rule of category ${rule.category}, whose findings AWS does not reject`;
  }
  return widening(policies(text, hints), policies(applyEdits(text, fix.edits), hints));
}

interface Trace {
  text: string;
  applied: number;
  problems: string[];
}

/** Fix-all on `input`, every applied fix judged on the text of its pass. */
function traceFixAll(input: Input): Trace {
  const problems: string[] = [];
  let applied = 0;
  const result = fixAllWith(input.text, (t) => analyze(t, input.hints, DEFAULT_SETTINGS), undefined, 10, (pass) => {
    for (const { finding, fix } of pass.applied) {
      applied++;
      const why = judgeFix(pass.before, input.hints, finding, fix);
      if (why) problems.push(`${input.name}: ${finding.code} "${fix.title}" (${fix.safety}): ${why}`);
    }
    // The pass as a whole, when no fix in it starts from a rejected document.
    if (pass.applied.every((c) => c.fix.safety !== 'repair')) {
      const why = widening(policies(pass.before, input.hints), policies(pass.after, input.hints));
      if (why) problems.push(`${input.name}: a pass of ${pass.applied.length} fixes: ${why}`);
    }
  });
  return { text: result.text, applied, problems };
}

/** Every fix fix-all would apply to a finding of the text, judged alone. */
function judgeEveryFixAllFix(input: Input): { judged: number; problems: string[] } {
  const problems: string[] = [];
  let judged = 0;
  for (const finding of analyze(input.text, input.hints).findings) {
    const fix = fixAllFixOf(finding);
    if (!fix) continue;
    judged++;
    const why = judgeFix(input.text, input.hints, finding, fix);
    if (why) problems.push(`${input.name}: ${finding.code} "${fix.title}" (${fix.safety}): ${why}`);
  }
  return { judged, problems };
}

// ------------------------------------------------------------ generated policies

const A = '210987654321';
const KEY = `arn:aws:kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const pick = <T>(...xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);

/** A member of a JSON object, already written: `"Name": value`. */
const member = (name: string, value: string): string => `${JSON.stringify(name)}: ${value}`;
const list = (xs: readonly string[], asList: boolean): string => (xs.length === 1 && !asList ? JSON.stringify(xs[0]) : JSON.stringify(xs));

/** Slips people make in each element, and their right spellings, mixed. */
const effect = pick('Allow', 'Deny', 'allow', 'DENY', 'Alow');
const principal = pick(
  '"*"', '{"AWS": "*"}', `{"AWS": "arn:aws:iam::${A}:role/App"}`, `{"AWS": "arn:aws::iam::${A}:role/App"}`, `"arn:aws:iam::${A}:role/App"`,
  `{"aws": "arn:aws:iam::${A}:root"}`, '{"Service": "cloudtrail"}', '{"Service": "logs.us-west-2.amazonaws.com"}', `{"AWS": "${A}"}`, `{"AWS": ["arn:aws:iam::${A}:role/App", "arn:aws:iam::${A}:user/Ops"]}`,
);
const principalName = pick('Principal', 'Principal', 'Principal', 'NotPrincipal', 'Principals', '');
const action = pick(
  'kms:Decrypt', 'kms:Decrpyt', 'kms:decrypt', 'kms:Get*', 'kms:GetKeyPolicy', 'kms:*', 'kms:CreateKey', 'kms:RetireGrant', 'Decrypt', 'kms:Encrpyt*',
  's3:GetObject', 'kms:GenerateDataKey', 'kms:GenerateDataKey*', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:RotateKeyOnDemand', 'KMS:Encrypt', 'kms:ReEncrypt',
);
const actionName = pick('Action', 'Action', 'Action', 'NotAction', 'Actions', 'action', '');
const resource = pick('*', '*', KEY, `arn:aws::kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, `arn:aws:kms:us-west-3:${A}:key/*`, `arn:aws:kms:us-west-2:${A}:key/*`, 'alias/app');
const resourceName = pick('Resource', 'Resource', 'Resource', 'NotResource', 'Resources', 'resource', '');
const condition = pick(
  ['StringEquals', 'kms:ViaService', 'ebs.us-west-2.amazonaws.com'], ['StringEquals', 'kms:ViaService', 'ec2.us-west-2.amazonaws.com'], ['StringEquals', 'kms:ViaService', 'rds.cn-north-1.amazonaws.com.cn'],
  ['StringEquals', 'kms:ViaService', 'ec2.us-east-1.amazonaws.com'], ['StringNotEquals', 'kms:ViaService', 'ebs.us-west-2.amazonaws.com'], ['StringEquals', 'kms:ViaService', 'secretmanager.us-west-2.amazonaws.com'],
  ['StringEquals', 'kms:CallerAcount', A], ['StringNotEquals', 'kms:CallerAcount', A], ['StringEquals', 'kms:CallerAccount', A], ['StringEqualsIfExists', 'kms:CallerAcount', A],
  ['ForAllValues:StringEquals', 'kms:CallerAccount', A], ['ForAllValues:StringNotEquals', 'kms:CallerAccount', A], ['ForAllValues:StringEqualsIfExists', 'kms:CallerAccount', A],
  ['Bool', 'kms:GrantIsForAWSResource', 'yes'], ['Bool', 'kms:GrantIsForAWSResource', 'true'], ['StringEqual', 'kms:CallerAccount', A], ['stringEquals', 'kms:CallerAccount', A],
  ['NullIfExists', 'kms:EncryptionContextKeys', 'false'], ['StringEquals', 'kms:CustomerMasterKeySpec', 'SYMMETRIC_DEFAULT'], ['StringEquals', 'kms:KeySpec', 'AES_256'],
  ['ForAllValues:StringEquals', 'kms:GrantOperations', 'kms:Decrypt'], ['StringEquals', 'kms:GrantOperations', 'Decrypt'], ['ArnEquals', 'aws:SourceArn', `arn:aws::kms:us-west-2:${A}:key/x`],
  ['StringEquals', 'aws:sourceVpce', 'vpce-1a2b3c4d'], ['StringEquals', 'aws:SourceVpcEndpoint', 'vpce-1a2b3c4d'], ['Null', 'kms:EncryptionContextKeys', 'yes'], ['StringLike', 'kms:ViaService', 'ebs.*.amazonaws.com'],
);
const conditionName = pick('Condition', 'Condition', 'condition', '');
const sid = pick('', 'none', 'Use', 'Allow decrypt', 'Use');

const statement = fc.record({
  sid, effect, principalName, principal, actionName, actions: fc.array(action, { minLength: 1, maxLength: 4 }), asList: fc.boolean(),
  resourceName, resources: fc.array(resource, { minLength: 1, maxLength: 2 }), conditionName, conditions: fc.array(condition, { maxLength: 3 }), emptyCondition: fc.boolean(),
}).map((s) => {
  const members: string[] = [];
  if (s.sid !== 'none') members.push(member('Sid', JSON.stringify(s.sid)));
  members.push(member(s.effect === 'Alow' ? 'effect' : 'Effect', JSON.stringify(s.effect === 'Alow' ? 'allow' : s.effect)));
  if (s.principalName) members.push(member(s.principalName, s.principal));
  if (s.actionName) members.push(member(s.actionName, list(s.actions, s.asList)));
  if (s.resourceName) members.push(member(s.resourceName, list(s.resources, s.asList)));
  if (s.conditionName) {
    const byOp = new Map<string, string[]>();
    for (const [op, key, value] of s.conditions) byOp.set(op, [...(byOp.get(op) ?? []).filter((m) => !m.startsWith(JSON.stringify(key))), member(key, JSON.stringify(value))]);
    const ops = [...byOp].map(([op, ms]) => member(op, `{${ms.join(', ')}}`));
    if (s.emptyCondition) ops.push(member('StringLike', '{}'));
    members.push(member(s.conditionName, `{${ops.join(', ')}}`));
  }
  return `{${members.join(', ')}}`;
});

const ROOT_STATEMENT = `{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${A}:root"}, "Action": "kms:*", "Resource": "*"}`;

/** Key policies and IAM policies written with the slips people make, and sometimes a JSON slip on top. */
const generatedPolicy = fc.record({
  version: pick('"2012-10-17"', '"2012-10-17"', '"2008-10-17"', '"2024-01-15"', ''),
  versionName: pick('Version', 'Version', 'version'),
  statementName: pick('Statement', 'Statement', 'Statement', 'statement'),
  withRoot: fc.boolean(),
  statements: fc.array(statement, { minLength: 1, maxLength: 4 }),
  slips: fc.array(fixableMutation, { maxLength: 2 }),
}).map((p) => {
  const members: string[] = [];
  if (p.version) members.push(member(p.versionName, p.version));
  members.push(member(p.statementName, `[${[...(p.withRoot ? [ROOT_STATEMENT] : []), ...p.statements].join(',\n  ')}]`));
  const text = `{\n${members.join(',\n')}\n}\n`;
  return p.slips.reduce(applyFixable, text);
});

describe('fix-all never widens access', function () {
  this.timeout(600_000);

  const files = fileInputs();
  const cases = caseInputs();

  it('has the samples, the corpus and the rule cases to work on', () => {
    assert.ok(files.some((f) => f.name === path.join('samples', 'key-policy-review.json')), 'the review sample');
    assert.ok(files.length >= 140, `only ${files.length} files`);
    assert.ok(cases.length >= 150, `only ${cases.length} rule cases`);
  });

  it('on the samples, the corpus and every rule case: each edit repairs a rejected document or widens nothing', () => {
    let applied = 0;
    const problems: string[] = [];
    for (const input of [...files, ...cases]) {
      const t = traceFixAll(input);
      // The traced run is the one the editor and the CLI make.
      assert.equal(t.text, fixAll(input.text, input.hints, DEFAULT_SETTINGS).text, input.name);
      applied += t.applied;
      problems.push(...t.problems);
    }
    assert.deepEqual(problems, []);
    assert.ok(applied >= 50, `fix-all applied only ${applied} fixes: the test would prove little`);
  });

  it('on the same inputs, every fix fix-all would apply to every finding passes the same judgement', () => {
    let judged = 0;
    const problems: string[] = [];
    for (const input of [...files, ...cases]) {
      const r = judgeEveryFixAllFix(input);
      judged += r.judged;
      problems.push(...r.problems);
    }
    assert.deepEqual(problems, []);
    assert.ok(judged >= 50, `only ${judged} fixes judged`);
  });

  it('on generated policies full of slips', () => {
    let applied = 0;
    fc.assert(
      fc.property(generatedPolicy, (text) => {
        const input = { name: 'generated', text, hints: JSON_HINTS };
        const t = traceFixAll(input);
        applied += t.applied;
        assert.deepEqual(t.problems, [], text);
        assert.deepEqual(judgeEveryFixAllFix(input).problems, [], text);
      }),
      { numRuns: 300, seed: 1107 },
    );
    assert.ok(applied >= 300, `fix-all applied only ${applied} fixes to the generated policies`);
  });

  it('leaves the review sample\'s ebs endpoint to the user, whose quick fix says it lets anyone Decrypt and CreateGrant through EC2', () => {
    const text = fs.readFileSync(path.join(ROOT_DIR, 'samples', 'key-policy-review.json'), 'utf8');
    const hints = hintsFor('key-policy-review.json');
    const fixed = fixAll(text, hints, DEFAULT_SETTINGS).text;
    assert.ok(fixed.includes('"kms:ViaService": "ebs.us-west-2.amazonaws.com"'), 'fix-all left the endpoint as it was');
    assert.ok(!fixed.includes('ec2.us-west-2'));
    // The repairs it did make: the Effect AWS rejects, and a redundant action.
    assert.ok(fixed.includes('"Effect": "Allow",\n      "Principal": { "AWS": "arn:aws:iam::210987654321:role/OrdersService" },\n      "Action": ["kms:Encrypt", "kms:Decrpyt", "kms:GenerateDataKey*", "kms:DescribeKey"]'));
    const f = analyze(text, hints).findings.find((x) => x.code === 'policy-via-service-unsupported');
    assert.ok(f);
    const [fix] = f.fixes ?? [];
    assert.equal(fix.safety, 'widens');
    assert.equal(fix.title, 'Change to "ec2.us-west-2.amazonaws.com" — Allows anyone to Decrypt and CreateGrant with this key, only when called through EC2 (including EBS) in us-west-2.');
    // And the judge sees what the quick fix would do.
    assert.match(judgeFix(text, hints, f, fix) ?? '', /the Allow may match more requests/);
  });

  it('the judge catches the widening fixes of the review sample, and none of the fixes fix-all applies there', () => {
    const text = fs.readFileSync(path.join(ROOT_DIR, 'samples', 'key-policy-review.json'), 'utf8');
    const hints = hintsFor('key-policy-review.json');
    const verdicts = analyze(text, hints).findings.flatMap((f) => (f.fixes ?? []).map((x) => `${f.code} ${x.safety} ${judgeFix(text, hints, f, x) ? 'wider' : 'ok'}`));
    assert.deepEqual(verdicts, [
      'policy-effect-invalid repair ok',
      // Alone, these two leave the statement matching nothing: its kms:CallerAcount condition is never true.
      // Classified by what they do to the statement's own reach, they stay quick fixes.
      'policy-unknown-action widens ok',
      'policy-redundant-action neutral ok',
      'policy-key-policy-resource widens ok',
      'policy-unknown-condition-key widens wider',
      'policy-condition-value-type widens wider',
      'policy-via-service-unsupported widens wider',
    ]);
  });
});

describe('the access judge', () => {
  const key = (...statements: string[]): string => `{"Version": "2012-10-17", "Statement": [${statements.join(', ')}]}`;
  const judge = (before: string, after: string): string | undefined => widening(policies(before, JSON_HINTS), policies(after, JSON_HINTS));
  const stmt = (effect: string, members: string): string => `{"Effect": "${effect}", "Principal": {"AWS": "arn:aws:iam::${A}:role/App"}, ${members}}`;

  it('sees an Allow that gains an action, a principal, a resource or loses a condition', () => {
    assert.ok(judge(key(stmt('Allow', '"Action": "kms:Encrypt", "Resource": "*"')), key(stmt('Allow', '"Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"'))));
    assert.ok(judge(key(stmt('Allow', '"Action": "kms:Decrpyt", "Resource": "*"')), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*"'))));
    assert.ok(judge(key(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${A}:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}`), key('{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}')));
    assert.ok(judge(key(stmt('Allow', `"Action": "kms:Decrypt", "Resource": "${KEY}"`)), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*"'))));
    assert.ok(judge(key(stmt('Allow', '"Action": "kms:Decrypt"')), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*"'))));
    assert.ok(judge(key(stmt('Allow', `"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "${A}"}}`)), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*"'))));
    assert.ok(judge(key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "ebs.us-west-2.amazonaws.com"}}')), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "ec2.us-west-2.amazonaws.com"}}'))));
    assert.ok(judge(key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "1"}}')), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"kms:CallerAccount": "1"}}'))));
  });

  it('sees a Deny that loses what it matched, and a change of Effect', () => {
    assert.ok(judge(key(stmt('Deny', '"Action": ["kms:Decrypt", "kms:Encrypt"], "Resource": "*"')), key(stmt('Deny', '"Action": "kms:Decrypt", "Resource": "*"'))));
    assert.ok(judge(key(stmt('Deny', '"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringNotEquals": {"kms:CallerAcount": "1"}}')), key(stmt('Deny', '"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringNotEquals": {"kms:CallerAccount": "1"}}'))));
    assert.ok(judge(key(stmt('Deny', '"Action": "kms:Decrypt", "Resource": "*"')), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*"'))));
  });

  it('accepts what changes nothing or only narrows', () => {
    const same = key(stmt('Allow', '"Action": ["kms:Get*", "kms:GetKeyPolicy", "kms:decrypt"], "Resource": "*"'));
    assert.equal(judge(same, key(stmt('Allow', '"Action": ["kms:Get*", "kms:Decrypt"], "Resource": "*"'))), undefined);
    assert.equal(judge(key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*"')), key(stmt('Allow', `"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "${A}"}}`))), undefined);
    assert.equal(judge(key(stmt('Deny', '"Action": "kms:Decrpyt", "Resource": "*"')), key(stmt('Deny', '"Action": "kms:Decrypt", "Resource": "*"'))), undefined);
    assert.equal(judge(key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"kms:CallerAccount": "1"}}')), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "1"}}'))), undefined);
    assert.equal(judge(key(stmt('Allow', '"Action": ["kms:CreateKey", "kms:Decrypt"], "Resource": "*"')), key(stmt('Allow', '"Action": "kms:Decrypt", "Resource": "*"'))), undefined);
  });
});
