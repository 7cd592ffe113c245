/**
 * Terraform JSON syntax (`*.tf.json`, CDKTF's `cdk.tf.json`): the policies of
 * its resources as JSON strings, its `aws_iam_policy_document` data sources
 * and its `aws_kms_grant` resources are read, with findings and fixes on the
 * file's characters; `${...}` is an unknown value, and the rest of the file
 * (providers, variables, `//` metadata) is left alone.
 */
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, buildModel, DEFAULT_SETTINGS, type Finding } from '../../src/core';
import { policiesOf } from '../../src/core/policy/locate';

const HINTS = { languageId: 'json', fileName: 'main.tf.json' };
const loud = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.severity === 'error' || f.severity === 'warning');
const on = (text: string, f: Finding): string => text.slice(f.start, f.end);

/** A module with one KMS key whose policy is `policy` (a JSON value written into the file as is). */
const keyModule = (policy: string): string => JSON.stringify({ resource: { aws_kms_key: { k: { description: 'k', policy } } } }, null, 2);
const POLICY = (action: string, principal = 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root'): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:*', Resource: '*' }, { Sid: 'App', Effect: 'Allow', Principal: { AWS: '${aws_iam_role.app.arn}' }, Action: action, Resource: '*' }] });

describe('Terraform JSON modules (*.tf.json)', () => {
  it('reads a key policy written as a JSON string, findings on the string\'s characters', () => {
    const text = keyModule(POLICY('kms:Decrpyt'));
    const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(model.kind, 'terraform');
    assert.deepEqual(policiesOf(model).map((p) => p.kind), ['keyPolicy']);
    const found = loud(analyze(text, HINTS).findings);
    assert.deepEqual(found.map((f) => `${f.code} ${on(text, f)}`), ['policy-unknown-action Decrpyt']);
  });

  it('says nothing about ${...} interpolations in the policy', () => {
    assert.deepEqual(loud(analyze(keyModule(POLICY('kms:Decrypt')), HINTS).findings), []);
  });

  it('the same text named .json is not read as Terraform', () => {
    assert.notEqual(buildModel(keyModule(POLICY('kms:Decrpyt')), { languageId: 'json', fileName: 'main.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'terraform');
  });

  it('reads an aws_iam_policy_document in JSON as the key policy that refers to it, and fixes it in JSON', () => {
    const text = JSON.stringify({
      data: { aws_iam_policy_document: { key: { '//': { metadata: { path: 'stack/key' } }, statement: [
        { sid: 'Root', actions: ['kms:*'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::${data.aws_caller_identity.current.account_id}:root'] }] },
        { sid: 'App', effect: 'allow', actions: ['kms:Decrypt'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['${aws_iam_role.app.arn}'] }], condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.${data.aws_region.current.name}.amazonaws.com'] }] },
      ] } } },
      resource: { aws_kms_key: { k: { policy: '${data.aws_iam_policy_document.key.json}' } } },
    }, null, 2);
    const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.deepEqual(policiesOf(model).map((p) => p.kind), ['keyPolicy']);
    const found = loud(analyze(text, HINTS).findings);
    assert.deepEqual(found.map((f) => `${f.code} ${on(text, f)}`), ['policy-effect-invalid "allow"']);
    const fix = found[0].fixes?.[0];
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits);
    assert.doesNotThrow(() => JSON.parse(fixed));
    assert.deepEqual(loud(analyze(fixed, HINTS).findings), []);
  });

  it('places findings on the right characters whatever the order of the arguments (JSON sorts them: sid last, values before variable)', () => {
    const text = JSON.stringify({
      data: { aws_iam_policy_document: { key: { statement: [
        { actions: ['kms:*'], principals: [{ identifiers: ['arn:aws:iam::111122223333:root'], type: 'AWS' }], resources: ['*'], sid: 'Root' },
        { actions: ['kms:Decrypt'], condition: [{ test: 'StringEquals', values: ['s3.eu-west-9.amazonaws.com'], variable: 'kms:ViaService' }], effect: 'Allow', principals: [{ identifiers: ['arn:aws:iam::111122223333:role/App'], type: 'AWS' }], resources: ['*'], sid: 'App' },
      ] } } },
      resource: { aws_kms_key: { k: { policy: '${data.aws_iam_policy_document.key.json}' } } },
    }, null, 2);
    const found = loud(analyze(text, HINTS).findings);
    assert.deepEqual(found.map((f) => `${f.code} ${on(text, f)}`), ['policy-via-service-invalid eu-west-9']);
  });

  it('checks an aws_kms_grant in JSON', () => {
    const text = JSON.stringify({ resource: { aws_kms_grant: { g: { key_id: '${aws_kms_key.k.key_id}', grantee_principal: '${aws_iam_role.app.arn}', operations: ['kms:Decrypt', '${var.op}', 'Encrypt'] } } } }, null, 2);
    const found = loud(analyze(text, HINTS).findings);
    assert.deepEqual(found.map((f) => `${f.code} ${on(text, f)}`), ['grant-operation-invalid "kms:Decrypt"']);
  });

  it('stays quiet on a whole ${jsonencode(...)}, on policies without KMS and on everything else', () => {
    const text = JSON.stringify({
      provider: { aws: [{ region: 'eu-west-1' }] },
      variable: { policy: { default: '{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"kms:Decrpyt","Resource":"*"}]}' } },
      resource: {
        aws_iam_role_policy: { p: { policy: '${jsonencode({"Statement" = [{"Effect" = "allow", "Action" = ["kms:Decrpyt"]}]})}' } },
        aws_s3_bucket_policy: { b: { policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}' } },
      },
    }, null, 2);
    const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(model.kind, 'other');
    assert.deepEqual(analyze(text, HINTS).findings, []);
  });
});
