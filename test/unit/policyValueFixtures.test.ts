/**
 * Policies in the shapes public repositories have them (test/fixtures/values,
 * written for this project after the shapes found there): Terraform
 * templatefile key and IAM policies, a Serverless policy file, Jinja, a README
 * with placeholders to replace, a CloudFormation policy fragment and template.
 * They are fine but for a few true findings listed below (`justified`): nothing
 * else above information, and one note per placeholder to fill in, on its first use.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { fixture } from './helpers';

function notes(file: string): { serious: string[]; placeholders: string[] } {
  const text = fixture('values', file);
  const found = analyze(text, { languageId: 'json', fileName: file }).findings;
  return {
    serious: found.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code} ${text.slice(f.start, f.end)}: ${f.message}`),
    placeholders: found.filter((f) => f.code === 'policy-placeholder').map((f) => `${text.slice(f.start, f.end)}${/used (\d+) times/.exec(f.message)?.[1] ? ` x${/used (\d+) times/.exec(f.message)?.[1]}` : ''}`),
  };
}

describe('real-world shapes of policies with unknown values', () => {
  const cases: Record<string, string[]> = {
    'templatefile-logs-key-policy.json': ['${key_name}', '${partition} x5', '${account_id} x5', '${admin_role_arn}', '${aws_region} x3', '${environment}', '${trail_name}'],
    'templatefile-identity-policy.json': ['${kms_key_arn}', '${region} x3', '${account_id} x2', '${replica_key_id}', '${bucket_name}', '${project}'],
    'serverless-queue-key-policy.json': ['#{AWS::AccountId} x2', '${aws:accountId} x2', '${self:service}', "${opt:stage, 'dev'}", '${aws:region}', '#{AWS::Region}', '${self:custom.busName}'],
    'jinja-key-policy.json': ['{{ aws_account_id }} x2', '{{ app_name }}', '{{ aws_region }}'],
    'readme-placeholders-key-policy.json': ['<ACCOUNT_ID>', '<security-AccountId>', 'YOUR_BACKUP_ROLE', 'REGION_HERE', 'ORGANIZATION_ID_HERE'],
    'cloudformation-key-policy-fragment.json': [],
    'cloudformation-key-stack.json': [],
  };
  /**
   * Findings above information that are true of the file as written, by rule and token.
   * templatefile-identity-policy.json compares the S3 object ARN pattern `.../*` with
   * StringEquals, which takes the `*` literally (IAM User Guide, condition operators): the
   * statement never matches an object. It also names a key by an alias ARN alone in the
   * Resource of a key operation (kms:DescribeKey), which names the alias, not the key
   * (https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html): a
   * mistake common in real repositories. cloudformation-key-stack.json lists an alias ARN
   * beside the key's ARN: the statement works through the key ARN, and the alias ARN, which
   * only adds nothing, is information.
   */
  const justified: Record<string, string[]> = {
    'templatefile-identity-policy.json': [
      'policy-literal-wildcard "arn:aws:s3:::${bucket_name}/$${aws:PrincipalTag/team}/*"',
      'policy-alias-arn-resource arn:aws:kms:${region}:${account_id}:alias/${project}-*',
    ],
  };
  for (const [file, expected] of Object.entries(cases)) {
    it(`${file}: nothing above information but what is justified, one note per placeholder`, () => {
      const { serious, placeholders } = notes(file);
      assert.deepEqual(serious.map((f) => f.replace(/: .*$/s, '')), justified[file] ?? []);
      assert.deepEqual(placeholders, expected);
    });
  }

  it('the same files with a real mistake in them are still caught', () => {
    const logs = fixture('values', 'templatefile-logs-key-policy.json').replace('"kms:Describe*"\n      ],\n      "Resource": "*",\n      "Condition"', '"kms:Descrbe*"\n      ],\n      "Resource": "*",\n      "Condition"');
    assert.deepEqual(analyze(logs, { languageId: 'json' }).findings.filter((f) => f.severity === 'error').map((f) => logs.slice(f.start, f.end)), ['Descrbe*']);
    const stack = fixture('values', 'cloudformation-key-stack.json').replace('"Resource": "*",\n              "Condition"', '"Resource": { "Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/0a9e4f63-d2b8-47c1-8e5a-b3f6c1d70e22" },\n              "Condition"');
    // Another key's ARN in a key policy is a warning: KMS matches it against this key's ARN (see the rule's docs).
    assert.deepEqual(analyze(stack, { languageId: 'json' }).findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.code !== 'policy-alias-arn-resource').map((f) => f.code), ['policy-key-policy-resource']);
  });
});
