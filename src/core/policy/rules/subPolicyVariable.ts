import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { TextEdit } from '../../types';
import { EVERY_POLICY } from '../facts';
import { subParts } from '../intrinsics';
import { offsetIn, scan, isPolicyVariableName } from '../placeholders';

/**
 * An IAM policy variable written inside a CloudFormation `Fn::Sub` string
 * without the escape. The Fn::Sub reference ("Parameters", String): a
 * variable is a template parameter, a resource logical id, a resource
 * attribute or a name of the variable map, and "to write a dollar sign and
 * curly braces (${}) literally, add an exclamation point (!) after the open
 * curly brace, such as ${!Literal}". `aws:username` is none of the four (a
 * logical id is alphanumeric, a pseudo parameter is written `AWS::Name`), so
 * CloudFormation refuses the template ("Template format error: Unresolved
 * resource dependencies [aws:username] in the Resources block of the
 * template") and the stack is not created or updated.
 *
 * Only in templates and policy files read as CloudFormation: in a Serverless
 * service the framework reads `${...}` first, and in Terraform nothing
 * resolves Fn::Sub.
 */

/** Each `Fn::Sub` in the tree: its template string and the names of its variable map. */
function* subStrings(node: Node | undefined, depth = 0): Generator<{ template: Node; names: ReadonlyMap<string, unknown> }> {
  if (!node || depth > 64) return;
  const sub = subParts(node);
  if (sub) yield { template: sub.template, names: sub.vars };
  for (const child of node.children ?? []) yield* subStrings(child, depth + 1);
}

export const subPolicyVariable: PolicyRule = {
  id: 'policy-sub-policy-variable',
  defaultSeverity: 'error',
  title: 'IAM policy variable not escaped in Fn::Sub',
  category: 'rejected',
  fixable: ['repair'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'Inside a CloudFormation `Fn::Sub` (`!Sub`) string, every `${...}` is a CloudFormation variable: a template parameter, a resource logical id, a resource attribute or a name of the function\'s variable map. An IAM policy variable such as `${aws:username}`, `${aws:PrincipalTag/team}` or `${saml:sub}` is none of these, so CloudFormation refuses the template ("Template format error: Unresolved resource dependencies [aws:username]") and the stack is neither created nor updated. `Fn::Sub` writes `${!aws:username}` as the literal `${aws:username}`, which IAM then replaces at request time. Not reported in a Serverless service (the framework reads `${...}` before CloudFormation does) or where the variable map gives the name a value.',
    example: '"Resource": { "Fn::Sub": "arn:aws:iam::${AWS::AccountId}:user/${aws:username}" }',
    remedy: 'Write the variable as `${!aws:username}` inside `Fn::Sub` (quick fix), or take the string out of `Fn::Sub` when nothing else in it needs CloudFormation.',
    sources: [SOURCES.cloudFormationSub, SOURCES.iamPolicyVariables],
  },
  check(policy, report) {
    if (policy.context.serverless || policy.context.terraform) return;
    for (const { template, names } of subStrings(policy.root)) {
      const value = String(template.value);
      if (!value.includes('${')) continue;
      for (const f of scan(value, 'sub')) {
        // `${!aws:username}` is the escape (scan reads it as escaped); `${AWS::Region}` and `${Param}` are CloudFormation's.
        if (f.kind !== 'cloudFormation' || f.syntax !== 'interpolation' || names.has(f.name) || !isPolicyVariableName(f.name)) continue;
        const start = offsetIn(policy.read, template, f.from);
        const end = offsetIn(policy.read, template, f.to);
        const escaped = `\${!${f.name}}`;
        const escape: TextEdit = { start: offsetIn(policy.read, template, f.from + 2), end: offsetIn(policy.read, template, f.from + 2), newText: '!' };
        report({
          start,
          end,
          message: l10n.t('"{0}" inside Fn::Sub is read by CloudFormation as one of its own variables, and no parameter or resource has that name: CloudFormation refuses the template (Unresolved resource dependencies). Write "{1}" so that IAM gets the policy variable.', value.slice(f.from, f.to), escaped),
          fixes: [{ title: l10n.t('Escape as "{0}"', escaped), edits: [escape], safety: 'repair' }],
        });
      }
    }
  },
};
