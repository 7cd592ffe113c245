/**
 * File shapes from public repositories that KMS Lens read wrong until the
 * third real-world pass (test/fixtures/realworld holds a file of each): AWS's
 * own managed key policy with a repeated Sid, ERB and Go templates, a
 * Statement that a template function writes, and a key policy whose only
 * principal comes from a variable. Each test states what a user of such a
 * file relies on: no error where AWS accepts the file, and the mistakes
 * around the unknown parts still found.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './helpers';
import { analyze, buildModel, DEFAULT_SETTINGS, describeReading, getKmsLensService, type Finding } from '../../src/core';
import { locateWasm } from '../../src/cli/wasm';

function check(text: string, fileName: string): Finding[] {
  return analyze(text, { languageId: fileName.endsWith('.tf') ? 'terraform' : 'json', fileName }, DEFAULT_SETTINGS).findings;
}

function shown(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.code} ${text.slice(f.start, f.end)}`);
}

function severe(text: string, findings: readonly Finding[]): string[] {
  return shown(text, findings.filter((f) => f.severity === 'error' || f.severity === 'warning'));
}

const ROOT = '{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::604729381156:root"},"Action":"kms:*","Resource":"*"}';

describe('real-world shapes (third pass)', () => {
  describe('a repeated Sid', () => {
    const twice = (kmsStatement: string): string => JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        JSON.parse(kmsStatement),
        { Sid: 'Use', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '604729381156', 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } },
        { Sid: 'Use', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '604729381156' } } },
      ],
    }, null, 2);

    it('in a key policy is information, saying KMS accepts it (AWS writes aws/secretsmanager that way)', () => {
      const text = twice(ROOT);
      const f = check(text, 'key-policy.json').filter((x) => x.code === 'policy-sid-duplicate');
      assert.equal(f.length, 1);
      assert.equal(f[0].severity, 'information');
      assert.match(f[0].message, /KMS accepts this in a key policy/);
      assert.equal(text.slice(f[0].start, f[0].end), '"Use"');
    });

    it('in an identity policy is still a warning: IAM rejects it', () => {
      const text = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Use', Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:604729381156:key/3e9d6f1a-7c2b-4a85-b0e4-9f1c2d7a6b53' },
          { Sid: 'Use', Effect: 'Allow', Action: 'kms:Encrypt', Resource: 'arn:aws:kms:eu-west-1:604729381156:key/3e9d6f1a-7c2b-4a85-b0e4-9f1c2d7a6b53' },
        ],
      });
      const f = check(text, 'app-policy.json').filter((x) => x.code === 'policy-sid-duplicate');
      assert.deepEqual(f.map((x) => x.severity), ['warning']);
      assert.match(f[0].message, /Sids must be unique within a policy/);
    });
  });

  describe('ERB templates (Chef, Puppet)', () => {
    const erb = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::<%= @account_id %>:root" }, "Action": "kms:*", "Resource": "*" },',
      '<% @readers.each do |arn| -%>',
      '    { "Effect": "Allow", "Principal": { "AWS": "<%= arn %>" }, "Action": "kms:Decrpyt", "Resource": "*" },',
      '<% end -%>',
      '    { "Effect": "Allow", "Principal": { "Service": "logs.<%= @region %>.amazonaws.com" }, "Action": "kms:Encrypt*", "Resource": "*" }',
      '  ]',
      '}',
    ].join('\n');

    it('<% %> code is left out and <%= %> values are unknown, even inside a service principal: no error but the real one', () => {
      const f = check(erb, 'key_policy.json.erb');
      assert.deepEqual(severe(erb, f), ['error policy-unknown-action Decrpyt']);
    });

    it('says the file is an ERB template, on its first directive', () => {
      const f = check(erb, 'key_policy.json.erb').filter((x) => x.code === 'meta-template');
      assert.deepEqual(shown(erb, f), ['information meta-template <% @readers.each do |arn| -%>']);
      assert.match(f[0].message, /an ERB template, not JSON until it is rendered/);
    });
  });

  describe('Go templates (Helm, .tmpl)', () => {
    const go = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [{',
      '    "Effect": "Allow",',
      '    "Principal": { "Federated": "arn:aws:iam::{{ .AccountID }}:oidc-provider/{{ .Issuer }}" },',
      '    "Action": "sts:AssumeRoleWithWebIdentity",',
      '    "Condition": { "StringEquals": {',
      '      "{{ .Issuer }}:sub": [{{ range $i, $sa := .ServiceAccounts }}{{ if $i }}, {{ end }}"system:serviceaccount:{{ $sa.Namespace }}:{{ $sa.Name }}"{{ end }}]',
      '    } }',
      '  }]',
      '}',
    ].join('\n');

    it('{{ range }}, {{ if }} and {{ end }} are directives, and the separator a loop writes between items is not a JSON error', () => {
      const f = check(go, 'trust.json.tmpl');
      assert.deepEqual(severe(go, f), []);
      const meta = f.filter((x) => x.code === 'meta-template');
      assert.equal(meta.length, 1);
      assert.match(meta[0].message, /a Go template, not JSON until it is rendered/);
    });

    it('a leading comma with no directive before it is still a JSON error', () => {
      const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":[, "{{ .AccountID }}"]}}}]}';
      assert.ok(check(text, 'trust.json.tmpl').some((x) => x.code.startsWith('json-') && x.severity === 'error'));
    });
  });

  describe('a Statement that a template writes', () => {
    it('a statement written by an unquoted ${...} is not "the wrong type", and hides no lockout', () => {
      const text = [
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    ${root_statement},',
        '    { "Sid": "Trail", "Effect": "Allow", "Principal": { "Service": "cloudtrail.amazonaws.com" }, "Action": "kms:GenerateDataKey*", "Resource": "*" }',
        '  ]',
        '}',
      ].join('\n');
      assert.deepEqual(severe(text, check(text, 'kms-policy.json.tpl')), []);
    });

    it('a Statement that is one template value is accepted; a plain string is still the wrong type', () => {
      const templated = `{"Version":"2012-10-17","Id":"key-policy","Statement":"\${jsonencode(statements)}"}`;
      assert.deepEqual(check(templated, 'kms-policy.json.tpl').filter((x) => x.code === 'policy-value-type'), []);
      const plain = '{"Version":"2012-10-17","Id":"key-policy","Statement":"Allow everything"}';
      assert.deepEqual(shown(plain, check(plain, 'key-policy.json').filter((x) => x.code === 'policy-value-type')), ['error policy-value-type "Allow everything"']);
    });

    it('a Statement list that a Terraform function builds (concat of a list and a for expression) is not "the wrong type"', async () => {
      await getKmsLensService().prepareFormats(locateWasm);
      const tf = [
        'resource "aws_kms_key" "reports" {',
        '  policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = concat([',
        '      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::${local.account_id}:root" }, Action = "kms:*", Resource = "*" }',
        '    ], [for arn in local.readers : { Effect = "Allow", Principal = { AWS = arn }, Action = "kms:Decrypt", Resource = "*" }])',
        '  })',
        '}',
      ].join('\n');
      assert.deepEqual(severe(tf, check(tf, 'kms.tf')), []);
    });
  });

  describe('lockout with a principal from a variable', () => {
    it('no statement allows kms:PutKeyPolicy, whoever var.app_role_arn is: the lockout is reported', () => {
      const text = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'AppUse', Effect: 'Allow', Principal: { AWS: { Ref: 'AppRoleArn' } }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' }],
      }, null, 2);
      const f = check(text, 'key-policy.json').filter((x) => x.code === 'policy-lockout-risk');
      assert.deepEqual(f.map((x) => x.severity), ['warning']);
    });

    it('an unknown principal that is allowed kms:PutKeyPolicy may be the administrator: no lockout', () => {
      const text = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Admin', Effect: 'Allow', Principal: { AWS: { Ref: 'AdminRoleArn' } }, Action: 'kms:*', Resource: '*' }],
      }, null, 2);
      assert.deepEqual(check(text, 'key-policy.json').filter((x) => x.code === 'policy-lockout-risk'), []);
    });

    it('a statement hidden behind a Ref in the list may be the one that allows it: no lockout', () => {
      const text = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Ref: 'RootStatement' }, { Sid: 'AppUse', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::604729381156:role/app' }, Action: 'kms:Decrypt', Resource: '*' }],
      }, null, 2);
      assert.deepEqual(check(text, 'key-policy.json').filter((x) => x.code === 'policy-lockout-risk'), []);
    });
  });

  describe('EventBridge events that carry a CloudTrail record', () => {
    const detail = {
      eventVersion: '1.09',
      userIdentity: { type: 'AssumedRole', principalId: 'AROAY4C2N7Q1ZP3L6MN2C:batch', arn: 'arn:aws:sts::604729381156:assumed-role/reports-batch/batch', accountId: '604729381156' },
      eventTime: '2025-06-02T07:59:02Z',
      eventSource: 'kms.amazonaws.com',
      eventName: 'Decrypt',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '10.20.4.61',
      userAgent: 'aws-sdk-go-v2/1.30.3',
      errorCode: 'ThrottlingException',
      errorMessage: 'Rate exceeded',
      requestParameters: null,
      responseElements: null,
      requestID: '2f8d0b4a-6c1e-4a57-93d9-7e5b1c3a9f16',
      eventID: 'f6b2d4c8-0e5a-4fb7-83d9-4c6e2f8a0b51',
      readOnly: true,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '604729381156',
      eventCategory: 'Management',
    };
    const envelope = (detailType: string): string => JSON.stringify({
      version: '0', id: '6f1e3c5a-7b9d-4e20-8c4a-2d6f8b0e1c3a', 'detail-type': detailType, source: 'aws.kms', account: '604729381156',
      time: '2025-06-02T07:59:02Z', region: 'eu-west-1', resources: [], detail,
    }, null, 2);

    it('"AWS API Call via CloudTrail": the record in detail is read as a CloudTrail event, findings on its characters', () => {
      const text = envelope('AWS API Call via CloudTrail');
      const { model, findings } = analyze(text, { languageId: 'json', fileName: 'event.json' }, DEFAULT_SETTINGS);
      assert.equal(model.kind, 'cloudTrail');
      const failed = findings.filter((f) => f.code === 'ct-failed-call');
      assert.equal(failed.length, 1);
      assert.ok(failed[0].start > text.indexOf('"detail"'), 'the finding is inside detail');
    });

    it('another EventBridge event (a KMS rotation notice) stays unread', () => {
      const text = JSON.stringify({ version: '0', 'detail-type': 'KMS CMK Rotation', source: 'aws.kms', account: '604729381156', detail: { 'key-id': '3e9d6f1a-7c2b-4a85-b0e4-9f1c2d7a6b53' } });
      assert.equal(analyze(text, { languageId: 'json', fileName: 'event.json' }, DEFAULT_SETTINGS).model.kind, 'other');
    });
  });

  describe('what is about KMS in another kind of policy, with thousands of parts', () => {
    it('every misspelt kms: action of a queue policy is found, nested KMS conditions too, and nothing about SQS', () => {
      const actions = ['sqs:SendMessage', ...Array.from({ length: 3000 }, () => 'kms:Decrpyt')];
      const text = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'FromTopic', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: actions,
          Resource: 'arn:aws:sqs:eu-west-1:604729381156:orders',
          Condition: { StringEquals: { 'kms:ViaService': 'ebs.eu-west-1.amazonaws.com' }, ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:604729381156:orders' } },
        }],
      });
      const { model, findings } = analyze(text, { languageId: 'json', fileName: 'queue-policy.json' }, { ...DEFAULT_SETTINGS, maxFindings: 10_000 });
      assert.ok(model.kind !== 'keyPolicy', model.kind);
      const unknown = findings.filter((f) => f.code === 'policy-unknown-action');
      assert.equal(unknown.length, 3000);
      // The condition's value lies inside the condition operator's part: nested parts are found too.
      const via = findings.filter((f) => f.code === 'policy-via-service-unsupported');
      assert.deepEqual(via.map((f) => text.slice(f.start, f.end)), ['ebs']);
      assert.ok(!findings.some((f) => /sqs:|aws:SourceArn|arn:aws:sns/.test(text.slice(f.start, f.end))));
    });
  });

  describe('a CloudFront origin access identity as a principal', () => {
    const policy = (principal: string): string => JSON.stringify({
      Version: '2012-10-17',
      Statement: [JSON.parse(ROOT), { Sid: 'Oai', Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:Decrypt', Resource: '*' }],
    });

    it('is a principal, not "an account id that is not 12 digits"', () => {
      const text = policy('arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E3QF7KZ2M9XA1B');
      assert.deepEqual(severe(text, check(text, 'key-policy.json')), []);
    });

    it('another user in a named account is still reported', () => {
      const text = policy('arn:aws:iam::cloudfrnt:user/CloudFront Origin Access Identity E3QF7KZ2M9XA1B');
      assert.deepEqual(severe(text, check(text, 'key-policy.json')).map((x) => x.split(' ').slice(0, 2).join(' ')), ['error policy-principal-invalid']);
    });
  });

  describe('hovers and completions in a template, after its directives', () => {
    const tpl = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${account_id}:root" }, "Action": "kms:*", "Resource": "*" }%{ for arn in reader_arns },',
      '    { "Effect": "Allow", "Principal": { "AWS": ${jsonencode(arn)} }, "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*" }%{ endfor }',
      '  ]',
      '}',
    ].join('\n');
    const model = buildModel(tpl, { languageId: 'json', fileName: 'reader-key-policy.json.tpl' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const at = tpl.indexOf('kms:DescribeKey') + 5;

    it('a completion replaces the string under the cursor, on the template\'s own characters', () => {
      const items = getKmsLensService().complete(model, at) ?? [];
      assert.ok(items.length > 0);
      assert.ok(items.every((i) => tpl.slice(i.start, i.end) === '"kms:DescribeKey"'), JSON.stringify(items.slice(0, 2).map((i) => tpl.slice(i.start, i.end))));
    });

    it('a hover explains the action under the cursor', () => {
      const h = getKmsLensService().hover(model, at);
      assert.ok(h);
      assert.equal(tpl.slice(h.start, h.end), '"kms:DescribeKey"');
    });
  });
});

function checkAs(text: string, fileName: string, languageId: string): Finding[] {
  return analyze(text, { languageId, fileName }, DEFAULT_SETTINGS).findings;
}

describe('real-world shapes (fourth pass): policies held as strings in YAML and JSON', () => {
  const keyPolicy = (extra: string): string => `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::730215948862:root"}, "Action": "kms:*", "Resource": "*"},
    ${extra}
  ]
}`;
  const indent = (text: string, n: number): string => text.split('\n').map((l) => ' '.repeat(n) + l).join('\n');

  describe('Kubernetes manifests', () => {
    it('a Crossplane Key: findings of its `policy: |` block scalar on the manifest\'s characters', () => {
      const text = `apiVersion: kms.aws.upbound.io/v1beta1
kind: Key
metadata:
  name: k
spec:
  forProvider:
    policy: |
${indent(keyPolicy('{"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::730215948862:role/app"}, "Action": "kms:Decrpyt", "Resource": "*"}'), 6)}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  policy: '{"Statement": [{"Effect": "Allow", "Action": "kms:Decrpyt", "Resource": "*"}]}'
`;
      const f = checkAs(text, 'key.yaml', 'yaml');
      assert.deepEqual(severe(text, f), ['error policy-unknown-action Decrpyt']);
      // The ConfigMap's string is no key's policy: its same typo is not reported.
      assert.ok(f.every((x) => x.start < text.indexOf('kind: ConfigMap')));
    });

    it('an ACK Key with a one-line quoted policy; a value that is one Helm expression is quiet', () => {
      const text = `apiVersion: kms.services.k8s.aws/v1alpha1
kind: Key
metadata:
  name: a
spec:
  policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::730215948862:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}]}'
---
apiVersion: kms.services.k8s.aws/v1alpha1
kind: Key
metadata:
  name: b
spec:
  policy: "{{ .Values.keyPolicy | toJson }}"
`;
      assert.deepEqual(severe(text, checkAs(text, 'keys.yaml', 'yaml')), ['warning policy-public-principal "*"']);
    });

    it('a Helm template that starts with a directive is read as YAML; its placeholders are information at most', () => {
      const text = `{{- if .Values.key.create }}
apiVersion: kms.services.k8s.aws/v1alpha1
kind: Key
metadata:
  name: {{ include "app.fullname" . }}
spec:
  policy: |
${indent(keyPolicy('{"Sid": "App", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{ .Values.accountId }}:role/{{ .Values.role }}"}, "Action": ["kms:Decrypt"], "Resource": "*"}'), 4)}
{{- end }}
`;
      const model = buildModel(text, { languageId: 'yaml', fileName: 'templates/key.yaml' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      assert.equal(model.kind, 'configuration');
      assert.deepEqual(severe(text, checkAs(text, 'templates/key.yaml', 'yaml')), []);
    });

    it('other YAML (a Deployment, a workflow that runs aws kms) stays not ours', () => {
      const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          env:\n            - name: POLICY\n              value: \'{"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}\'\n';
      assert.equal(buildModel(deployment, { languageId: 'yaml', fileName: 'deploy.yaml' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other');
    });
  });

  describe('Ansible tasks', () => {
    it('kms_key with a YAML mapping policy: findings on the YAML; lookups and variables are quiet', () => {
      const text = `- name: key from a file
  amazon.aws.kms_key:
    alias: alias/a
    policy: "{{ lookup('file', 'key-policy.json') }}"
- name: tasks in a block
  block:
    - name: key written here
      kms_key:
        alias: alias/b
        policy:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal:
                AWS: "arn:aws:iam::{{ account_id }}:root"
              Action: "kms:*"
              Resource: "*"
            - Effect: Allow
              Principal:
                AWS: "*"
              Action: kms:Decrypt
              Resource: "*"
`;
      assert.deepEqual(severe(text, checkAs(text, 'tasks/main.yml', 'yaml')), ['warning policy-public-principal "*"']);
    });
  });

  describe('AWS Config configuration items', () => {
    const item = (policy: string): unknown => ({ resourceType: 'AWS::KMS::Key', resourceId: '8b2f4c61-0e9a-4d37-b5c8-2a7e1f9d3c40', supplementaryConfiguration: { KeyRotationStatus: 'true', KeyPolicy: policy } });

    it('get-resource-config-history: the KeyPolicy string is a key policy, with findings on its characters', () => {
      const text = JSON.stringify({ configurationItems: [item(keyPolicy('{"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::730215948862:role/app"}, "Action": "kms:Decrpyt", "Resource": "*"}'))] }, null, 2);
      assert.deepEqual(severe(text, check(text, 'history.json')), ['error policy-unknown-action Decrpyt']);
    });

    it('a configuration item of another resource type, or without a key policy, is not ours', () => {
      const other = JSON.stringify({ configurationItems: [{ resourceType: 'AWS::EC2::Instance', supplementaryConfiguration: {} }, { resourceType: 'AWS::KMS::Key', supplementaryConfiguration: { KeyRotationStatus: 'false' } }] });
      assert.equal(buildModel(other, { languageId: 'json', fileName: 'h.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other');
    });
  });
});

describe('real-world shapes (seventh pass): AWS CLI output printed with --output yaml', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::604172839550:root' }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Partners', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
    ],
  }, null, 2);

  it('get-key-policy --output yaml: the Policy string is a key policy, with findings on its characters', () => {
    const text = `Policy: ${JSON.stringify(policy)}\nPolicyName: default\n`;
    assert.deepEqual(severe(text, checkAs(text, 'key-policy.yaml', 'yaml')), ['warning policy-public-principal \\"*\\"']);
    const model = buildModel(text, { languageId: 'yaml', fileName: 'key-policy.yaml' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(describeReading(model), 'aws kms get-key-policy output (YAML) with a KMS key policy');
  });

  it('get-role-policy --output yaml: the PolicyDocument mapping is an identity policy', () => {
    const text = [
      'PolicyDocument:',
      '  Version: \'2012-10-17\'',
      '  Statement:',
      '  - Effect: Allow',
      '    Action: kms:Decrpyt',
      '    Resource: \'*\'',
      'PolicyName: decrypt',
      'RoleName: app',
      '',
    ].join('\n');
    assert.deepEqual(severe(text, checkAs(text, 'role-policy.yaml', 'yaml')), ['error policy-unknown-action Decrpyt']);
  });

  it('other YAML with a Policy member (a Helm value, a Policy string alone) is not ours', () => {
    for (const text of [`Policy: ${JSON.stringify(policy)}\n`, 'Policy: retain\nPolicyName: default\n']) {
      assert.equal(buildModel(text, { languageId: 'yaml', fileName: 'x.yaml' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other', text);
    }
  });

  it('describe-key --output yaml holds no policy: it is read as key facts (cliYamlKeyOutputs.test.ts), never as one', () => {
    const text = 'KeyMetadata:\n  KeyId: 1234abcd-12ab-34cd-56ef-1234567890ab\n';
    assert.equal(buildModel(text, { languageId: 'yaml', fileName: 'x.yaml' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'kmsOutput');
  });
});

describe('real-world shapes (fourth pass): what kms-lens check DIR takes and says', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-walk-'));
    const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::<%= @account_id %>:root"}, "Action": "kms:Decrpyt", "Resource": "*"}]\n}\n';
    fs.writeFileSync(path.join(dir, 'key_policy.json.erb'), policy);
    fs.writeFileSync(path.join(dir, 'trust.json.tmpl'), '{"Version": "2012-10-17", "Statement": [{{ range $i, $a := .Accounts }}{{ if $i }},{{ end }}{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{ $a }}:root"}, "Action": "sts:AssumeRole"}{{ end }}]}\n');
    // Templates of everything else a repository holds: a Rails view, an nginx configuration, a Helm helper.
    fs.writeFileSync(path.join(dir, 'show.html.erb'), '<h1><%= @key.alias %></h1>\n<p>Rotation: <%= @key.rotation ? "on" : "off" %></p>\n');
    fs.writeFileSync(path.join(dir, 'nginx.conf.j2'), 'server {\n  listen {{ port }};\n  location / { proxy_pass {{ upstream }}; }\n}\n');
    fs.writeFileSync(path.join(dir, '_helpers.tpl'), '{{- define "app.name" -}}\n{{ .Chart.Name }}\n{{- end }}\n');
    fs.writeFileSync(path.join(dir, 'big-policy.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(1_100_000), Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::730215948862:root' }, Action: 'kms:*', Resource: '*' }] }));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes .erb and .tmpl policy templates, and passes over templates that are not policies without a word', () => {
    const r = runCli(['check', '--max-file-size', '1', path.join(dir, 'key_policy.json.erb'), dir]);
    assert.match(r.stdout, /key_policy\.json\.erb:\d+:\d+ error policy-unknown-action/);
    assert.match(r.stdout, /trust\.json\.tmpl: read as/);
    for (const other of ['show.html.erb', 'nginx.conf.j2', '_helpers.tpl']) {
      assert.ok(!r.stdout.includes(other) && !r.stderr.includes(other), `${other} should not be mentioned`);
    }
  });

  it('says how many files a limit kept from being analysed, instead of "in 0 files" alone', () => {
    const r = runCli(['check', '--max-file-size', '1', path.join(dir, 'big-policy.json')]);
    assert.match(r.stdout, /in 0 files; 1 file not analysed \(over a limit, see below\)/);
    assert.equal(r.code, 2);
    const both = runCli(['check', '--max-file-size', '1', path.join(dir, 'big-policy.json'), path.join(dir, 'trust.json.tmpl')]);
    assert.match(both.stdout, /in 1 file; 1 file not analysed/);
    const fine = runCli(['check', path.join(dir, 'trust.json.tmpl')]);
    assert.match(fine.stdout, /in 1 file\n$/);
  });
});

describe('real-world shapes (fourth pass): an alias where S3 asks for the key ARN', () => {
  const bucketPolicy = (operator: string, value: unknown): string => JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'OnlyOurKey', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads-520193847261/*', Condition: { [operator]: { 's3:x-amz-server-side-encryption-aws-kms-key-id': value } } }],
  }, null, 2);
  const aliasFindings = (text: string): string[] => shown(text, check(text, 'bucket-policy.json').filter((f) => f.code === 'policy-s3-kms-key-id-alias'));

  it('an alias ARN or an alias name is a warning on the value, citing the S3 User Guide', () => {
    const arn = bucketPolicy('StringNotEqualsIfExists', 'arn:aws:kms:ca-central-1:520193847261:alias/uploads');
    assert.deepEqual(aliasFindings(arn), ['warning policy-s3-kms-key-id-alias arn:aws:kms:ca-central-1:520193847261:alias/uploads']);
    const f = check(arn, 'bucket-policy.json').find((x) => x.code === 'policy-s3-kms-key-id-alias');
    assert.match(f!.message, /S3 User Guide requires the key ARN/);
    const names = bucketPolicy('StringNotEquals', ['alias/uploads', 'arn:aws:kms:ca-central-1:520193847261:key/5d1e7a90-3c2b-4f68-9a41-b07e2c8d1f36']);
    assert.deepEqual(aliasFindings(names), ['warning policy-s3-kms-key-id-alias alias/uploads']);
  });

  it('a key ARN, a template variable, or an alias under another condition key is quiet', () => {
    assert.deepEqual(aliasFindings(bucketPolicy('StringNotEquals', 'arn:aws:kms:ca-central-1:520193847261:key/5d1e7a90-3c2b-4f68-9a41-b07e2c8d1f36')), []);
    assert.deepEqual(aliasFindings(bucketPolicy('StringNotEquals', '${kms_key_arn}')), []);
    const requestAlias = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:RequestAlias': 'alias/uploads' } } }] });
    assert.deepEqual(aliasFindings(requestAlias), []);
  });
});
