import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { EVERY_POLICY, moveConditionKey } from '../facts';
import { statementFix } from '../fixSafety';
import type { ConditionEntry, PolicyModel, Statement } from '../model';
import { conditionStrings, normalized } from '../normalize';
import type { ParsedOperator } from '../operators';

/**
 * The exact string operators and their pattern counterparts. ArnEquals and
 * ArnNotEquals are not here: the IAM User Guide says each part of the ARN
 * they compare "can include" `*` and `?`, exactly like ArnLike. The
 * IgnoreCase operators have no pattern counterpart (StringLike is
 * case-sensitive), so they are reported without a fix.
 */
const LIKE: Readonly<Record<string, string | undefined>> = {
  StringEquals: 'StringLike',
  StringNotEquals: 'StringNotLike',
  StringEqualsIgnoreCase: undefined,
  StringNotEqualsIgnoreCase: undefined,
};

/**
 * A `*` anywhere is a wildcard the author evidently meant. A `?` is one only
 * in an ARN: elsewhere it is ordinary text (a URL's query in aws:Referer).
 * The value's shape is read, so `${aws:username}`, template variables and
 * CloudFormation functions never count.
 */
function wildcardIn(shape: string): boolean {
  return shape.includes('*') || (shape.startsWith('arn:') && shape.includes('?'));
}

/** The operator as written with its base replaced (prefix and IfExists kept). */
function likeOperator(op: ParsedOperator, like: string): string {
  return `${op.set ? `${op.set}:` : ''}${like}${op.ifExists ? 'IfExists' : ''}`;
}

function likeFix(policy: PolicyModel, statement: Statement, entry: ConditionEntry, op: ParsedOperator, like: string): Fix | undefined {
  const operator = likeOperator(op, like);
  const edits = moveConditionKey(policy, statement, entry, operator);
  if (!edits) return undefined;
  // Values without wildcards compare the same under the Like operator; the ones with a wildcard now match what they describe.
  return statementFix(policy, statement, l10n.t('Compare {0} with {1}', entry.key, operator), edits, op.negated ? 'fewer' : 'more');
}

export const literalWildcard: PolicyRule = {
  id: 'policy-literal-wildcard',
  defaultSeverity: 'warning',
  title: 'Wildcard in a value of an exact string operator',
  category: 'ineffective',
  fixable: ['widens', 'narrows'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: '`StringEquals`, `StringNotEquals` and their `IgnoreCase` forms compare exactly: a `*` in their values is the character `*`, not a wildcard (only `StringLike`, `StringNotLike` and the ARN operators take `*` and `?`). `"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}` matches no real principal, so an Allow with it never applies; `"StringNotEquals"` with such a value is true for every request, so a Deny with it denies everyone, including the principals it was written to spare. A `?` is reported only in an ARN, where it cannot be meant literally.',
    example: '{ "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": { "StringNotEquals": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/Admin*" } } }',
    remedy: 'Use `StringLike` (or `StringNotLike`) for the key: quick fix, which the user picks, since it changes what the statement matches. For the `IgnoreCase` operators, list the values in full.',
    sources: [SOURCES.iamConditionOperators],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        const op = c.op;
        if (!op.valid || !op.base || !(op.base in LIKE)) continue;
        const like = LIKE[op.base];
        let fix: Fix | undefined;
        let fixMade = false;
        for (const v of conditionStrings(c.entry)) {
          if (!v.parts || !wildcardIn(v.parts.shape)) continue;
          if (!fixMade && like) fix = likeFix(policy, s.statement, c.entry, op, like);
          fixMade = true;
          const what = op.negated
            ? l10n.t('{0} compares "{1}" literally, so it excludes none of the values the pattern describes: they all differ from this text, and the condition is true for them.', op.text, v.value)
            : l10n.t('{0} compares "{1}" literally, so it matches none of the values the pattern describes, only this exact text.', op.text, v.value);
          report({
            start: v.node.offset,
            end: v.node.offset + v.node.length,
            message: like ? l10n.t('{0} Did you mean {1}?', what, likeOperator(op, like)) : what,
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
};
