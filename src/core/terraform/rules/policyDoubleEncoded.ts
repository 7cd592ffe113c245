import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { DocumentRule } from '../../rules/rule';

export const policyDoubleEncoded: DocumentRule = {
  id: 'terraform-policy-double-encoded',
  scope: 'document',
  kinds: ['terraform'],
  defaultSeverity: 'error',
  title: 'Policy JSON encoded twice by jsonencode',
  category: 'rejected',
  fixable: [],
  docs: {
    description: '`jsonencode` turns a Terraform value into JSON text; given text that is already JSON (`data.aws_iam_policy_document.NAME.json`, `file("policy.json")`, `templatefile(...)`, a heredoc), it makes one JSON string of it: `"{\\"Version\\": ...}"`. A policy argument then holds a string where a policy object is expected. The AWS provider refuses it at plan time ("contains a JSON-encoded string, not a JSON-encoded object (have you double-encoded your JSON data?)"), and a policy document that is not a JSON object is not a policy. Reported on key policies, and on the other policy arguments of a module KMS Lens reads; `jsonencode(var.policy)` and other expressions that may be objects are not reported.',
    example: 'resource "aws_kms_key" "data" {\n  policy = jsonencode(data.aws_iam_policy_document.key.json)\n}',
    remedy: 'Pass the JSON text as it is: `policy = data.aws_iam_policy_document.key.json`, `policy = file("policy.json")`. Keep `jsonencode` for HCL objects: `jsonencode({ Version = "2012-10-17", Statement = [...] })`.',
    sources: [SOURCES.terraformPolicyJson, SOURCES.terraformJsonencode, SOURCES.iamGrammar],
  },
  check(model, report) {
    for (const d of model.terraformDoubleEncoded ?? []) {
      report({
        start: d.start,
        end: d.end,
        message: l10n.t('{0} is already JSON text: jsonencode makes one JSON string of it, so the {1} of {2} is a string, not a policy, and Terraform refuses it. Write {0} without jsonencode.', d.inner, d.attribute, d.resource),
      });
    }
  },
};
