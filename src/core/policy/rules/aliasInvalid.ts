import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { EVERY_POLICY, arnPartSpan, kmsArnRefs } from '../facts';
import { normalized } from '../normalize';

export const aliasInvalid: PolicyRule = {
  id: 'policy-alias-invalid',
  defaultSeverity: 'error',
  title: 'Alias ARN with an invalid alias name',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'An alias name is `alias/` followed by 1 to 250 letters, digits, `/`, `_`, `-` or `:` ([CreateAlias](https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html)). An alias ARN with spaces or other characters names no alias, so the statement never matches. Checked in `Resource` (not in key policies, whose Resource is `"*"`) and in condition values, where other services\' policies name their KMS key (`s3:x-amz-server-side-encryption-aws-kms-key-id`): there, the condition never matches that key.',
    example: '"Resource": "arn:aws:kms:us-west-2:111122223333:alias/my key"',
    remedy: 'Use the alias name exactly as `aws kms list-aliases` shows it.',
    sources: [SOURCES.createAlias, SOURCES.kmsAliasAuthorization],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const r of kmsArnRefs(policy, s)) {
        const arn = r.arn;
        if (!arn || arn.service.value !== 'kms' || arn.resourceType !== 'alias' || arn.resourceId.includes('${')) continue;
        const name = arn.resourceId;
        const bare = name.replace(/[*?]/g, '');
        let problem: string | undefined;
        if (name === '') problem = l10n.t('The alias ARN has no alias name after "alias/".');
        else if (!/^[a-zA-Z0-9:/_-]*$/.test(bare)) problem = l10n.t('"alias/{0}" has characters an alias name cannot have (only letters, digits, /, _, - and :).', name);
        else if (bare.length > 250) problem = l10n.t('"alias/{0}" is longer than the 256 characters an alias name can have.', name);
        if (!problem) continue;
        const part = { value: name, start: arn.resource.start + 'alias/'.length };
        report({ ...(name === '' ? arnPartSpan(policy.text, r.node, arn, arn.resource, r.repaired !== undefined) : arnPartSpan(policy.text, r.node, arn, part, r.repaired !== undefined)), message: problem });
      }
    }
  },
};
