/**
 * AWS CLI outputs (issue 11 point 4), on the samples in samples/cli/ that a
 * user fetches with the CLI: the policy printed as a string by get-key-policy
 * (and Lambda, SQS) gets its findings, hovers and quick fixes on the characters
 * inside the string; the CloudTrailEvent strings of lookup-events are events
 * with their rules, hovers and grants; describe-key, get-key-rotation-status
 * and list-aliases give keys their state, rotation and alias names.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, applyEdits, buildGrantsModel, buildModel, DEFAULT_SETTINGS, describeReading, fixAll, type Finding } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { runCli } from './helpers';
import { source } from './grantsHelpers';

const SAMPLES = path.resolve(__dirname, '..', '..', '..', 'samples', 'cli');
const KEY_ARN = 'arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

function sample(name: string): string {
  return fs.readFileSync(path.join(SAMPLES, name), 'utf8');
}

function run(name: string, text = sample(name)): { text: string; findings: Finding[]; reading: string; model: ReturnType<typeof analyze>['model'] } {
  const { model, findings } = analyze(text, { languageId: 'json', fileName: name }, DEFAULT_SETTINGS);
  return { text, findings, reading: describeReading(model), model };
}

describe('AWS CLI outputs: get-key-policy --output text without --query', () => {
  // The policy, then a tab and its name, as the AWS CLI prints {"Policy", "PolicyName"} in text (CRLF on Windows).
  const POLICY = '{\n  "Version" : "2012-10-17",\n  "Statement" : [ {\n    "Sid" : "Enable IAM User Permissions",\n    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::482913650217:root"\n    },\n    "Action" : "kms:*",\n    "Resource" : "*"\n  }, {\n    "Sid" : "AllowRekognition",\n    "Effect" : "Allow",\n    "Principal" : {\n      "Service" : "rekognition.amazonaws.com"\n    },\n    "Action" : [ "kms:Decrypt", "kms:GenerateDataKey" ],\n    "Resource" : "*",\n    "Condition" : {\n      "StringEquals" : {\n        "aws:SourceAccount" : "482913650217"\n      }\n    }\n  } ]\n}';

  for (const end of ['\tdefault\n', '\tdefault\r\n', '\tdefault']) {
    it(`reads the key policy before ${JSON.stringify(end)}, says once that the name follows it, and fixes that alone`, () => {
      const text = POLICY + end;
      const { model, findings } = run('key-policy.json', text);
      assert.equal(model.kind, 'keyPolicy');
      assert.equal(model.policy?.decision.certain, true);
      assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['meta-key-policy-text-output', 'information']]);
      assert.equal(text.slice(findings[0].start, findings[0].end), '\tdefault');
      const fixed = fixAll(text, { languageId: 'json', fileName: 'key-policy.json' }, DEFAULT_SETTINGS).text;
      assert.equal(fixed, POLICY + end.replace('\tdefault', ''));
    });
  }

  it('the policy is still checked: a misspelt action in it is found', () => {
    const { findings } = run('key-policy.json', POLICY.replace('"kms:Decrypt"', '"kms:Decrpyt"') + '\tdefault\n');
    assert.deepEqual(findings.map((f) => f.code).sort(), ['meta-key-policy-text-output', 'policy-unknown-action']);
  });

  it('other text after a policy is still a JSON error', () => {
    const { findings } = run('key-policy.json', POLICY + '\tcustom\n');
    assert.ok(findings.some((f) => f.code === 'json-syntax' && f.severity === 'error'), JSON.stringify(findings));
  });
});

describe('AWS CLI outputs: get-key-policy', () => {
  it('reads the Policy string as a key policy, for sure, and says so', () => {
    const { model, reading } = run('get-key-policy.json');
    assert.equal(model.kind, 'keyPolicy');
    assert.equal(model.policy?.decision.certain, true);
    assert.equal(model.policy?.decision.source, 'cli');
    assert.equal(reading, 'a KMS key policy in the Policy string of aws kms get-key-policy output');
  });

  it('puts the misspelt action on its characters inside the escaped string, and its fix keeps the output valid', () => {
    const { text, findings } = run('get-key-policy.json');
    assert.deepEqual(findings.map((f) => f.code), ['policy-unknown-action']);
    const [f] = findings;
    // On the misspelt part, inside the escaped string (the policy's own quotes are \" there).
    assert.equal(text.slice(f.start, f.end), 'Decrpyt');
    assert.equal(f.start, text.indexOf('\\"kms:Decrpyt\\"') + '\\"kms:'.length);
    const fix = f.fixes?.find((x) => x.title.includes('kms:Decrypt'));
    assert.ok(fix, JSON.stringify(f.fixes?.map((x) => x.title)));
    const fixed = applyEdits(text, fix.edits);
    const output = JSON.parse(fixed) as { Policy: string; PolicyName: string };
    assert.equal(output.PolicyName, 'default');
    const policy = JSON.parse(output.Policy) as { Statement: Array<{ Action: string[] }> };
    assert.deepEqual(policy.Statement[2].Action, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
    assert.deepEqual(run('get-key-policy.json', fixed).findings, []);
  });

  it('a JSON error inside the string is reported on its characters, and the rest of the policy is still checked', () => {
    const text = sample('get-key-policy.json').replace('\\"Resource\\": \\"*\\"\\n        },\\n        {\\n            \\"Sid\\": \\"Allow key administrators', '\\"Resource\\": \\"*\\"\\n        }\\n        {\\n            \\"Sid\\": \\"Allow key administrators');
    assert.notEqual(text, sample('get-key-policy.json'));
    const { findings } = run('get-key-policy.json', text);
    const missing = findings.find((f) => f.code === 'policy-string-syntax');
    assert.ok(missing, JSON.stringify(findings.map((f) => f.code)));
    assert.ok(missing.start > text.indexOf('"Policy"') && missing.end < text.indexOf('"PolicyName"'), 'inside the Policy string');
    assert.ok(findings.some((f) => f.code === 'policy-unknown-action' && text.slice(f.start, f.end) === 'Decrpyt'));
  });

  it('hovers on an action inside the string, and on the first brace says what the document was read as', () => {
    const { text, model } = run('get-key-policy.json');
    const at = text.indexOf('kms:GenerateDataKey*');
    const hover = hoverAt(model, at + 5);
    assert.ok(hover, 'a hover on kms:GenerateDataKey*');
    assert.match(hover.markdown, /GenerateDataKey/);
    assert.ok(hover.start <= at && hover.end >= at + 'kms:GenerateDataKey*'.length, 'on the action\'s characters');
    assert.match(hoverAt(model, 0)?.markdown ?? '', /Policy string of aws kms get-key-policy output/);
  });

  it('a policy string without PolicyName (S3 get-bucket-policy) is read by its content', () => {
    const bucket = JSON.stringify({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::payments-uploads/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': KEY_ARN } } }] }) });
    const { model, findings } = run('bucket-policy.json', bucket);
    assert.equal(model.kind, 'resourcePolicy');
    assert.deepEqual(findings, []);
  });
});

describe('AWS CLI outputs: policies of other services', () => {
  it('Lambda get-policy is a Lambda function policy, and a fine one raises nothing', () => {
    const { model, findings, reading } = run('lambda-get-policy.json');
    assert.equal(model.kind, 'resourcePolicy');
    assert.equal(model.policy?.decision.service, 'lambda');
    assert.equal(reading, 'a Lambda function policy in the Policy string of aws lambda get-policy output');
    assert.deepEqual(findings, []);
  });

  it('SQS get-queue-attributes: the queue policy\'s kms: actions are reported on their characters', () => {
    const { text, model, findings } = run('sqs-get-queue-attributes.json');
    assert.equal(model.kind, 'resourcePolicy');
    assert.deepEqual(model.policy?.path, ['Attributes', 'Policy']);
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['policy-kms-action-in-resource-policy', '\\"kms:GenerateDataKey\\"']]);
  });
});

describe('AWS CLI outputs: lookup-events', () => {
  it('reads every CloudTrailEvent string as an event, with its rules on the string\'s characters', () => {
    const { text, model, findings } = run('lookup-events.json');
    assert.equal(model.kind, 'cloudTrail');
    assert.equal(model.records.length, 3);
    assert.ok(model.records.every((r) => r.inString));
    const refused = findings.find((f) => f.code === 'lifecycle-use-after-disable');
    assert.ok(refused, JSON.stringify(findings.map((f) => f.code)));
    // On the refused event's name, inside its CloudTrailEvent string (the first event: lookup-events prints newest first).
    assert.equal(text.slice(refused.start, refused.end), '\\"Decrypt\\"');
    const decryptString = model.records[0];
    assert.ok(refused.start > decryptString.start && refused.end < decryptString.end);
    assert.ok(findings.every((f) => f.severity !== 'error'), 'real output: no error');
  });

  it('hovers inside an event string, and summarises the event on its opening brace', () => {
    const { text, model } = run('lookup-events.json');
    const record = model.records[2];
    const brace = text.indexOf('{', record.start);
    assert.match(hoverAt(model, brace)?.markdown ?? '', /asked KMS to create a grant letting arn:aws:iam::482913650217:role\/payments-batch use key/);
    const op = text.indexOf('\\"GenerateDataKey\\"', record.start);
    const hover = hoverAt(model, op + 4);
    assert.ok(hover && hover.start <= op + 2 && hover.end >= op + 2 + 'GenerateDataKey'.length, JSON.stringify(hover));
  });

  it('feeds the grants and the key lifecycle', () => {
    const m = buildGrantsModel([source('lookup-events.json', sample('lookup-events.json'))]);
    const key = m.keys.find((k) => k.key.identity.includes('5f1c2d3e'));
    assert.ok(key);
    assert.deepEqual(key.grants.map((g) => [g.grantId.slice(0, 8), g.status, g.operations]), [['7e3d1a2b', 'active', ['Decrypt', 'GenerateDataKey']]]);
    assert.equal(key.lifecycle?.state, 'Disabled');
    assert.deepEqual(key.lifecycle?.refused.map((e) => e.errorCode), ['DisabledException']);
  });

  it('an array of event strings (--query "Events[].CloudTrailEvent") is read the same way', () => {
    const events = (JSON.parse(sample('lookup-events.json')) as { Events: Array<{ CloudTrailEvent: string }> }).Events.map((e) => e.CloudTrailEvent);
    const { model, findings } = run('events.json', JSON.stringify(events, null, 2));
    assert.equal(model.kind, 'cloudTrail');
    assert.equal(model.records.length, 3);
    assert.ok(findings.some((f) => f.code === 'lifecycle-use-after-disable'));
  });
});

describe('AWS CLI outputs: describe-key, get-key-rotation-status, list-aliases', () => {
  it('raise nothing on their own', () => {
    for (const name of ['describe-key.json', 'get-key-rotation-status.json', 'list-aliases.json']) {
      const { model, findings, reading } = run(name);
      assert.equal(model.kind, 'kmsOutput', name);
      assert.deepEqual(findings, [], name);
      assert.equal(reading, `aws kms ${name.replace('.json', '')} output`);
    }
  });

  it('give the key its state, rotation and alias, after the events of the logs', () => {
    const m = buildGrantsModel(['lookup-events.json', 'describe-key.json', 'get-key-rotation-status.json', 'list-aliases.json'].map((n) => source(n, sample(n))));
    const key = m.keys.find((k) => k.key.identity.includes('5f1c2d3e'));
    assert.ok(key);
    assert.deepEqual(key.key.aliases, ['alias/payments-archive']);
    // describe-key is read as later than every logged event: PendingDeletion, not the logged Disabled.
    assert.equal(key.lifecycle?.state, 'PendingDeletion');
    assert.equal(key.lifecycle?.deletion?.deletionDate, '2024-06-17T09:15:00Z');
    assert.equal(key.lifecycle?.rotation.enabled, true);
    assert.equal(key.lifecycle?.rotation.nextRotation, '2025-03-01T10:00:00+00:00');
  });

  it('kms-lens grants --format json lists a key known only from describe-key, with its state', () => {
    const r = runCli(['grants', '--format', 'json', path.join(SAMPLES, 'describe-key.json'), path.join(SAMPLES, 'list-aliases.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as { keys: Array<Record<string, unknown>> };
    const key = out.keys.find((k) => k.keyArn === KEY_ARN);
    assert.ok(key, r.stdout);
    assert.equal(key.state, 'PendingDeletion');
    assert.deepEqual(key.aliases, ['alias/payments-archive']);
    assert.deepEqual((key.metadata as Record<string, unknown>).keyManager, 'CUSTOMER');
    assert.deepEqual(key.grants, []);
  });

  it('describe-key outputs appended one after another are each read, and the file says so once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-cli-'));
    const other = sample('describe-key.json').replaceAll('5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', '0b1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f').replace('"PendingDeletion"', '"Enabled"');
    const file = path.join(dir, 'keys.json');
    fs.writeFileSync(file, sample('describe-key.json') + other);
    const { model, findings } = run('keys.json', fs.readFileSync(file, 'utf8'));
    assert.equal(model.kind, 'kmsOutput');
    assert.equal(model.records.length, 2);
    assert.deepEqual(findings.map((f) => f.code), ['meta-concatenated-documents']);
    const r = runCli(['grants', '--format', 'json', file]);
    const states = (JSON.parse(r.stdout) as { keys: Array<{ state: string }> }).keys.map((k) => k.state).sort();
    assert.deepEqual(states, ['Enabled', 'PendingDeletion']);
    fs.rmSync(dir, { recursive: true });
  });

  it('fix-all leaves AWS CLI output it has nothing to repair unchanged', () => {
    for (const name of ['describe-key.json', 'lookup-events.json', 'lambda-get-policy.json']) {
      const text = sample(name);
      assert.equal(fixAll(text, { languageId: 'json', fileName: name }, DEFAULT_SETTINGS).text, text, name);
    }
  });
});

describe('AWS CLI outputs: IAM policies printed as objects', () => {
  const rolePolicy = (actions: string[]): string => `{
    "RoleName": "orders-api",
    "PolicyName": "orders-kms",
    "PolicyDocument": {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ${JSON.stringify(actions)},
                "Resource": "arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
            }
        ]
    }
}
`;

  it('get-role-policy: the PolicyDocument is an inline identity policy, checked on its own characters', () => {
    const text = rolePolicy(['kms:Decrypt', 'kms:GenerateDataKeys']);
    const { model, findings, reading } = run('role-policy.json', text);
    assert.equal(model.kind, 'identityPolicy');
    assert.equal(model.policy?.decision.source, 'cli');
    assert.equal(reading, 'an IAM identity policy or permissions boundary in the PolicyDocument member of aws iam get-role-policy output');
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['policy-unknown-action', 'GenerateDataKeys']]);
    const fix = findings[0].fixes?.find((x) => x.title.includes('kms:GenerateDataKey'));
    assert.ok(fix);
    const fixed = JSON.parse(applyEdits(text, fix.edits)) as { RoleName: string; PolicyDocument: { Statement: Array<{ Action: string[] }> } };
    assert.equal(fixed.RoleName, 'orders-api');
    assert.deepEqual(fixed.PolicyDocument.Statement[0].Action, ['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  it('get-role-policy of a fine policy, get-policy-version and get-role raise nothing, and say what they were read as', () => {
    assert.deepEqual(run('role-policy.json', rolePolicy(['kms:Decrypt', 'kms:GenerateDataKey'])).findings, []);
    const version = `{"PolicyVersion": {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"}]}, "VersionId": "v3", "IsDefaultVersion": true}}`;
    const v = run('version.json', version);
    assert.equal(v.reading, 'an IAM identity policy or permissions boundary in the PolicyVersion.Document member of aws iam get-policy-version output');
    assert.deepEqual(v.findings, []);
    const role = `{"Role": {"Path": "/", "RoleName": "orders-api", "Arn": "arn:aws:iam::482913650217:role/orders-api", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}, "MaxSessionDuration": 3600}}`;
    const r = run('role.json', role);
    assert.equal(r.model.kind, 'trustPolicy');
    assert.deepEqual(r.findings, []);
  });

  it('an object that only looks like one (no owner name) is not read as IAM output', () => {
    const { model } = run('other.json', `{"PolicyName": "x", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}}`);
    assert.notEqual(model.policy?.decision.source, 'cli');
  });
});

describe('AWS CLI outputs: CloudWatch Logs events of a trail', () => {
  /** What `aws logs filter-log-events` prints for a trail that sends to a log group: one event per message, plus `extra` messages. */
  function logEvents(extra: string[] = []): string {
    const events = (JSON.parse(sample('lookup-events.json')) as { Events: Array<{ CloudTrailEvent: string }> }).Events.map((e) => e.CloudTrailEvent);
    const messages = [...events, ...extra];
    return JSON.stringify({
      events: messages.map((message, i) => ({ logStreamName: '482913650217_CloudTrail_eu-west-1', timestamp: 1767225600000 + i, message, ingestionTime: 1767225605000 + i, eventId: `3812345678901234567890123456789012345678901234567890123${i}` })),
      searchedLogStreams: [],
    }, null, 4);
  }

  it('reads each message of filter-log-events as an event, with its rules on the message\'s characters', () => {
    const text = logEvents();
    const { model, findings, reading } = run('log-events.json', text);
    assert.equal(model.kind, 'cloudTrail');
    assert.equal(reading, 'aws logs filter-log-events output: CloudTrail events (3)');
    assert.ok(model.records.every((r) => r.inString));
    const refused = findings.find((f) => f.code === 'lifecycle-use-after-disable');
    assert.ok(refused, JSON.stringify(findings.map((f) => f.code)));
    assert.equal(text.slice(refused.start, refused.end), '\\"Decrypt\\"');
    assert.ok(refused.start > model.records[0].start && refused.end < model.records[0].end);
  });

  it('skips the lines of the log group that are not JSON, and reads big outputs (the streaming path) the same way', () => {
    const text = logEvents(['START RequestId: 1f2e3d4c Version: $LATEST', '']);
    const small = run('log-events.json', text);
    assert.equal(small.model.records.length, 3);
    const big = buildModel(text, { languageId: 'json', fileName: 'log-events.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 0 });
    assert.equal(big.kind, 'cloudTrail');
    assert.deepEqual(big.records.map((r) => [r.start, r.end]), small.model.records.map((r) => [r.start, r.end]));
  });

  it('feeds the grants and the key lifecycle', () => {
    const m = buildGrantsModel([source('log-events.json', logEvents())]);
    const key = m.keys.find((k) => k.key.identity.includes('5f1c2d3e'));
    assert.deepEqual(key?.grants.map((g) => [g.grantId.slice(0, 8), g.status]), [['7e3d1a2b', 'active']]);
  });

  it('near miss: a log group of application logs (JSON messages that are not CloudTrail events) is not read as events', () => {
    const text = JSON.stringify({ events: [{ timestamp: 1, message: '{"level":"info","msg":"started"}', ingestionTime: 2 }], nextForwardToken: 'f/1', nextBackwardToken: 'b/1' });
    assert.notEqual(run('app-logs.json', text).model.kind, 'cloudTrail');
  });
});

describe('CloudWatch Logs subscription payloads of a trail (what a subscribed Lambda function receives)', () => {
  /** `awslogs.data` decoded: one CloudTrail event per message, plus `extra` messages. */
  function payload(extra: string[] = [], messageType = 'DATA_MESSAGE'): string {
    const events = (JSON.parse(sample('lookup-events.json')) as { Events: Array<{ CloudTrailEvent: string }> }).Events.map((e) => e.CloudTrailEvent);
    return JSON.stringify({
      messageType,
      owner: '482913650217',
      logGroup: 'aws-cloudtrail-logs-482913650217',
      logStream: '482913650217_CloudTrail_eu-west-1',
      subscriptionFilters: ['to-security-lambda'],
      logEvents: [...events, ...extra].map((message, i) => ({ id: `3812345678901234567890123456789012345678901234567890123${i}`, timestamp: 1767225600000 + i, message })),
    }, null, 2);
  }

  it('reads each message as an event, says what it read, and feeds the grants', () => {
    const text = payload(['not json']);
    const { model, findings, reading } = run('subscription-event.json', text);
    assert.equal(model.kind, 'cloudTrail');
    assert.equal(reading, 'a CloudWatch Logs subscription payload: CloudTrail events (3)');
    assert.equal(model.records.length, 3);
    assert.ok(model.records.every((r) => r.inString));
    assert.ok(findings.some((f) => f.code === 'lifecycle-use-after-disable'), JSON.stringify(findings.map((f) => f.code)));
    const key = buildGrantsModel([source('subscription-event.json', text)]).keys.find((k) => k.key.identity.includes('5f1c2d3e'));
    assert.deepEqual(key?.grants.map((g) => [g.grantId.slice(0, 8), g.status]), [['7e3d1a2b', 'active']]);
    const big = buildModel(text, { languageId: 'json', fileName: 'subscription-event.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 0 });
    assert.deepEqual(big.records.map((r) => [r.start, r.end]), model.records.map((r) => [r.start, r.end]));
  });

  it('near miss: a payload of application logs, or a CONTROL_MESSAGE, is not read as events', () => {
    const apps = JSON.stringify({ messageType: 'DATA_MESSAGE', owner: '482913650217', logGroup: '/aws/lambda/app', logStream: 's', subscriptionFilters: ['f'], logEvents: [{ id: '1', timestamp: 1, message: '{"level":"info","msg":"started"}' }] });
    assert.notEqual(run('app-logs.json', apps).model.kind, 'cloudTrail');
    assert.notEqual(run('control.json', payload([], 'CONTROL_MESSAGE')).model.kind, 'cloudTrail');
  });
});

describe('AWS CLI outputs: aws iam get-account-authorization-details', () => {
  const KEY = 'arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
  /** The output's shape, with the policies about KMS given; AWS managed policies without kms: beside them. */
  function details(roleActions: string[], oldVersionAction = 'kms:Decrypt'): string {
    return JSON.stringify({
      UserDetailList: [{ UserName: 'ci', UserId: 'AIDAEXAMPLEUSERID1234', Arn: 'arn:aws:iam::482913650217:user/ci', GroupList: ['deployers'], AttachedManagedPolicies: [], UserPolicyList: [{ PolicyName: 's3', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::artifacts/*' }] } }] }],
      GroupDetailList: [{ GroupName: 'deployers', GroupId: 'AGPAEXAMPLEGROUPID12', Arn: 'arn:aws:iam::482913650217:group/deployers', GroupPolicyList: [], AttachedManagedPolicies: [] }],
      RoleDetailList: [{
        RoleName: 'orders-api', RoleId: 'AROAEXAMPLEROLEID123', Arn: 'arn:aws:iam::482913650217:role/orders-api',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        RolePolicyList: [{ PolicyName: 'orders-kms', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: roleActions, Resource: KEY }] } }],
        AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      }],
      Policies: [
        { PolicyName: 'AdministratorAccess', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess', DefaultVersionId: 'v1', PolicyVersionList: [{ Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, VersionId: 'v1', IsDefaultVersion: true }] },
        { PolicyName: 'reports-kms', Arn: 'arn:aws:iam::482913650217:policy/reports-kms', DefaultVersionId: 'v2', PolicyVersionList: [
          { Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }] }, VersionId: 'v2', IsDefaultVersion: true },
          { Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: oldVersionAction, Resource: KEY }] }, VersionId: 'v1', IsDefaultVersion: false },
        ] },
      ],
      IsTruncated: false,
    }, null, 4);
  }

  it('checks the policies about KMS in it, each where it is, and says what it read', () => {
    const text = details(['kms:Decrypt', 'kms:GenerateDataKeys']);
    const { model, findings, reading } = run('authorization-details.json', text);
    assert.equal(model.kind, 'iamOutput');
    assert.equal(reading, 'aws iam get-account-authorization-details output, with 2 policies about KMS');
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['policy-unknown-action', 'GenerateDataKeys']]);
    const hover = hoverAt(model, text.indexOf('"kms:Decrypt"') + 3);
    assert.match(hover?.markdown ?? '', /Decrypt/);
  });

  it('a fine output raises nothing; the versions not in force and policies not about KMS are not read', () => {
    const { findings } = run('authorization-details.json', details(['kms:Decrypt'], 'kms:Decrpyt'));
    assert.deepEqual(findings, []);
  });

  it('near miss: an output whose policies are not about KMS is not analysed', () => {
    const text = details(['kms:Decrypt']).replaceAll('kms:Decrypt', 's3:GetObject').replaceAll(KEY, 'arn:aws:s3:::reports/*');
    assert.equal(run('authorization-details.json', text).model.kind, 'other');
  });

  it('over the size of a tree (several MB in a big account), the policies are still read', () => {
    const text = details(['kms:Decrypt', 'kms:GenerateDataKeys']);
    const model = buildModel(text, { languageId: 'json', fileName: 'authorization-details.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 100 });
    assert.equal(model.kind, 'iamOutput');
    assert.ok(model.root, 'the tree is built for the policies');
  });
});
