import type { Node } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES, startOf } from '../facts';
import { alternatives, isIntrinsic, isNoValue } from '../intrinsics';
import { coversAction, normalized } from '../normalize';

/** Whether the Statement element holds, or is, something other than statement objects (whose statements are then not all known). */
function hidesStatements(st: Node | undefined): boolean {
  if (!st) return false;
  if (st.type === 'object') return isIntrinsic(st) && !alternatives(st);
  if (st.type !== 'array') return true;
  return (st.children ?? []).some((c) => c.type !== 'object' || (isIntrinsic(c) && !alternatives(c) && !isNoValue(c)));
}

export const lockoutRisk: PolicyRule = {
  id: 'policy-lockout-risk',
  defaultSeverity: 'warning',
  title: 'No one can change this key policy (lockout risk)',
  category: 'rejected',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'No statement allows `kms:PutKeyPolicy` to anyone (directly, through `kms:*` or `kms:Put*`, or through the account root, which lets IAM policies grant it), or a Deny takes it from everyone. KMS refuses such a policy with its lockout safety check ("the new key policy will not allow you to update the key policy in the future"); with `BypassPolicyLockoutSafetyCheck` it accepts it, and then nobody can ever change the policy again, only AWS Support. AWS managed key policies (`"Id": "auto-..."`) are meant to be unchangeable and are not reported. A policy made only of Deny statements is reported as information: as a whole key policy it would let no one use the key, so it is most likely a set of guardrail statements published to be added to a key policy.',
    example: '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": "kms:Decrypt", "Resource": "*" } ] }',
    remedy: 'Keep the default statement that gives the account root `kms:*`, or allow `kms:PutKeyPolicy` to a key administrator role.',
    sources: [SOURCES.putKeyPolicy, SOURCES.keyPolicyDefault],
  },
  check(policy, report) {
    // A statement saved on its own is part of a policy not shown: who else can change the key is not known.
    if (policy.fragment || policy.root.type !== 'object' || policy.statements.length === 0) return;
    const id = policy.byName.get('Id')?.value;
    if (id?.type === 'string' && String(id.value).startsWith('auto-')) return;
    // A statement the file does not show (a template value, a CloudFormation function in the list) may be the one that allows it.
    if (hidesStatements(policy.byName.get('Statement')?.value)) return;
    const statements = normalized(policy);
    if (statements.some((s) => s.opaque.actions)) return;
    const denied = statements.some((s) => s.effect === 'Deny' && s.principals.some((p) => p.kind === 'wildcard') && s.conditions.length === 0 && coversAction(s, 'PutKeyPolicy'));
    // Principals not known (a variable, a Ref) are someone: what matters is whether any Allow covers kms:PutKeyPolicy.
    const allowed = statements.some((s) => s.effect === 'Allow' && s.principalElement === 'Principal' && (s.principals.length > 0 || s.opaque.principals) && coversAction(s, 'PutKeyPolicy'));
    if (allowed && !denied) return;
    const key = policy.byName.get('Statement')?.key;
    const range = key ? { start: key.offset, end: key.offset + key.length } : startOf(policy.root);
    // Only Deny statements: as a whole key policy no one could even use the key. Such files are guardrails
    // published to be added to a key policy (the data perimeter examples), so it is said quietly.
    const onlyDenies = statements.every((s) => s.effect === 'Deny');
    report({
      ...range,
      message: onlyDenies
        ? l10n.t('This key policy has only Deny statements: as a whole key policy no one could use the key or change the policy, and KMS refuses it unless the lockout safety check is bypassed. If these statements are to be added to a key policy, keep them beside one that allows kms:PutKeyPolicy (the account root with kms:*).')
        : denied
          ? l10n.t('A Deny takes kms:PutKeyPolicy from everyone: once this policy is in place, no one can change it again. KMS refuses it unless the lockout safety check is bypassed.')
          : l10n.t('No statement allows kms:PutKeyPolicy: once this policy is in place, no one can change it again. KMS refuses it unless the lockout safety check is bypassed. Keep the account root statement with kms:*, or allow kms:PutKeyPolicy to a key administrator.'),
      atMostInformation: onlyDenies,
    });
  },
};
