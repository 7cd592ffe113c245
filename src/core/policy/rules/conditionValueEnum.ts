import { CONDITION_KEY_ENUMS, KMS_ENUMS } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { EVERY_POLICY } from '../facts';
import { statementFix, valueReach } from '../fixSafety';
import { normalized } from '../normalize';
import { suggest } from '../suggestions';
import { wildcardMatch } from '../../text/wildcard';

const ENUM_BY_KEY = new Map(Object.entries(CONDITION_KEY_ENUMS).map(([k, e]) => [k.toLowerCase(), e]));


export const conditionValueEnum: PolicyRule = {
  id: 'policy-condition-value-enum',
  defaultSeverity: 'error',
  title: 'Condition value outside the key\'s allowed values',
  category: 'ineffective',
  fixable: ['widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'Some KMS condition keys take only the values of a KMS enumeration: `kms:GrantOperations` the 17 grant operations (`Decrypt`, `GenerateDataKey`, ..., not `kms:Decrypt` or `ReEncrypt`), `kms:KeySpec` the key specs, `kms:EncryptionAlgorithm` and `kms:SigningAlgorithm` the algorithms, and so on (values from the KMS API model). A value outside the list, or in the wrong case, never matches.',
    example: '"Condition": { "ForAllValues:StringEquals": { "kms:GrantOperations": [ "kms:Decrypt" ] } }',
    remedy: 'Use one of the allowed values (quick fix with the nearest ones).',
    sources: [SOURCES.kmsConditionKeys, SOURCES.createGrant],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        const enumName = ENUM_BY_KEY.get(c.entry.key.toLowerCase());
        if (!enumName || c.op.family !== 'String' || !c.op.valid) continue;
        const allowed: readonly string[] = KMS_ENUMS[enumName];
        const ignoreCase = c.op.base?.includes('IgnoreCase') ?? false;
        for (const v of c.entry.values) {
          if (typeof v.value !== 'string' || !v.parts?.known) continue;
          const value = v.value;
          const ok = c.op.pattern && /[*?]/.test(value)
            ? allowed.some((a) => wildcardMatch(value, a))
            : allowed.some((a) => (ignoreCase ? a.toLowerCase() === value.toLowerCase() : a === value));
          if (ok) continue;
          const bare = value.replace(/^kms:/i, '');
          const exact = allowed.filter((a) => a.toLowerCase() === bare.toLowerCase());
          const { names: candidates, sure } = exact.length === 1 ? { names: exact, sure: exact[0] } : suggest(bare, allowed, 3);
          const fixes: Fix[] = candidates.flatMap((a) => {
            const edit = v.parts?.rewrite(a);
            return edit ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', a), [edit], valueReach(c.op), a === sure)] : [];
          });
          report({
            start: v.node.offset,
            end: v.node.offset + v.node.length,
            message: candidates.length > 0
              ? l10n.t('"{0}" is not a value of {1}; did you mean {2}?', value, c.entry.key, candidates.map((a) => `"${a}"`).join(', '))
              : l10n.t('"{0}" is not a value of {1} (allowed: {2}).', value, c.entry.key, allowed.join(', ')),
            fixes,
          });
        }
      }
    }
  },
};
