/**
 * AWS SAM templates: a function's (or state machine's) `Policies` mixes
 * managed policy names, SAM policy templates (`KMSDecryptPolicy: {KeyId}`) and
 * inline policy documents. The documents are IAM identity policies and are
 * checked; the rest is not policy language and is left alone.
 */
import * as assert from 'node:assert/strict';
import { analyze, DEFAULT_SETTINGS, describeReading, type Finding } from '../../src/core';

function check(text: string, fileName: string, languageId: string): { findings: Finding[]; reading: string } {
  const { model, findings } = analyze(text, { languageId, fileName }, DEFAULT_SETTINGS);
  return { findings, reading: describeReading(model) };
}

const shown = (text: string, findings: readonly Finding[]): string[] => findings.map((f) => `${f.code} ${text.slice(f.start, f.end)}`);

function samYaml(action: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - AWSLambdaBasicExecutionRole
        - KMSDecryptPolicy:
            KeyId: !Ref OrdersKey
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action:
                - ${action}
              Resource: !GetAtt OrdersKey.Arn
  OrdersKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: '*'
`;
}

describe('AWS SAM templates', () => {
  it('an inline policy document in a function\'s Policies is checked on its characters', () => {
    const text = samYaml('kms:GenerateDataKeys');
    const { findings, reading } = check(text, 'template.yaml', 'yaml');
    assert.deepEqual(shown(text, findings), ['policy-unknown-action GenerateDataKeys']);
    assert.equal(reading, 'a CloudFormation template with an IAM identity policy or permissions boundary, a KMS key policy');
  });

  it('a fine SAM template raises nothing: managed policy names and SAM policy templates are not read as policies', () => {
    assert.deepEqual(check(samYaml('kms:GenerateDataKey'), 'template.yaml', 'yaml').findings, []);
  });

  it('Policies written as one policy document (JSON template) is read too', () => {
    const template = {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        Machine: {
          Type: 'AWS::Serverless::StateMachine',
          Properties: { Policies: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrpyt', Resource: 'arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f' }] } },
        },
      },
    };
    const text = JSON.stringify(template, null, 2);
    assert.deepEqual(shown(text, check(text, 'template.json', 'json').findings), ['policy-unknown-action Decrpyt']);
  });
});

describe('Serverless Framework services (serverless.yml)', () => {
  function service(action: string): string {
    return `service: payments
frameworkVersion: '3'

provider:
  name: aws
  runtime: nodejs20.x
  region: \${opt:region, 'eu-west-1'}
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - kms:Decrypt
            - ${action}
          Resource:
            - arn:aws:kms:\${aws:region}:\${aws:accountId}:key/\${self:custom.keyId}
        - Effect: Allow
          Action: dynamodb:PutItem
          Resource: !GetAtt PaymentsTable.Arn

functions:
  charge:
    handler: src/charge.handler

resources:
  Resources:
    PaymentsKey:
      Type: AWS::KMS::Key
      Properties:
        KeyPolicy:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal:
                AWS: !Sub arn:aws:iam::\${AWS::AccountId}:root
              Action: kms:*
              Resource: '*'
`;
  }

  it('the role statements are checked on their characters, and the file says it is a Serverless service', () => {
    const text = service('kms:GenerateDataKeys');
    const { findings, reading } = check(text, 'serverless.yml', 'yaml');
    assert.deepEqual(shown(text, findings), ['policy-unknown-action GenerateDataKeys']);
    assert.equal(reading, 'a Serverless Framework service with an IAM identity policy or permissions boundary, a KMS key policy');
  });

  it('a fine service raises nothing: the framework\'s ${...} variables are filled in at deploy, like Terraform\'s', () => {
    assert.deepEqual(check(service('kms:GenerateDataKey'), 'serverless.yml', 'yaml').findings, []);
  });

  it('near miss: a service whose role has nothing about KMS, and other YAML with a provider, are not ours', () => {
    const noKms = service('kms:GenerateDataKey').replace(/ {12}- kms:Decrypt\n {12}- kms:GenerateDataKey\n/, '            - s3:GetObject\n').replace(/resources:[\s\S]*$/, '');
    assert.match(noKms, /s3:GetObject/);
    assert.equal(check(noKms.replace(/arn:aws:kms:[^\n]*/, 'arn:aws:s3:::payments/*'), 'serverless.yml', 'yaml').reading, 'neither a policy nor CloudTrail data (not analysed)');
    assert.equal(check('provider:\n  name: google\nservice: x\n', 'serverless.yml', 'yaml').reading, 'neither a policy nor CloudTrail data (not analysed)');
  });
});
