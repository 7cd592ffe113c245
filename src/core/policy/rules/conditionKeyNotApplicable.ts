import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { absentKeyOutcome } from '../absentKey';
import { renameKey } from '../edits';
import { EVERY_POLICY, actionsAcceptingKey, listNames } from '../facts';
import { normalized, type ConditionRef, type NormalizedStatement } from '../normalize';

/** Keys the data still lists but no action uses any more, with their replacements. */
const DEPRECATED: Readonly<Record<string, string>> = {
  'kms:customermasterkeyspec': 'kms:KeySpec',
  'kms:customermasterkeyusage': 'kms:KeyUsage',
};

/**
 * The global tag keys the Service Authorization Reference lists per KMS action
 * (`aws:RequestTag/${TagKey}` and `aws:TagKeys` for CreateKey and TagResource,
 * `aws:TagKeys` for UntagResource, `aws:ResourceTag/${TagKey}` for the actions
 * on a key). Other global keys are not listed per action, so nothing is
 * concluded about them here.
 */
const TAG_KEYS = new Set(['aws:requesttag/${tagkey}', 'aws:tagkeys', 'aws:resourcetag/${tagkey}']);

/**
 * ReplicateKey takes `Tags` (the API reference), but the reference lists no tag
 * key for it: KMS checks kms:TagResource for them. Whether the tag keys are in
 * the ReplicateKey request itself is not documented, so a statement with it
 * says nothing about them.
 */
const TAGS_UNCERTAIN = new Set(['ReplicateKey']);

/**
 * The KMS actions of a statement when every one is known for sure: only
 * `kms:` actions named without wildcards and found in the data. Global keys
 * may be set for other services' actions, and a wildcard may match actions
 * added after the data was extracted.
 */
function exactKmsActions(s: NormalizedStatement): string[] | undefined {
  if (s.actionElement !== 'Action' || s.opaque.actions || s.actions.length === 0) return undefined;
  const names: string[] = [];
  for (const a of s.actions) {
    if (a.service !== 'kms' || a.unknown || a.wildcard || a.matches.length !== 1) return undefined;
    names.push(a.matches[0].name);
  }
  return names;
}

/** The message for a key that is never in the request, saying what the condition then does. */
function absentMessage(s: NormalizedStatement, c: ConditionRef, accepting: readonly string[], actions: readonly string[]): string {
  const key = c.entry.key;
  const where = listNames(accepting);
  const outcome = absentKeyOutcome(c.op);
  if (outcome === 'false' && s.effect === 'Allow') {
    return l10n.t('{0} applies to none of this statement\'s actions, so it is never in the request: the condition is never true and this Allow never applies. The key applies to {1}.', key, where);
  }
  if (outcome === 'false' && s.effect === 'Deny') {
    return l10n.t('{0} applies to none of this statement\'s actions, so it is never in the request: the condition is never true and this Deny never applies. The key applies to {1}.', key, where);
  }
  if (outcome === 'true' && s.effect === 'Deny') {
    return l10n.t('{0} applies to none of this statement\'s actions, so it is never in the request: with {1} the condition is always true and this Deny applies to every request for {2}. The key applies to {3}.', key, c.op.text, listNames(actions), where);
  }
  if (outcome === 'true' && s.effect === 'Allow') {
    return l10n.t('{0} applies to none of this statement\'s actions, so it is never in the request: with {1} the condition is always true and limits nothing. The key applies to {2}.', key, c.op.text, where);
  }
  return l10n.t('{0} applies to none of this statement\'s actions, so it is never in the request; it applies to {1}.', key, where);
}

export const conditionKeyNotApplicable: PolicyRule = {
  id: 'policy-condition-key-not-applicable',
  defaultSeverity: 'warning',
  title: 'Condition key that applies to none of the statement\'s actions',
  category: 'ineffective',
  fixable: ['neutral'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'Each `kms:` condition key is present only in requests for certain actions: `kms:GrantOperations` only for `CreateGrant`, `kms:EncryptionAlgorithm` only for cryptographic operations, and so on. The Service Authorization Reference also lists the global tag keys per KMS action: `aws:RequestTag/<key>` only for `CreateKey` and `TagResource`, `aws:TagKeys` only for those and `UntagResource`, `aws:ResourceTag/<key>` only for actions on a key (and `CreateKey`). A key that applies to none of the statement\'s actions is never in the request. What the condition then does depends on its operator (IAM User Guide, condition operators): a positive operator (`StringEquals`, `ArnLike`, `ForAnyValue:...`) is false, so an Allow never applies and a Deny never applies; a negated operator (`StringNotEquals`, ...), an `...IfExists` operator and `ForAllValues:...` are true, so an Allow is not limited and a Deny applies to every request for those actions. The message says which. The global tag keys are judged only when every action of the statement is a `kms:` action named without a wildcard (other services set tags on their own actions; `ReplicateKey`, which takes tags that KMS authorizes as `TagResource`, is left alone), and not under `Null` or `...IfExists`, which are written for the key\'s absence. The deprecated `kms:CustomerMasterKeySpec` and `kms:CustomerMasterKeyUsage` still work ("work the same way. Only the names differ"), but AWS recommends `kms:KeySpec` and `kms:KeyUsage`.',
    example: '{ "Effect": "Allow", "Action": [ "kms:CreateAlias", "kms:Decrypt" ], "Resource": "*", "Condition": { "StringEquals": { "aws:RequestTag/team": "payments" } } }',
    remedy: 'Move the condition to a statement with the actions it applies to (the message lists them), or remove it. To limit use of a key by its tags, use `aws:ResourceTag/<key>`, not `aws:RequestTag/<key>`.',
    sources: [SOURCES.kmsConditionKeys, SOURCES.kmsActions, SOURCES.kmsTagAuthorization, SOURCES.iamConditionOperators, SOURCES.iamGlobalKeys],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.actionElement !== 'Action' || s.opaque.actions || s.kmsActions.size === 0) continue;
      let exact: string[] | undefined | null = null;
      for (const c of s.conditions) {
        if (!c.key) continue;
        const range = { start: c.entry.keyNode.offset, end: c.entry.keyNode.offset + c.entry.keyNode.length };
        const lowerTemplate = c.key.key.toLowerCase();
        if (c.key.service === 'kms' && lowerTemplate.startsWith('kms:')) {
          const replacement = DEPRECATED[lowerTemplate];
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
          if (!applies) report({ ...range, message: absentMessage(s, c, [...accepting], [...s.kmsActions].map((a) => a.name)) });
          continue;
        }
        if (!TAG_KEYS.has(lowerTemplate)) continue;
        // In a key policy, policy-key-policy-condition-key already says not to count on aws:ResourceTag: one finding per token.
        if (policy.kind === 'keyPolicy' && lowerTemplate.startsWith('aws:resourcetag/')) continue;
        // Written for the key's absence.
        if (absentKeyOutcome(c.op) === 'unknown' || c.op.ifExists) continue;
        if (exact === null) exact = exactKmsActions(s);
        if (!exact || exact.some((a) => TAGS_UNCERTAIN.has(a))) continue;
        const accepting = actionsAcceptingKey(c.key);
        if (accepting.size === 0 || exact.some((a) => accepting.has(a))) continue;
        report({ ...range, message: absentMessage(s, c, [...accepting], exact) });
      }
    }
  },
};
