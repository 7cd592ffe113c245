import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { POLICY_KINDS } from '../kinds';
import { normalized } from '../normalize';

/**
 * An alias ARN in `Resource` names the alias, not the key it points to
 * (KMS Developer Guide, "Use aliases to control access to KMS keys": "When an
 * alias is the value of a resource element, the policy applies to the alias
 * resource, not to any KMS key that might be associated with it"). Only the
 * alias operations (CreateAlias, UpdateAlias, DeleteAlias) act on an alias;
 * in a statement with none of them, an alias ARN matches nothing.
 */
export const aliasArnResource: PolicyRule = {
  id: 'policy-alias-arn-resource',
  defaultSeverity: 'warning',
  title: 'Alias ARN as the Resource of key operations',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  // A key policy's Resource is "*" (policy-key-policy-resource says so there).
  kinds: POLICY_KINDS.filter((k) => k !== 'keyPolicy'),
  docs: {
    description: 'In an IAM policy, a KMS key is named by its key ARN; an alias ARN in `Resource` names the alias itself, not the key it points to. Key operations (`kms:Decrypt`, `kms:Encrypt`, `kms:GenerateDataKey`, `kms:DescribeKey`, ...) act on the key, so an alias ARN never matches them: an Allow grants nothing through it, and a Deny refuses nothing. Only the alias operations (`kms:CreateAlias`, `kms:UpdateAlias`, `kms:DeleteAlias`) act on an alias. Reported when the statement has key operations and none of the alias operations; a value with placeholders is judged on its known text (`alias/${name}` is still an alias ARN). When the same `Resource` also names keys (a key ARN or pattern, `"*"`), the statement works through them and the alias ARN only adds nothing: that is said as information.',
    example: '{ "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "arn:aws:kms:eu-west-1:111122223333:alias/orders" }',
    remedy: 'Name the key by its key ARN (`arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`). To allow whichever key an alias points to, keep a key ARN pattern (`arn:aws:kms:REGION:ACCOUNT:key/*`) and add the condition `"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/NAME"}`.',
    sources: [SOURCES.kmsKeysInIamPolicies, SOURCES.kmsAliasAuthorization],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      // NotResource with an alias ARN excludes the alias: no mistake to report.
      if (s.resourceElement !== 'Resource' || s.opaque.actions) continue;
      const acted = [...s.kmsActions];
      if (acted.some((a) => a.resourceTypes.some((r) => r.name === 'alias'))) continue;
      const keyActions = acted.filter((a) => a.resourceTypes.some((r) => r.name === 'key'));
      if (keyActions.length === 0) continue;
      const named = keyActions.slice(0, 3).map((a) => `kms:${a.name}`).join(', ') + (keyActions.length > 3 ? ', ...' : '');
      const isAlias = (r: (typeof s.resources)[number]): boolean => {
        const arn = r.valueArn?.arn;
        return arn !== undefined && arn.service.value === 'kms' && arn.resourceType === 'alias';
      };
      // Another Resource of the statement that is not an alias ARN (a key ARN or pattern, "*", a value filled in
      // later) is what the key operations match: the alias ARN beside it is only dead weight, said quietly.
      const keyNamedToo = s.resources.some((r) => !isAlias(r));
      for (const r of s.resources) {
        if (!isAlias(r)) continue;
        report({
          atMostInformation: keyNamedToo,
          ...r.parts.span(0, r.parts.shape.length),
          message: s.effect === 'Deny'
            ? l10n.t('"{0}" names the alias, not its key: key operations ({1}) act on the key, so this Deny never refuses them through this Resource. Name the key by its key ARN, or use a kms:ResourceAliases condition.', r.value, named)
            : l10n.t('"{0}" names the alias, not its key: key operations ({1}) act on the key, so this Resource never matches them. Name the key by its key ARN, or use a key ARN pattern with a kms:ResourceAliases condition.', r.value, named),
        });
      }
    }
  },
};
