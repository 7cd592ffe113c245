import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { hasUnknown } from '../../kms/identifiers';
import { EVERY_POLICY, kmsArnRefs } from '../facts';
import { normalized } from '../normalize';
import { arnSpan, arnText, badKnownRuns } from '../value';

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
        const a = r.valueArn;
        const arn = a?.arn;
        if (!a || !arn || arn.service.value !== 'kms' || arn.resourceType !== 'alias') continue;
        const name = arn.resourceId;
        const part = { value: name, start: arn.resource.start + 'alias/'.length };
        if (hasUnknown(name)) {
          // The placeholder may be any name; characters around it that no alias name has are still wrong.
          const [bad] = badKnownRuns(name, 0, name.length, /[a-zA-Z0-9:/_*?-]/);
          if (bad) {
            const from = { value: name.slice(bad[0], bad[1]), start: part.start + bad[0] };
            report({ ...arnSpan(a, from), message: l10n.t('"{0}" cannot be part of an alias name (only letters, digits, /, _, - and :).', arnText(a, from)) });
          }
          continue;
        }
        const bare = name.replace(/[*?]/g, '');
        let problem: string | undefined;
        if (name === '') problem = l10n.t('The alias ARN has no alias name after "alias/".');
        else if (!/^[a-zA-Z0-9:/_-]*$/.test(bare)) problem = l10n.t('"alias/{0}" has characters an alias name cannot have (only letters, digits, /, _, - and :).', name);
        else if (bare.length > 250) problem = l10n.t('"alias/{0}" is longer than the 256 characters an alias name can have.', name);
        if (!problem) continue;
        report({ ...arnSpan(a, name === '' ? arn.resource : part), message: problem });
      }
    }
  },
};
