import { isKnownPartition } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { isPlaceholderAccount, SERVICE_PRINCIPAL } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { renameKey, replaceNode, replaceString } from '../edits';
import { KEY_POLICIES, arnPartSpan } from '../facts';
import { classifiedFix, statementFix, valueReach } from '../fixSafety';
import { membersOf } from '../model';
import { normalized, shiftedArn, type PrincipalRef } from '../normalize';
import { suggest } from '../suggestions';

const TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

interface Problem {
  message: string;
  /** The problem is the account part of the ARN. */
  inAccount?: boolean;
}

/** What is wrong with an AWS principal, or undefined. Placeholders are left to policy-placeholder. */
function awsProblem(p: PrincipalRef): Problem | undefined {
  const v = p.value;
  if (v === '*' || p.kind === 'uniqueId') return undefined;
  if (v.includes('${')) return { message: l10n.t('Policy variables are not allowed in a principal: "{0}".', v) };
  if (/[*?]/.test(v)) return { message: l10n.t('Wildcards are not allowed in a principal ARN ("{0}"): use "*" with an aws:PrincipalArn condition instead.', v) };
  if (p.kind === 'account') return undefined;
  if (p.kind === 'unknown') {
    if (isPlaceholderAccount(v)) return undefined;
    if (/^\d+$/.test(v)) return { message: l10n.t('"{0}" is not an account id: account ids have 12 digits.', v) };
    if (!v.startsWith('arn:')) return { message: l10n.t('"{0}" is not an AWS principal: use an account id, or the ARN of an account root, user, role or assumed-role session.', v) };
    if (/^arn:[^:]*:iam::[^:]*:group\//.test(v)) return { message: l10n.t('IAM groups cannot be principals ("{0}"): name the users, or grant the group access in an IAM policy.', v) };
    return { message: l10n.t('"{0}" is not the ARN of an account root, IAM user, IAM role or assumed-role session.', v) };
  }
  const arn = p.arn;
  if (!arn) return undefined;
  if (!isKnownPartition(arn.partition.value)) return { message: l10n.t('"{0}" is not an AWS partition.', arn.partition.value) };
  const account = arn.account.value;
  if (!/^\d{12}$/.test(account) && !isPlaceholderAccount(account)) return { message: l10n.t('"{0}" is not an account id: account ids have 12 digits.', account), inAccount: true };
  return undefined;
}

export const principalInvalid: PolicyRule = {
  id: 'policy-principal-invalid',
  defaultSeverity: 'error',
  title: 'Malformed principal',
  category: 'rejected',
  fixable: ['repair', 'widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'A principal KMS cannot resolve: `"Principal"` as a string other than `"*"`, an unknown type (`"aws"`, `"Services"`), an account id that is not 12 digits, an ARN that is not an account root, user, role or assumed-role session (IAM groups cannot be principals), a wildcard inside an ARN, or a service principal that is not `service.amazonaws.com`. KMS rejects a key policy whose principals it cannot resolve.',
    example: '"Principal": { "AWS": "arn:aws:iam::11112222333:role/App" }',
    remedy: 'Write the principal as `{"AWS": "arn:aws:iam::ACCOUNT:role/NAME"}`, `{"AWS": "ACCOUNT"}` or `{"Service": "service.amazonaws.com"}`.',
    sources: [SOURCES.iamPrincipal, SOURCES.putKeyPolicy, SOURCES.keyPolicyElements],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const m = s.statement.byName.get(s.principalElement ?? '');
      if (!m) continue;
      if (m.value.type === 'string') {
        const v = String(m.value.value);
        if (v === '*') continue;
        const type = SERVICE_PRINCIPAL.test(v) ? 'Service' : /^(arn:|\d{12}$)/.test(v) ? 'AWS' : undefined;
        report({
          start: m.value.offset,
          end: m.value.offset + m.value.length,
          message: l10n.t('"{0}" must be "*" or an object such as {"AWS": "..."}; a bare string is rejected.', s.principalElement!),
          // A policy with such a principal is refused (the principal is not valid), and the object form is its one meaning.
          fixes: type ? [{ title: l10n.t('Change to {0}', `{"${type}": ${JSON.stringify(v)}}`), edits: [replaceNode(m.value, `{ "${type}": ${JSON.stringify(v)} }`)], safety: 'repair' }] : [],
        });
        continue;
      }
      const present = new Set(membersOf(m.value).map((x) => x.name));
      for (const typeMember of membersOf(m.value)) {
        if (TYPES.includes(typeMember.name)) continue;
        const { names, sure } = suggest(typeMember.name.replace(/s$/i, ''), TYPES, 2);
        const candidates = names.filter((c) => !present.has(c));
        const fixes: Fix[] = candidates.map((c) => classifiedFix(policy, s.statement, l10n.t('Rename to "{0}"', c), [renameKey(typeMember.key, c)], c === sure ? 'repair' : 'review'));
        report({
          start: typeMember.key.offset,
          end: typeMember.key.offset + typeMember.key.length,
          message: l10n.t('"{0}" is not a principal type (AWS, Service, Federated or CanonicalUser).', typeMember.name),
          fixes,
        });
      }
      for (const p of s.principals) {
        const range = { start: p.node.offset, end: p.node.offset + p.node.length };
        if (p.type === 'AWS') {
          // The arn:aws::iam: shift is reported (with its fix) by policy-arn-malformed.
          if (shiftedArn(p.value)) continue;
          const problem = awsProblem(p);
          if (!problem) continue;
          const span = problem.inAccount && p.arn && p.arn.account.value !== '' ? arnPartSpan(policy.text, p.node, p.arn, p.arn.account, false) : range;
          report({ ...span, message: problem.message });
        } else if (p.type === 'Service') {
          if (SERVICE_PRINCIPAL.test(p.value)) continue;
          const guess = /^[a-z0-9-]+$/.test(p.value) ? `${p.value}.amazonaws.com` : undefined;
          report({
            ...range,
            message: l10n.t('"{0}" is not a service principal: service principals look like "service.amazonaws.com".', p.value),
            fixes: guess ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', guess), [replaceString(p.node, guess)], valueReach(s.principalElement ?? 'Principal'))] : [],
          });
        } else if (p.type === 'CanonicalUser' && !/^[0-9a-f]{64}$/.test(p.value)) {
          report({ ...range, message: l10n.t('"{0}" is not a canonical user id (64 hexadecimal digits).', p.value) });
        }
      }
    }
  },
};
