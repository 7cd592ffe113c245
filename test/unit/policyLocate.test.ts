/**
 * Where policies live: standalone files, CloudFormation JSON templates
 * (KeyPolicy, PolicyDocument) and the escaped `policy` string of PutKeyPolicy
 * events, whose findings and fixes are mapped back to the string's characters.
 */
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, buildModel, DEFAULT_SETTINGS, fixAll } from '../../src/core';
import { decodeJsonString, encodeJsonStringContent } from '../../src/core/policy/jsonString';
import { policiesOf } from '../../src/core/policy/locate';
import { fixture } from './helpers';
import { ACCOUNT, JSON_HINTS, putKeyPolicyEvent, ROOT } from './policyHelpers';

const kindOf = (text: string): string => buildModel(text, JSON_HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind;

describe('decoding a JSON string with its offset map', () => {
  it('maps each decoded character to its escape sequence in the literal', () => {
    const literal = String.raw`"a\"b\\c\nd\u00e9e\/f\ud83d\udd11g"`;
    const { text, map } = decodeJsonString(literal);
    assert.equal(text, JSON.parse(literal));
    // Every decoded character starts where its escape starts, and the end maps to the closing quote.
    const expectStarts = [1, 2, 4, 5, 7, 8, 10, 11, 17, 18, 20, 21, 27, 33];
    assert.deepEqual([...map], [...expectStarts, literal.length - 1]);
    assert.equal(literal.slice(map[text.indexOf('é')], map[text.indexOf('é') + 1]), String.raw`\u00e9`);
  });

  it('keeps a malformed escape as written instead of throwing', () => {
    const { text, map } = decodeJsonString(String.raw`"a\qb\u12"`);
    assert.equal(text, String.raw`a\qb\u12`);
    assert.equal(map.length, text.length + 1);
  });

  it('encodes replacement text for a string literal', () => {
    assert.equal(encodeJsonStringContent('"Version": "2012-10-17",\n  '), String.raw`\"Version\": \"2012-10-17\",\n  `);
  });
});

describe('policies in PutKeyPolicy events', () => {
  // Escapes before the mistake (\n, \", \u00e9) shift every offset: the mapping must account for each.
  const policy = `{\n  "Version" : "2012-10-17",\n  "Statement" : [ ${ROOT}, {\n    "Sid" : "caf\u00e9 use",\n    "Effect" : "Allow",\n    "Principal" : { "AWS" : "arn:aws:iam::${ACCOUNT}:role/App" },\n    "Action" : [ "kms:Decrpyt" ],\n    "Resource" : "*"\n  } ]\n}`;
  const event = putKeyPolicyEvent(policy).replace('caf\u00e9', 'caf\\u00e9');

  it('finds the policy and analyses it as a key policy with the event\'s account and Region', () => {
    const model = buildModel(event, JSON_HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const [p] = policiesOf(model);
    assert.equal(p.kind, 'keyPolicy');
    assert.equal(p.origin, 'string');
    assert.deepEqual({ account: p.context.account, region: p.context.region }, { account: ACCOUNT, region: 'us-west-2' });
    assert.ok(event.includes(String.raw`caf\u00e9`), 'the test event has a \\u escape before the mistake');
  });

  it('reports a mistake inside the string at its characters in the document', () => {
    const [f] = analyze(event, JSON_HINTS).findings.filter((x) => x.code === 'policy-unknown-action');
    assert.equal(event.slice(f.start, f.end), 'Decrpyt');
    assert.equal(event.indexOf('Decrpyt'), f.start);
  });

  it('applies a fix inside the string with the text escaped, keeping the event and the policy valid', () => {
    const [f] = analyze(event, JSON_HINTS).findings.filter((x) => x.code === 'policy-unknown-action');
    const fixed = applyEdits(event, f.fixes!.find((x) => x.title.startsWith('Change to "kms:Decrypt"'))!.edits);
    const inner = JSON.parse(JSON.parse(fixed).requestParameters.policy);
    assert.deepEqual(inner.Statement[1].Action, ['kms:Decrypt']);
    assert.equal(inner.Statement[1].Sid, 'café use');
  });

  it('inserts quoted text as escaped quotes (adding a missing Version)', () => {
    const noVersion = putKeyPolicyEvent(`{ "Statement": [ ${ROOT} ] }`);
    const [f] = analyze(noVersion, JSON_HINTS).findings.filter((x) => x.code === 'policy-version-missing');
    const fixed = applyEdits(noVersion, f.fixes![0].edits);
    assert.ok(fixed.includes(String.raw`{ \"Version\": \"2012-10-17\", \"Statement\"`), fixed);
    assert.equal(JSON.parse(JSON.parse(fixed).requestParameters.policy).Version, '2012-10-17');
  });

  it('reports JSON errors inside the string, with the comma fix mapped through the escapes', () => {
    const broken = putKeyPolicyEvent(`{\n "Version": "2012-10-17",\n "Statement": [ ${ROOT}, ]\n}`);
    const [f] = analyze(broken, JSON_HINTS).findings.filter((x) => x.code === 'policy-string-syntax');
    assert.equal(broken.slice(f.start, f.end), ',');
    assert.equal(broken.slice(f.start - 1, f.end + 2), '}, ]');
    const fixed = fixAll(broken, JSON_HINTS, DEFAULT_SETTINGS).text;
    assert.doesNotThrow(() => JSON.parse(JSON.parse(fixed).requestParameters.policy));
  });

  it('reports a duplicate key inside the string (which JSON.parse would silently drop)', () => {
    const dup = putKeyPolicyEvent(`{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Action":"kms:Decrypt","Resource":"*"}]}`);
    const found = analyze(dup, JSON_HINTS).findings.filter((x) => x.code === 'policy-string-syntax');
    assert.deepEqual(found.map((x) => dup.slice(x.start, x.end)), [String.raw`\"Action\"`]);
    assert.equal(found[0].start, dup.lastIndexOf(String.raw`\"Action\"`));
  });

  it('finds the policies of events in a Records log, each at its own place', () => {
    const bad = putKeyPolicyEvent(`{"Version":"2012-10-17","Statement":[${ROOT},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Encrpyt","Resource":"*"}]}`);
    const good = putKeyPolicyEvent(`{"Version":"2012-10-17","Statement":[${ROOT}]}`);
    const log = `{"Records":[${good},\n${bad}]}`;
    const found = analyze(log, JSON_HINTS).findings.filter((x) => x.code === 'policy-unknown-action');
    assert.deepEqual(found.map((x) => log.slice(x.start, x.end)), ['Encrpyt']);
    assert.ok(found[0].start > log.indexOf('\n'));
  });

  it('also reads the policy of CreateKey events, and ignores events without one', () => {
    const createKey = putKeyPolicyEvent(`{"Version":"2012-10-17","Statement":[${ROOT},{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}]}`).replace('"PutKeyPolicy"', '"CreateKey"');
    assert.ok(analyze(createKey, JSON_HINTS).findings.some((x) => x.code === 'policy-public-principal'));
    const decrypt = fixture('corpus', 'seeds', 'deadline-decrypt.json');
    assert.deepEqual(policiesOf(buildModel(decrypt, JSON_HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize })), []);
  });
});

describe('policies in CloudFormation templates', () => {
  const template = JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Key: {
        Type: 'AWS::KMS::Key',
        Properties: {
          KeyPolicy: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'Root', Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' },
              { Sid: 'App', Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': ['AppRole', 'Arn'] } }, Action: ['kms:Decrpyt'], Resource: '*' },
            ],
          },
        },
      },
      AppRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{ PolicyName: 'kms', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-west-2:210987654321:key/1234567890abcdef0' }] } }],
        },
      },
      Bucket: { Type: 'AWS::S3::Bucket' },
      BucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] } },
      },
    },
  }, null, 2);

  it('classifies a template with a key policy as cloudFormation, and one without KMS policies as other', () => {
    assert.equal(kindOf(template), 'cloudFormation');
    assert.equal(kindOf('{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"B":{"Type":"AWS::S3::Bucket"},"P":{"Type":"AWS::IAM::ManagedPolicy","Properties":{"PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}}}}}'), 'other');
    assert.equal(kindOf('{"Resources":{"K":{"Type":"AWS::KMS::Key","Properties":{"Description":"no policy"}}}}'), 'other');
    assert.equal(kindOf('{"Resources":{"P":{"Type":"AWS::IAM::Policy","Properties":{"PolicyDocument":{"Statement":[{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":"*"}]}}}}}'), 'cloudFormation');
  });

  it('finds the key policy and the KMS inline policy, not the trust policy or the bucket policy', () => {
    const policies = policiesOf(buildModel(template, JSON_HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
    assert.deepEqual(policies.map((p) => [p.kind, p.origin, p.context.template]), [['keyPolicy', 'embedded', true], ['identityPolicy', 'embedded', true]]);
  });

  it('reports mistakes at their place in the template, and takes intrinsic functions as values', () => {
    const found = analyze(template, JSON_HINTS).findings;
    const show = found.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code} ${template.slice(f.start, f.end)}`);
    assert.deepEqual(show, ['policy-unknown-action Decrpyt', 'policy-key-id-invalid 1234567890abcdef0']);
  });

  it('applies a quick fix inside the template; fix-all leaves a fix that widens access to the user', () => {
    const actions = (text: string): unknown => JSON.parse(text).Resources.Key.Properties.KeyPolicy.Statement[1].Action;
    const f = analyze(template, JSON_HINTS).findings.find((x) => x.code === 'policy-unknown-action');
    const fix = f?.fixes?.find((x) => x.title.startsWith('Change to "kms:Decrypt"'));
    assert.ok(fix);
    assert.equal(fix.safety, 'widens');
    assert.deepEqual(actions(applyEdits(template, fix.edits)), ['kms:Decrypt']);
    assert.deepEqual(actions(fixAll(template, JSON_HINTS, DEFAULT_SETTINGS).text), ['kms:Decrpyt']);
  });
});
