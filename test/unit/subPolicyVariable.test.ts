/**
 * policy-sub-policy-variable in the places the mistake is written: `!Sub`
 * in a YAML template (the short form, on the template's own characters, and
 * its fix written back as YAML), `Fn::Sub` in a JSON template, and the
 * Serverless service where the framework reads `${...}` first (silent).
 */
import * as assert from 'node:assert/strict';
import { analyze, DEFAULT_SETTINGS, type Finding } from '../../src/core';
import { applyFix } from './policyHelpers';

const RULE = 'policy-sub-policy-variable';

function findings(text: string, fileName: string, languageId: string): Finding[] {
  return analyze(text, { languageId, fileName }, DEFAULT_SETTINGS).findings.filter((f) => f.code === RULE);
}

const YAML_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  NotesKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: Enable IAM User Permissions
            Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: kms:*
            Resource: '*'
          - Sid: Each user with their own notes
            Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action:
              - kms:Encrypt
              - kms:Decrypt
            Resource: '*'
            Condition:
              StringEquals:
                kms:EncryptionContext:owner: !Sub '\${aws:username}'
`;

describe('policy-sub-policy-variable', () => {
  it('finds ${aws:username} in a YAML !Sub on its own characters, as an error', () => {
    const found = findings(YAML_TEMPLATE, 'template.yaml', 'yaml');
    assert.equal(found.length, 1);
    assert.equal(YAML_TEMPLATE.slice(found[0].start, found[0].end), '${aws:username}');
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /Write "\$\{!aws:username\}" so that IAM gets the policy variable/);
  });

  it('its fix writes ${!aws:username} in the YAML, and the template is then quiet', () => {
    const [finding] = findings(YAML_TEMPLATE, 'template.yaml', 'yaml');
    const fixed = applyFix(YAML_TEMPLATE, finding, 'Escape as "${!aws:username}"');
    assert.ok(fixed.includes(`kms:EncryptionContext:owner: !Sub '\${!aws:username}'`), fixed);
    assert.deepEqual(findings(fixed, 'template.yaml', 'yaml'), []);
  });

  it('finds it in a JSON template, and not where the variable map names it', () => {
    const json = (sub: string): string => JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:owner': { 'Fn::Sub': JSON.parse(sub) } } } },
      ] } } } },
    }, null, 2);
    const text = json('"${aws:username}"');
    const found = findings(text, 'template.json', 'json');
    assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['${aws:username}']);
    assert.deepEqual(findings(json('["${aws:username}", {"aws:username": "alice"}]'), 'template.json', 'json'), []);
  });

  it('is silent in a Serverless service, whose own variables are read first', () => {
    const sls = `service: notes
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - kms:Decrypt
          Resource: !Sub 'arn:aws:kms:\${AWS::Region}:\${AWS::AccountId}:key/*'
          Condition:
            StringEquals:
              kms:EncryptionContext:owner: !Sub '\${aws:username}'
`;
    assert.deepEqual(findings(sls, 'serverless.yml', 'yaml'), []);
  });
});
