import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { replaceNode } from '../edits';
import { statementFix } from '../fixSafety';
import { KEY_POLICIES } from '../facts';
import { normalized } from '../normalize';
import { hasUnknown, type Arn } from '../../kms/identifiers';

export const keyPolicyResource: PolicyRule = {
  id: 'policy-key-policy-resource',
  defaultSeverity: 'warning',
  title: 'Key policy Resource is not "*"',
  category: 'ineffective',
  fixable: ['widens', 'narrows'],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'In a key policy, `"Resource": "*"` means "this key" (KMS Developer Guide, "Elements in a key policy"), and it is the value KMS documents. Another value is matched against the ARN of the key the policy is attached to, as in any policy: the ARN of another key, or a pattern that does not match this key\'s ARN, makes the statement never apply; this key\'s own ARN works but ties the policy to one key. `NotResource` in a key policy excludes this key or applies to nothing else. KMS does not document rejecting either, so this is a warning. A pattern for every key of a Region and account (`arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*`, as many templates write it) matches this key when the Region and account are the key\'s, so it is reported as information only, as is an ARN whose key id is left to fill in (`key/${key_id}`), which may be this key\'s own. Other ARNs built with placeholders or `Fn::Sub` are reported as warnings: whatever fills them in, they are not `"*"`; a value that is wholly a placeholder or a `Ref` (which may be `"*"`) is not reported, except a Terraform key\'s `id` or `key_id` attribute (`aws_kms_key.NAME.id`), which the AWS provider documents as the key id: never `"*"`, never this key\'s ARN, so the statement never applies.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }',
    remedy: 'Write `"Resource": "*"` (quick fix, which you apply yourself: in an Allow it can make the statement apply; not offered when the list also holds a value that a template or CloudFormation fills in whole, which may be `"*"`). To limit which keys a principal can use, use an IAM policy, where key ARNs belong.',
    sources: [SOURCES.keyPolicyElements, SOURCES.iamResource, SOURCES.terraformKmsKey],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const m = s.statement.byName.get(s.resourceElement ?? '');
      if (!m) continue;
      if (s.resourceElement === 'NotResource') {
        report({ start: m.key.offset, end: m.key.offset + m.key.length, message: l10n.t('"NotResource" in a key policy: a key policy governs only its own key, so the statement either excludes this key or applies to it whatever the list says. Write "Resource": "*" (this key).') });
        continue;
      }
      // A value the template fills in whole (a Ref, "${resource}") may be "*"; replacing the element would delete it.
      // A Terraform key's id attribute is filled in too, but never with "*".
      const fillsIn = s.resources.some((r) => r.parts.whollyUnknown && !keyIdReference(r.parts.whollyUnknown.name));
      for (const r of s.resources) {
        const idRef = r.parts.whollyUnknown && keyIdReference(r.parts.whollyUnknown.name);
        if (idRef) {
          report({
            start: r.node.offset,
            end: r.node.offset + r.node.length,
            message: l10n.t('In a key policy "Resource" is "*" (this key). {0} is the key id, not "*" or an ARN: it never matches this key\'s ARN, so the statement never applies.', idRef),
            fixes: fillsIn ? [] : [statementFix(policy, s.statement, l10n.t('Change Resource to "*"'), [replaceNode(m.value, '"*"')], 'more')],
          });
          continue;
        }
        // Known text other than "*" (an ARN built by Fn::Sub, "key/*") can never make "*".
        if (!/[^*\uE000]/.test(r.parts.shape)) continue;
        const everyKey = matchesEveryKey(r.arn);
        // `key/${key_id}`, `key/KEY_ID`: the key id is filled in later and may be this key's own (an aws_kms_key_policy
        // that names its key's ARN): the statement may well apply, so it is not said as a mistake.
        const idToFill = !everyKey && r.arn !== undefined && r.arn.resourceType === 'key' && hasUnknown(r.arn.resourceId);
        report({
          start: r.node.offset,
          end: r.node.offset + r.node.length,
          message: everyKey
            ? l10n.t('In a key policy "Resource" is "*" (this key). "{0}" matches every key of its Region and account, so the statement applies to this key when the Region and account are the key\'s; "*" says the same without depending on them.', r.value)
            : l10n.t('In a key policy "Resource" is "*" (this key). "{0}" is matched against this key\'s ARN: unless it names this key, the statement never applies.', r.value),
          // "key/*" in the key's own Region and account (what templates mean by it) names this key too: nothing stops applying.
          atMostInformation: everyKey || idToFill,
          // "*" matches this key whatever the ARN matched: wider in an Allow, narrower in a Deny.
          fixes: fillsIn ? [] : [statementFix(policy, s.statement, l10n.t('Change Resource to "*"'), [replaceNode(m.value, '"*"')], 'more')],
        });
      }
    }
  },
};

/** `arn:aws:kms:REGION:ACCOUNT:key/*` (or `*` after the account): a pattern that matches every key id, this key's included. */
function matchesEveryKey(arn: Arn | undefined): boolean {
  if (!arn) return false;
  const service = arn.service.value.toLowerCase();
  if (service !== 'kms' && service !== '*') return false;
  return arn.resource.value === '*' || arn.resource.value === 'key/*';
}

/**
 * A Terraform reference to a key's id: `aws_kms_key.NAME.id` or `.key_id` (also of a replica or external key,
 * with an index). The AWS provider documents both attributes as the key id, never an ARN and never "*".
 */
const KEY_ID_REFERENCE = /^(aws_kms_(?:replica_|external_|replica_external_)?key)\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?\.(?:id|key_id)$/;

function keyIdReference(name: string): string | undefined {
  return KEY_ID_REFERENCE.test(name.trim()) ? name.trim() : undefined;
}
