import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { removeItem } from '../edits';
import { KEY_POLICIES } from '../facts';
import { normalized } from '../normalize';

/**
 * The unique IDs IAM shows in a policy in place of a principal's ARN once
 * that user (AIDA...) or role (AROA...) is deleted. Nobody writes them by
 * hand: a key policy that holds one was read back from AWS after the
 * deletion (get-key-policy, the console) and saved into a file.
 */
const DELETED_PRINCIPAL = /^A(ID|RO)A[A-Z0-9]{12,}$/;

export const principalDeleted: PolicyRule = {
  id: 'policy-principal-deleted',
  defaultSeverity: 'warning',
  title: 'Principal of a deleted IAM user or role',
  category: 'ineffective',
  fixable: ['neutral'],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'A principal written as an IAM unique ID (`AROA...` for a role, `AIDA...` for a user) instead of an ARN. IAM stores the principal\'s unique ID when the policy is saved, and shows it in place of the ARN once that user or role is deleted: the entry matches no one, not even a new user or role created with the same name. Saving the policy again with such an entry fails: KMS answers PutKeyPolicy with `MalformedPolicyDocumentException` ("Policy contains a statement with one or more invalid principals"), and the AWS guidance is to remove the orphaned IDs.',
    example: '"Principal": { "AWS": [ "arn:aws:iam::111122223333:role/KeyAdmin", "AROAXAMPLEROLEID1234" ] }',
    remedy: 'Remove the ID (quick fix, when other principals remain; it matched no one, so nobody loses access). If the user or role was re-created and should keep its access, name it again by its ARN.',
    sources: [SOURCES.iamPrincipal, SOURCES.iamUniqueIds, SOURCES.kmsInvalidPrincipals],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.principalElement !== 'Principal') continue;
      for (const p of s.principals) {
        if (p.kind !== 'uniqueId' || !DELETED_PRINCIPAL.test(p.value)) continue;
        const what = p.value.startsWith('AROA') ? l10n.t('an IAM role') : l10n.t('an IAM user');
        // Removing it changes no one's access; but a principal list cannot be left empty.
        const removal = s.principals.length > 1 ? removeItem(p.node) : undefined;
        report({
          start: p.node.offset,
          end: p.node.offset + p.node.length,
          message: l10n.t('"{0}" is the unique ID of {1} that was deleted: IAM shows it in place of the ARN, and it matches no one, not even a new one with the same name. Saving this key policy again fails (invalid principal): remove it.', p.value, what),
          fixes: removal ? [{ title: l10n.t('Remove "{0}" (it matches no one)', p.value), edits: [removal], safety: 'neutral' }] : [],
        });
      }
    }
  },
};
