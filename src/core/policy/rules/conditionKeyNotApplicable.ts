import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { renameKey } from '../edits';
import { EVERY_POLICY, actionsAcceptingKey, listNames } from '../facts';
import { normalized } from '../normalize';

/** Keys the data still lists but no action uses any more, with their replacements. */
const DEPRECATED: Readonly<Record<string, string>> = {
  'kms:customermasterkeyspec': 'kms:KeySpec',
  'kms:customermasterkeyusage': 'kms:KeyUsage',
};

export const conditionKeyNotApplicable: PolicyRule = {
  id: 'policy-condition-key-not-applicable',
  defaultSeverity: 'warning',
  title: 'Condition key that applies to none of the statement\'s actions',
  category: 'ineffective',
  fixable: ['neutral'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'Each `kms:` condition key is present only in requests for certain actions: `kms:GrantOperations` only for `CreateGrant`, `kms:EncryptionAlgorithm` only for cryptographic operations, and so on. A key that applies to none of the statement\'s actions is never in the request, so an Allow with it never matches. The deprecated `kms:CustomerMasterKeySpec` and `kms:CustomerMasterKeyUsage` still work ("work the same way. Only the names differ"), but AWS recommends `kms:KeySpec` and `kms:KeyUsage`.',
    example: '{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": { "ForAllValues:StringEquals": { "kms:GrantOperations": [ "Decrypt" ] } } }',
    remedy: 'Move the condition to a statement with the actions it applies to (the message lists them), or remove it.',
    sources: [SOURCES.kmsConditionKeys, SOURCES.kmsActions],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.actionElement !== 'Action' || s.opaque.actions || s.kmsActions.size === 0) continue;
      for (const c of s.conditions) {
        if (!c.key || c.key.service !== 'kms' || !c.key.key.toLowerCase().startsWith('kms:')) continue;
        const range = { start: c.entry.keyNode.offset, end: c.entry.keyNode.offset + c.entry.keyNode.length };
        const replacement = DEPRECATED[c.key.key.toLowerCase()];
        if (replacement) {
          report({
            ...range,
            message: l10n.t('{0} is deprecated: it still works like {1}, which AWS recommends instead.', c.entry.key, replacement),
            // The KMS guide: the deprecated key and its replacement "work the same way. Only the names differ."
            fixes: [{ title: l10n.t('Change to "{0}"', replacement), edits: [renameKey(c.entry.keyNode, replacement)], safety: 'neutral' }],
          });
          continue;
        }
        const accepting = actionsAcceptingKey(c.key);
        if (accepting.size === 0) continue;
        let applies = false;
        for (const a of s.kmsActions) {
          if (accepting.has(a.name)) {
            applies = true;
            break;
          }
        }
        if (applies) continue;
        report({ ...range, message: l10n.t('{0} applies to none of this statement\'s actions, so it is never in the request; it applies to {1}.', c.entry.key, listNames([...accepting])) });
      }
    }
  },
};
