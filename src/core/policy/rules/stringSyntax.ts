import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { EVERY_POLICY } from '../facts';

export const stringSyntax: PolicyRule = {
  id: 'policy-string-syntax',
  defaultSeverity: 'error',
  title: 'JSON error inside a policy string',
  category: 'syntax',
  fixable: ['repair'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A policy carried as a JSON string, such as the `policy` parameter of a PutKeyPolicy event in CloudTrail, is itself JSON: a trailing comma, a missing comma or a duplicate key inside it is reported here, at its place in the string. (Errors in the document\'s own JSON are reported by the `json-` rules.)',
    example: '"policy": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [],}"',
    remedy: 'Correct the JSON inside the string (quick fix where the `json-` rule has one).',
  },
  check(policy, report) {
    if (policy.origin !== 'string') return;
    for (const p of policy.syntaxProblems ?? []) {
      report({ start: p.start, end: p.end, message: l10n.t('In the policy string: {0}', p.message), fixes: p.fixes });
    }
  },
};
