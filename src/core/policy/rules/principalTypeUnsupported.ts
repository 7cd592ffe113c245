import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { alternatives, isIntrinsic } from '../intrinsics';
import { membersOf } from '../model';
import { normalized } from '../normalize';

/**
 * Principal types the KMS Developer Guide does not list for key policies
 * ("You can specify AWS accounts, IAM users, IAM roles, and some AWS services
 * as principals in a key policy"), with what the IAM User Guide says each is
 * for. The guide does not say what KMS does with them, hence information only.
 */
const OTHER_TYPES: Readonly<Record<string, string>> = {
  // IAM User Guide, Principal: "Because this identifier is used by Amazon S3, only this service ..."
  CanonicalUser: 'a canonical user id is how Amazon S3 names an account',
  // IAM User Guide, Principal: federated web identity and SAML principals are trusted in role trust policies, to assume a role.
  Federated: 'a federated identity provider is trusted in a role\'s trust policy, and its users call KMS as sessions of that role',
};

export const principalTypeUnsupported: PolicyRule = {
  id: 'policy-principal-type-unsupported',
  defaultSeverity: 'information',
  title: 'Principal type not listed for key policies (CanonicalUser, Federated)',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'The KMS Developer Guide lists the principals of a key policy: "AWS accounts, IAM users, IAM roles, and some AWS services". `CanonicalUser` (the id Amazon S3 uses for an account) and `Federated` (a web identity or SAML provider, which a role\'s trust policy trusts so that its users can assume the role) are not among them: callers of KMS are accounts, users, role sessions and services, so such a principal names no caller. The guide does not say whether KMS refuses such a policy or keeps it with no effect, so this is information. Reported once per type, on the type\'s name.',
    example: '"Principal": { "Federated": "cognito-identity.amazonaws.com" }',
    remedy: 'Name the role that the federated users assume (`{"AWS": "arn:aws:iam::111122223333:role/WebUsers"}`), or the account for a canonical user id (`{"AWS": "111122223333"}`).',
    sources: [SOURCES.keyPolicyElements, SOURCES.iamPrincipal],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const m = s.statement.byName.get(s.principalElement ?? '');
      if (!m || m.value.type !== 'object' && !isIntrinsic(m.value)) continue;
      const objects = isIntrinsic(m.value) ? (alternatives(m.value) ?? []) : [m.value];
      for (const object of objects) {
        for (const typeMember of membersOf(object)) {
          const why = OTHER_TYPES[typeMember.name];
          if (!why) continue;
          report({
            start: typeMember.key.offset,
            end: typeMember.key.offset + typeMember.key.length,
            message: l10n.t('The KMS Developer Guide lists AWS accounts, IAM users, IAM roles and AWS services as key policy principals, not {0}: {1}, and it is not who calls KMS, so this principal likely matches no request.', typeMember.name, l10n.t(why)),
          });
        }
      }
    }
  },
};
