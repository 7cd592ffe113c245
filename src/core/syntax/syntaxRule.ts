/**
 * The JSON syntax rules differ only in which kind of syntax problem they
 * report; the problems themselves are found once per document (document/syntax.ts).
 */
import type { SyntaxProblemKind } from '../document/syntax';
import type { DocumentRule, RuleMeta } from '../rules/rule';
import { POLICY_KINDS } from '../policy/kinds';
import type { DocumentKind } from '../types';

/** Syntax matters wherever KMS Lens analyses a document at all. */
export const ANALYSED_KINDS: readonly DocumentKind[] = [...POLICY_KINDS, 'cloudTrail', 'listGrants', 'kmsOutput', 'cloudFormation', 'iamOutput', 'configuration'];

/** And in a Terraform module, the JSON of its heredoc policies, which the provider sends as written. */
const SYNTAX_KINDS: readonly DocumentKind[] = [...ANALYSED_KINDS, 'terraform'];

export function syntaxRule(kind: SyntaxProblemKind, meta: RuleMeta): DocumentRule {
  return {
    ...meta,
    scope: 'document',
    kinds: SYNTAX_KINDS,
    check(model, report) {
      for (const p of model.syntaxProblems) {
        if (p.kind === kind) report({ start: p.start, end: p.end, message: p.message, fixes: p.fixes });
      }
    },
  };
}
