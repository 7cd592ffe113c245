import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { replaceString } from '../edits';
import { IDENTITY_POLICIES } from '../facts';
import { badKnownRuns } from '../value';

const ALPHANUMERIC = /^[A-Za-z0-9]*$/;

export const sidInvalid: PolicyRule = {
  id: 'policy-sid-invalid',
  defaultSeverity: 'error',
  title: 'Sid with characters IAM does not accept',
  category: 'rejected',
  fixable: ['repair'],
  scope: 'policy',
  kinds: IDENTITY_POLICIES,
  docs: {
    description: 'In IAM identity policies a `Sid` may contain only letters and digits; IAM rejects spaces, hyphens and other characters. (Key policies are more lenient: the default key policy\'s `"Enable IAM User Permissions"` is fine there.)',
    example: '{ "Sid": "Allow decrypt", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" }',
    remedy: 'Remove the other characters (quick fix: `AllowDecrypt`).',
    sources: [SOURCES.iamSid, SOURCES.keyPolicyElements],
  },
  check(policy, report) {
    const sids = new Set(policy.statements.map((s) => s.sid?.value).filter((v): v is string => v !== undefined));
    for (const s of policy.statements) {
      if (!s.sid || ALPHANUMERIC.test(s.sid.value)) continue;
      if (!s.sid.parts.known) {
        // "Allow${env}" may render fine; a hyphen or a space around the placeholder never does. No fix: it would retype the placeholder.
        const [bad] = badKnownRuns(s.sid.parts.shape, 0, s.sid.parts.shape.length, /[A-Za-z0-9]/);
        if (bad) report({ ...s.sid.parts.span(bad[0], bad[1]), message: l10n.t('IAM policies accept only letters and digits in a Sid: "{0}" is rejected.', s.sid.value) });
        continue;
      }
      const cleaned = s.sid.value.replace(/[^A-Za-z0-9]/g, '');
      const usable = cleaned !== '' && !sids.has(cleaned);
      report({
        start: s.sid.node.offset,
        end: s.sid.node.offset + s.sid.node.length,
        message: l10n.t('IAM policies accept only letters and digits in a Sid: "{0}" is rejected.', s.sid.value),
        fixes: usable ? [{ title: l10n.t('Change the Sid to "{0}"', cleaned), edits: [replaceString(s.sid.node, cleaned)], safety: 'repair' }] : [],
      });
    }
  },
};
