import { KMS_ACTIONS, kmsAction } from '../../data/iam';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { EVERY_POLICY } from '../facts';
import { statementFix, valueReach, type Place } from '../fixSafety';
import type { PolicyModel } from '../model';
import { normalized, type ActionRef, type NormalizedStatement } from '../normalize';
import { suggest } from '../suggestions';

const NAMES = KMS_ACTIONS.map((a) => a.name);

/**
 * "Change to ..." as the one edit of the characters that differ; none when they are not in one string.
 * The entry matched nothing, so the fix's class follows from where it sits (valueReach).
 */
function rewriteFix(policy: PolicyModel, s: NormalizedStatement, a: ActionRef, to: string, place: Place, sure = true): Fix[] {
  const edit = a.parts.rewrite(to);
  return edit ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', to), [edit], valueReach(place), sure)] : [];
}

export const unknownAction: PolicyRule = {
  id: 'policy-unknown-action',
  defaultSeverity: 'error',
  title: 'Unknown KMS action, or a wildcard that matches none',
  category: 'ineffective',
  fixable: ['widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A `kms:` action that KMS does not have (`kms:Decrpyt`, `kms:ReEncrypt` without `From`/`To`), a wildcard that matches no KMS action (`kms:Encrpyt*`), or an action without its `service:` prefix. Such an entry never matches a request, so what it was meant to allow or deny does not happen. The list of actions comes from the AWS Service Authorization Reference. An action with a template placeholder (`kms:${action}`) is not judged; one with an IAM policy variable (`kms:${aws:PrincipalTag/action}`) is reported, because IAM replaces variables only in the values of a resource or a condition key ([IAM policy elements: Variables and tags](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)) and the text as written names no action.',
    example: '"Action": [ "kms:Decrpyt", "kms:GenerateDataKey" ]',
    remedy: 'Use the action meant (quick fix with up to three nearest real actions).',
    sources: [SOURCES.kmsActions, SOURCES.iamAction],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const place = s.actionElement ?? 'Action';
      for (const a of s.actions) {
        if (a.service === '*') continue;
        if (a.unknown) {
          // IAM replaces policy variables in Resource and condition values only: in Action one is plain text, which names no action.
          const variable = a.parts.unknowns.find((u) => u.kind === 'policyVariable');
          if (variable) report({ start: variable.start, end: variable.end, message: l10n.t('Policy variables are not replaced in Action: "{0}" matches no action.', a.text) });
          continue;
        }
        if (a.service === '') {
          const known = kmsAction(a.name);
          report({
            start: a.node.offset,
            end: a.node.offset + a.node.length,
            message: known
              ? l10n.t('"{0}" has no service prefix: write "kms:{1}".', a.text, known.name)
              : l10n.t('"{0}" is not an action: actions are written "service:Action", e.g. "kms:Decrypt".', a.text),
            fixes: known ? rewriteFix(policy, s, a, `kms:${known.name}`, place) : [],
          });
          continue;
        }
        if (a.service !== 'kms' || a.matches.length > 0) continue;
        const range = a.parts.span(4, a.parts.shape.length);
        if (a.wildcard) {
          report({ ...range, message: l10n.t('"{0}" matches no KMS action.', a.text) });
          continue;
        }
        const { names: candidates, sure } = suggest(a.name, NAMES, 3);
        // The misspelt entry matches nothing today: corrected, it widens an Allow (narrows a Deny); inverted under NotAction.
        const fixes: Fix[] = candidates.flatMap((c) => rewriteFix(policy, s, a, `kms:${c}`, place, c === sure));
        report({
          ...range,
          message: candidates.length > 0
            ? l10n.t('"{0}" is not a KMS action; did you mean {1}?', a.text, candidates.map((c) => `kms:${c}`).join(', '))
            : l10n.t('"{0}" is not a KMS action.', a.text),
          fixes,
        });
      }
    }
  },
};
