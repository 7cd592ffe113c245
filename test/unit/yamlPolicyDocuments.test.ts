/**
 * Policies kept as YAML files (the root mapping is the policy, as for Ansible,
 * the Serverless Framework or cfn-lint fixtures): read as the same policy in
 * JSON is, with findings and fixes on the YAML characters, only when the kind
 * is certain; any other YAML with a `Version` or a `Statement` stays silent.
 */
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, buildModel, DEFAULT_SETTINGS, describeReading, getKmsLensService, type Finding } from '../../src/core';

const YAML = { languageId: 'yaml', fileName: 'policies/key-policy.yaml' };

const KEY_POLICY = [
  '# Converted with `yq -o=json` before `aws kms put-key-policy`.',
  "Version: '2012-10-17'",
  'Id: reports-key-policy',
  'Statement:',
  '  - Sid: EnableRootAccess',
  '    Effect: Allow',
  '    Principal:',
  '      AWS: arn:aws:iam::604729381156:root',
  '    Action: kms:*',
  "    Resource: '*'",
  '  - Sid: AllowReportsWriter',
  '    Effect: Allow',
  '    Principal:',
  '      AWS: arn:aws:iam::604729381156:role/reports-writer',
  '    Action:',
  '      - kms:Encrypt',
  '      - kms:Decrpyt',
  '      - kms:GenerateDataKey*',
  "    Resource: '*'",
  '',
].join('\n');

function severe(text: string, findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code} ${text.slice(f.start, f.end)}`);
}

describe('policies kept as YAML files', () => {
  it('a key policy at the root of a .yaml file is read as a key policy, with findings on its YAML characters', () => {
    const { model, findings } = analyze(KEY_POLICY, YAML, DEFAULT_SETTINGS);
    assert.equal(model.kind, 'keyPolicy');
    assert.equal(describeReading(model), 'a KMS key policy (YAML)');
    assert.deepEqual(severe(KEY_POLICY, findings), ['policy-unknown-action Decrpyt']);
  });

  it('the fix of a misspelt action is written in the YAML', () => {
    const { findings } = analyze(KEY_POLICY, YAML, DEFAULT_SETTINGS);
    const fix = findings.find((f) => f.code === 'policy-unknown-action')?.fixes?.find((x) => x.title.includes('kms:Decrypt'));
    assert.ok(fix);
    const fixed = applyEdits(KEY_POLICY, fix.edits);
    assert.equal(fixed, KEY_POLICY.replace('kms:Decrpyt', 'kms:Decrypt'));
    assert.deepEqual(severe(fixed, analyze(fixed, YAML, DEFAULT_SETTINGS).findings), []);
  });

  it('an identity policy with an unquoted Version (a .yml file) is read by its content, and its KMS part checked', () => {
    const text = [
      'Version: 2012-10-17',
      'Statement:',
      '  - Effect: Allow',
      '    Action: kms:Decrypt',
      '    Resource: arn:aws:kms:eu-west-1:604729381156:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      '    Condition:',
      '      StringEquals:',
      '        kms:ViaService: s3.amazonaws.com',
      '',
    ].join('\n');
    const { model, findings } = analyze(text, { languageId: 'yaml', fileName: 'decrypt.yml' }, DEFAULT_SETTINGS);
    assert.equal(model.kind, 'identityPolicy');
    assert.deepEqual(severe(text, findings).map((s) => s.split(' ')[0]), ['policy-via-service-invalid']);
  });

  it('completing an action being typed replaces the YAML scalar, in YAML', () => {
    const text = KEY_POLICY.replace('kms:Decrpyt', 'kms:Decr');
    const offset = text.indexOf('kms:Decr') + 'kms:Decr'.length;
    const model = buildModel(text, YAML, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const item = getKmsLensService().complete(model, offset).find((i) => i.label === 'kms:Decrypt');
    assert.ok(item);
    const result = text.slice(0, item.start) + item.insertText + text.slice(item.end);
    assert.equal(result, KEY_POLICY.replace('kms:Decrpyt', 'kms:Decrypt'));
  });

  it('a Statement mapping (one statement) is a policy too', () => {
    const text = "Version: '2012-10-17'\nStatement:\n  Effect: Deny\n  Action: kms:ScheduleKeyDeletion\n  Resource: '*'\n";
    assert.equal(buildModel(text, YAML, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'identityPolicy');
  });

  it('other YAML with a Version or a Statement is not ours', () => {
    for (const text of [
      // A compose file, a values file, a changelog entry.
      "version: '3.8'\nservices:\n  app:\n    image: nginx\n",
      'Version: 2\nStatement:\n  - name: a\n',
      "Version: '2012-10-17'\nStatement: see the README\n",
      // A statement without an Effect, or with another, is not certain.
      "Version: '2012-10-17'\nStatement:\n  - Action: kms:Decrypt\n    Resource: '*'\n",
      "Version: '2012-10-17'\nStatement:\n  - Effect: Permit\n    Action: kms:Decrypt\n",
      // More at the root than a policy holds (a fixture with its expectations, a Serverless custom block).
      "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: kms:Decrypt\n    Resource: '*'\nExpected:\n  - E3012\n",
      // Indented: a member of something else.
      "policy:\n  Version: '2012-10-17'\n  Statement:\n    - Effect: Allow\n      Action: kms:Decrypt\n      Resource: '*'\n",
      // An empty list of statements.
      "Version: '2012-10-17'\nStatement: []\n",
    ]) {
      const model = buildModel(text, YAML, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      assert.equal(model.kind, 'other', text);
      assert.deepEqual(analyze(text, YAML, DEFAULT_SETTINGS).findings, [], text);
    }
  });
});
