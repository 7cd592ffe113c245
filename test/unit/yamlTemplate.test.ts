/**
 * CloudFormation YAML (issue 17): policies in YAML templates get the same
 * findings as in JSON, on the exact YAML characters; short-form tags are
 * values with unknown parts; fixes are YAML in the user's style; YAML that
 * holds no policy KMS Lens analyses stays silent.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { analyze, applyEdits, buildModel, DEFAULT_SETTINGS, fixAll, getKmsLensService, type Finding } from '../../src/core';
import { policiesOf } from '../../src/core/policy/locate';

const HINTS = { languageId: 'yaml', fileName: 'template.yaml' };
const SAMPLE = path.resolve(__dirname, '..', '..', '..', 'samples', 'cloudformation', 'kms-key.yaml');

const run = (text: string): Finding[] => analyze(text, HINTS).findings;

/** Each finding as `code line:column "text under it"` (1-based, as editors show it). */
function placed(text: string, fs: readonly Finding[]): string[] {
  return fs.map((f) => {
    const before = text.slice(0, f.start);
    const line = before.split('\n').length;
    const column = f.start - before.lastIndexOf('\n');
    return `${f.code} ${line}:${column} ${JSON.stringify(text.slice(f.start, f.end))}`;
  });
}

function yamlErrors(text: string): number {
  return parseDocument(text).errors.length;
}

/** A key policy template around `statements` (YAML, indented as a sequence under Statement). */
function keyTemplate(statements: string, version = 'Version: "2012-10-17"'): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Key:',
    '    Type: AWS::KMS::Key',
    '    Properties:',
    '      KeyPolicy:',
    `        ${version}`,
    '        Statement:',
    '          - Sid: Root',
    '            Effect: Allow',
    '            Principal:',
    '              AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"',
    '            Action: kms:*',
    '            Resource: "*"',
    statements,
  ].join('\n') + '\n';
}

function fixOf(text: string, code: string): { finding: Finding; result: string } | undefined {
  const f = run(text).find((x) => x.code === code);
  const fix = f?.fixes?.[0];
  return f && fix ? { finding: f, result: applyEdits(text, fix.edits) } : undefined;
}

describe('CloudFormation YAML templates', () => {
  describe('the sample template', () => {
    const text = fs.readFileSync(SAMPLE, 'utf8');

    it('reads every policy the template holds, each with the kind its resource gives it', () => {
      const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      assert.equal(model.kind, 'cloudFormation');
      assert.deepEqual(policiesOf(model).map((p) => p.kind), ['keyPolicy', 'keyPolicy', 'identityPolicy', 'identityPolicy', 'resourcePolicy']);
    });

    it('reports each deliberate mistake on its YAML characters', () => {
      assert.deepEqual(placed(text, run(text)), [
        'policy-effect-invalid 36:21 "allow"',
        'policy-unknown-action 39:39 "Decrpyt"',
        'policy-key-policy-resource 40:23 "!Sub \\"arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*\\""',
        'policy-unknown-condition-key 44:17 "kms:CallerAcount"',
        'policy-condition-value-type 55:46 "\\"yes\\""',
        'policy-principal-invalid 74:33 "21098765432"',
        'policy-noncanonical-case 96:21 "kms:GenerateDatakey"',
        'policy-via-service-invalid 111:36 "eu-west-9"',
        // The queue policy's kms: actions allow nothing: KMS never reads a queue's policy (the key policy must allow SNS).
        'policy-kms-action-in-resource-policy 127:39 "kms:Decrypt"',
        'policy-condition-key-not-applicable 129:78 "kms:GrantIsForAWSResource"',
      ]);
    });

    it('fix-all writes YAML that parses, keeps the style, and leaves the rest of the file as it was', () => {
      const fixed = fixAll(text, HINTS, DEFAULT_SETTINGS).text;
      assert.equal(yamlErrors(fixed), 0);
      const changed = fixed.split('\n').filter((line, i) => line !== text.split('\n')[i]);
      assert.deepEqual(changed, ['            Effect: Allow', '                  - kms:GenerateDataKey']);
    });
  });

  describe('short-form tags', () => {
    it('reads !Sub, !Join, !Ref, !GetAtt, !ImportValue, !Select and !FindInMap as values with unknown parts: no finding on them', () => {
      const text = keyTemplate([
        '          - Sid: Use',
        '            Effect: Allow',
        '            Principal:',
        '              AWS:',
        '                - !GetAtt AppRole.Arn',
        '                - !Ref AdminArn',
        '                - !ImportValue shared-admin-arn',
        '                - !Join ["", ["arn:aws:iam::", !Ref "AWS::AccountId", ":role/App"]]',
        '                - !Select [0, !FindInMap [Accounts, !Ref "AWS::Region", Admins]]',
        '            Action: kms:Decrypt',
        '            Resource: "*"',
        '            Condition:',
        '              StringEquals:',
        '                kms:ViaService: !Sub "s3.${AWS::Region}.amazonaws.com"',
      ].join('\n'));
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('checks the known characters around the unknown parts of a !Join', () => {
      const text = keyTemplate([
        '          - Sid: Use',
        '            Effect: Allow',
        '            Principal:',
        '              AWS: !Join ["", ["arn:aws:iam::", "12345", ":root"]]',
        '            Action: kms:Decrypt',
        '            Resource: "*"',
      ].join('\n'));
      assert.deepEqual(placed(text, run(text)), ['policy-principal-invalid 18:50 "12345"']);
    });

    it('checks both alternatives of an !If statement, and none for !Ref AWS::NoValue', () => {
      const text = keyTemplate([
        '          - !If',
        '            - IsProd',
        '            - Sid: Prod',
        '              Effect: Allow',
        '              Principal: {AWS: !Ref ProdRole}',
        '              Action: kms:Decryp',
        '              Resource: "*"',
        '            - !Ref AWS::NoValue',
      ].join('\n'));
      assert.deepEqual(placed(text, run(text)), ['policy-unknown-action 20:27 "Decryp"']);
    });
  });

  describe('fixes keep the YAML style', () => {
    const effect = (written: string): string => keyTemplate([
      '          - Sid: Use',
      `            Effect: ${written}`,
      '            Principal: {AWS: !Ref AppRole}',
      '            Action: kms:Decrypt',
      '            Resource: "*"',
    ].join('\n'));

    for (const [written, expected] of [['allow', 'Allow'], ["'allow'", "'Allow'"], ['"allow"', '"Allow"']]) {
      it(`rewrites Effect: ${written} as ${expected}`, () => {
        const fix = fixOf(effect(written), 'policy-effect-invalid');
        assert.ok(fix, 'a fix is offered');
        assert.ok(fix.result.includes(`            Effect: ${expected}\n`), fix.result);
        assert.equal(yamlErrors(fix.result), 0);
      });
    }

    it('edits one element of a flow list and nothing else', () => {
      const text = keyTemplate([
        '          - Sid: Use',
        '            Effect: Allow',
        '            Principal: {AWS: !Ref AppRole}',
        '            Action: [kms:Encrypt, kms:generateDataKey]',
        '            Resource: "*"',
      ].join('\n'));
      const fix = fixOf(text, 'policy-noncanonical-case');
      assert.ok(fix);
      assert.ok(fix.result.includes('            Action: [kms:Encrypt, kms:GenerateDataKey]\n'), fix.result);
    });

    it('removes a duplicate action as a whole line of a block list', () => {
      const text = keyTemplate([
        '          - Sid: Use',
        '            Effect: Allow',
        '            Principal: {AWS: !Ref AppRole}',
        '            Action:',
        '              - kms:Decrypt',
        '              - kms:Decrypt',
        '            Resource: "*"',
      ].join('\n'));
      const f = run(text).find((x) => x.code === 'policy-redundant-action');
      assert.ok(f?.fixes?.length, 'the redundant action has a fix');
      const result = applyEdits(text, f.fixes[0].edits);
      assert.equal(yamlErrors(result), 0);
      assert.ok(result.includes('            Action:\n              - kms:Decrypt\n            Resource: "*"'), result);
    });

    it('offers no fix that would write JSON into a block mapping (a missing Version), and writes it into a flow mapping', () => {
      const block = keyTemplate('', 'Id: key-policy');
      const f = run(block).find((x) => x.code === 'policy-version-missing');
      assert.ok(f, 'the missing Version is reported');
      assert.deepEqual(f.fixes ?? [], []);

      const flow = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: {Statement: [{Effect: Allow, Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}, Action: "kms:*", Resource: "*"}]}\n';
      const g = run(flow).find((x) => x.code === 'policy-version-missing');
      assert.ok(g?.fixes?.length, 'a fix is offered in a flow mapping');
      const result = applyEdits(flow, g.fixes[0].edits);
      assert.equal(yamlErrors(result), 0, result);
      assert.equal((parseDocument(result).toJS() as { Resources: { Key: { Properties: { KeyPolicy: { Version: string } } } } }).Resources.Key.Properties.KeyPolicy.Version, '2012-10-17');
    });
  });

  describe('hovers and summaries', () => {
    it('hovers an action in YAML with its KMS description', () => {
      const text = fs.readFileSync(SAMPLE, 'utf8');
      const service = getKmsLensService();
      const model = service.parse(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      const at = text.indexOf('kms:ScheduleKeyDeletion') + 5;
      const hover = service.hover(model, at);
      assert.ok(hover, 'a hover');
      assert.match(hover.markdown, /ScheduleKeyDeletion/);
      assert.equal(text.slice(hover.start, hover.end), 'kms:ScheduleKeyDeletion');
    });

    it('puts each statement summary on its statement', () => {
      const text = fs.readFileSync(SAMPLE, 'utf8');
      const service = getKmsLensService();
      const model = service.parse(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      const starts = service.summaries(model).map((l) => text.slice(l.start, l.start + 10));
      assert.ok(starts.includes('Sid: Enabl'), starts.join(' | '));
    });
  });

  describe('YAML that is not ours is silent', () => {
    const quiet: Record<string, string> = {
      'a GitHub workflow': 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
      'a compose file': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n',
      'Kubernetes manifests': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  Resources: x\n---\napiVersion: v1\nkind: Secret\n',
      'a template with no policy': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-data"\n',
      'a template whose policies are not about KMS': 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n',
      'broken YAML': 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: [\n',
      'a policy as YAML outside a template': 'Version: "2012-10-17"\nStatement:\n  - Effect: allow\n    Action: kms:Decrypt\n    Resource: "*"\n',
    };
    for (const [name, text] of Object.entries(quiet)) {
      it(`${name}: not analysed, no finding`, () => {
        const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
        assert.equal(model.kind, 'other');
        assert.deepEqual(run(text), []);
      });
    }

    it('a JSON template saved as .template is still read as JSON', () => {
      const json = fs.readFileSync(path.join(path.dirname(SAMPLE), '..', 'cloudformation-key.json'), 'utf8');
      const model = buildModel(json, { languageId: 'yaml', fileName: 'stack.template' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      assert.equal(model.format, 'json');
      assert.equal(model.kind, 'cloudFormation');
    });
  });
});
