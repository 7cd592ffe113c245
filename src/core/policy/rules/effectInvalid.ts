import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { replaceString } from '../edits';
import { KEY_AND_IDENTITY_POLICIES, isBroken, startOf } from '../facts';
import { suggest } from '../suggestions';

const EFFECTS = ['Allow', 'Deny'];

export const effectInvalid: PolicyRule = {
  id: 'policy-effect-invalid',
  defaultSeverity: 'error',
  title: 'Effect missing or not exactly Allow or Deny',
  category: 'rejected',
  fixable: ['repair'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'Every statement needs `"Effect": "Allow"` or `"Effect": "Deny"`, spelt exactly so: the Effect element is required and its value is case sensitive (IAM JSON policy reference), and IAM refuses `"allow"` or `"ALLOW"` as malformed. A policy AWS refuses grants nothing, so the repair of the case is applied by Fix all.',
    example: '{ "Effect": "allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" }',
    remedy: 'Write `Allow` or `Deny` with that capitalisation (quick fix for a wrong case or a typo).',
    sources: [SOURCES.iamEffect, SOURCES.keyPolicyElements],
  },
  check(policy, report) {
    for (const s of policy.statements) {
      if (isBroken(policy, s.node)) continue;
      const m = s.byName.get('Effect');
      if (!m) {
        report({ ...startOf(s.node), message: l10n.t('This statement has no "Effect": add "Effect": "Allow" or "Effect": "Deny".') });
        continue;
      }
      if (m.value.type !== 'string') continue; // reported by policy-value-type
      const value = String(m.value.value);
      // "${effect}": the template decides.
      if (EFFECTS.includes(value) || s.effect?.parts.known === false) continue;
      const { names: candidates, sure } = suggest(value.trim(), EFFECTS, 2);
      const fixes: Fix[] = candidates.map((c) => ({ title: l10n.t('Change to "{0}"', c), edits: [replaceString(m.value, c)], safety: c === sure ? 'repair' : 'review' }));
      report({
        start: m.value.offset,
        end: m.value.offset + m.value.length,
        message: candidates.length === 1
          ? l10n.t('"{0}" is not a valid Effect: AWS accepts exactly "Allow" or "Deny". Did you mean "{1}"?', value, candidates[0])
          : l10n.t('"{0}" is not a valid Effect: AWS accepts exactly "Allow" or "Deny".', value),
        fixes,
      });
    }
  },
};
