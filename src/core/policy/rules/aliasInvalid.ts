import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { hasUnknown } from '../../kms/identifiers';
import { EVERY_POLICY, kmsArnRefs } from '../facts';
import { normalized } from '../normalize';
import { arnSpan, arnText, badKnownRuns, UNKNOWN } from '../value';

/** The condition keys whose values are alias names as KMS compares them (`alias/` and the name). */
const ALIAS_NAME_KEYS: ReadonlySet<string> = new Set(['kms:requestalias', 'kms:resourcealiases']);

/**
 * Whether a condition value can be, or (for a pattern) can match, an alias name:
 * a name begins with `alias/`. Unknown parts (placeholders, policy variables) and,
 * for patterns, `*` and `?` may stand for anything, `alias/` included.
 */
function canBeAliasName(shape: string, pattern: boolean, ignoreCase: boolean): boolean {
  let cut = -1;
  for (let i = 0; i < shape.length && cut < 0; i++) {
    if (shape[i] === UNKNOWN || (pattern && (shape[i] === '*' || shape[i] === '?'))) cut = i;
  }
  let lead = cut < 0 ? shape : shape.slice(0, cut);
  if (ignoreCase) lead = lead.toLowerCase();
  if (lead.startsWith('alias/')) return true;
  // The value goes on with something that may be anything: "al*", "${prefix}".
  return cut >= 0 && 'alias/'.startsWith(lead);
}

export const aliasInvalid: PolicyRule = {
  id: 'policy-alias-invalid',
  defaultSeverity: 'error',
  title: 'Alias ARN with an invalid alias name',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'An alias name is `alias/` followed by 1 to 250 letters, digits, `/`, `_`, `-` or `:` ([CreateAlias](https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html)). An alias ARN with spaces or other characters names no alias, so the statement never matches. Checked in `Resource` (not in key policies, whose Resource is `"*"`) and in condition values, where other services\' policies name their KMS key (`s3:x-amz-server-side-encryption-aws-kms-key-id`): there, the condition never matches that key. The values of `kms:RequestAlias` and `kms:ResourceAliases` are alias names as KMS compares them, `alias/` included: a value without it (`finance-key` for `alias/finance-key`) matches no request (a value with a placeholder or, with `StringLike`, a wildcard that may stand for `alias/` is not reported; an alias ARN is left alone).',
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
      for (const c of s.conditions) {
        if (!ALIAS_NAME_KEYS.has(c.entry.key.toLowerCase()) || c.op.family !== 'String' || !c.op.valid) continue;
        const ignoreCase = c.op.base?.includes('IgnoreCase') ?? false;
        for (const v of c.entry.values) {
          const shape = v.parts?.shape;
          if (typeof v.value !== 'string' || shape === undefined || shape === '' || /^arn:/i.test(shape)) continue;
          if (canBeAliasName(shape, c.op.pattern, ignoreCase)) continue;
          report({
            start: v.node.offset,
            end: v.node.offset + v.node.length,
            message: l10n.t('"{0}" is not an alias name: the values of {1} begin with "alias/" (as in "alias/{0}"), so this value matches none of them.', v.value, c.entry.key),
          });
        }
      }
    }
  },
};
