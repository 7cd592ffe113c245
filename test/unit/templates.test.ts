/**
 * Templates that are not JSON until rendered (Terraform templatefile, Jinja):
 * no JSON error where the template syntax is, the policy around it checked
 * with findings and fixes on the template's own characters, and one
 * information finding that says the file is a template.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, DEFAULT_SETTINGS, describeReading, type Finding } from '../../src/core';
import { templateView } from '../../src/core/document/template';
import { FIXTURES, runCli } from './helpers';

const CORPUS = path.join(FIXTURES, 'realworld', 'templated');

function check(text: string, fileName: string): { findings: Finding[]; reading: string } {
  const { model, findings } = analyze(text, { languageId: 'json', fileName }, DEFAULT_SETTINGS);
  return { findings, reading: describeReading(model) };
}

function shown(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.code} ${text.slice(f.start, f.end)}`);
}

describe('templates that are not JSON until rendered', () => {
  it('Terraform %{ if } and %{ for } directives: no JSON error, one information finding on the first directive', () => {
    const file = path.join(CORPUS, 'terraform', 'bucket-key-policy.tpl');
    const text = fs.readFileSync(file, 'utf8');
    const { findings, reading } = check(text, file);
    assert.deepEqual(shown(text, findings), [
      'information policy-placeholder ${account_id}',
      'information meta-template %{ if enable_cloudtrail }',
      'information policy-placeholder ${arn}',
    ]);
    assert.equal(reading, 'a KMS key policy (template, read without rendering it)');
  });

  it('unquoted ${...} values are unknown values on their characters, not JSON errors or empty principals', () => {
    const file = path.join(CORPUS, 'terraform', 'kms_key_policy.json.tpl');
    const text = fs.readFileSync(file, 'utf8');
    const { findings } = check(text, file);
    assert.deepEqual(shown(text, findings), [
      'information policy-placeholder ${admin_principals}',
      'information meta-template ${admin_principals}',
      'information policy-placeholder ${jsonencode(user_principals)}',
    ]);
  });

  it('Jinja {% for %} and a separator expression after a value: no JSON error', () => {
    const file = path.join(CORPUS, 'jinja', 'key_policy.json.j2');
    const text = fs.readFileSync(file, 'utf8');
    const { findings } = check(text, file);
    assert.ok(findings.every((f) => f.severity === 'information'), JSON.stringify(shown(text, findings)));
    assert.deepEqual(findings.filter((f) => f.code === 'meta-template').map((f) => text.slice(f.start, f.end)), ['{% for admin in kms_admins %}']);
    assert.match(findings.find((f) => f.code === 'meta-template')?.message ?? '', /a Jinja template, not JSON until it is rendered/);
  });

  it('a mistake after the directives is found on its characters, and its fix edits the template', () => {
    const text = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${account_id}:root" }, "Action": "kms:*", "Resource": "*" }%{ for r in readers },',
      '    { "Effect": "Allow", "Principal": { "AWS": ${jsonencode(r)} }, "Action": ["kms:Decrpyt"], "Resource": "*" }%{ endfor }',
      '  ]',
      '}',
    ].join('\n');
    const { findings } = check(text, 'readers.json.tpl');
    const typo = findings.find((f) => f.code === 'policy-unknown-action');
    assert.ok(typo, JSON.stringify(shown(text, findings)));
    assert.equal(typo.severity, 'error');
    assert.equal(typo.start, text.indexOf('Decrpyt'));
    assert.equal(text.slice(typo.start, typo.end), 'Decrpyt');
    const fix = typo.fixes?.find((f) => f.title.includes('kms:Decrypt'));
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, text.replace('kms:Decrpyt', 'kms:Decrypt'));
    assert.deepEqual(check(fixed, 'readers.json.tpl').findings.filter((f) => f.severity !== 'information'), []);
  });

  it('a JSON error outside the template syntax is still reported where it is', () => {
    const text = '{\n  "Version": "2012-10-17"\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": ${admins} }, "Action": "kms:*", "Resource": "*" }]\n}';
    const { findings } = check(text, 'policy.json.tpl');
    const json = findings.filter((f) => f.code.startsWith('json-'));
    assert.equal(json.length, 1, JSON.stringify(shown(text, findings)));
    assert.equal(json[0].start, text.indexOf('"Statement"'));
  });

  it('placeholders inside strings do not make a file a template', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${account_id}:root"},"Action":"kms:*","Resource":"*"}]}';
    assert.equal(templateView(text), undefined);
    assert.ok(!check(text, 'key-policy.json.tpl').findings.some((f) => f.code === 'meta-template'));
  });

  it('the rendered view leaves directives out and quotes value expressions, on the same characters', () => {
    const text = '{"a": ${x}, "b": ["y"{{ "," if not loop.last }}], "c": "%{ if z }"}%{ endif }';
    const view = templateView(text);
    assert.ok(view);
    assert.equal(view.text, '{"a": "${x}", "b": ["y"], "c": "%{ if z }"}');
    assert.deepEqual(JSON.parse(view.text), { a: '${x}', b: ['y'], c: '%{ if z }' });
    const at = view.text.indexOf('"${x}"');
    assert.equal(view.toDocument(at), text.indexOf('${x}'));
    assert.equal(view.toDocument(at + '"${x}"'.length), text.indexOf('${x}') + '${x}'.length);
    assert.deepEqual(view.constructs.map((c) => text.slice(c.start, c.end)), ['${x}', '{{ "," if not loop.last }}', '%{ endif }']);
  });

  it('kms-lens check DIR picks up .tpl and .j2 files', () => {
    const r = runCli(['check', CORPUS]);
    assert.match(r.stdout, /bucket-key-policy\.tpl: read as a KMS key policy \(template, read without rendering it\)/);
    assert.match(r.stdout, /kms_policy\.json\.j2: read as/);
    assert.match(r.stdout, /worker-key-policy\.json\.tpl:\d+:\d+ error policy-unknown-action/);
  });

  it('a quote out of step around ${...} gets no fix that writes inside the string the construct sits in (Fix all stays idempotent)', () => {
    // A copy cut short ("Action": then a line that starts with a quote): the view puts the ${...} outside a string and
    // asks for commas at its end, which in the template is inside "arn:aws:cloudtrail:...:${account_id}:trail/*".
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "Service": "cloudtrail.amazonaws.com" },\n      "Action":\n   ": {\n        "StringLike": {\n          "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:${account_id}:trail/*"\n        }\n      }\n    }\n  ]\n}\n';
    const hints = { languageId: 'plaintext', fileName: 'bucket-key-policy.tpl' };
    const at = text.indexOf(':trail/*');
    for (const f of analyze(text, hints, DEFAULT_SETTINGS).findings) {
      for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.start !== at, `${f.code}: ${fix.title} at the end of \${account_id}`);
    }
  });
});
