/**
 * What a condition does when its key is not in the request, by operator. The
 * IAM User Guide (condition operators, multivalued keys): a missing key makes
 * a condition false, except that a negated operator is true ("...IfExists"
 * too), and ForAllValues is true on an empty set while ForAnyValue is false.
 */
import type { ParsedOperator } from './operators';

export type AbsentOutcome = 'true' | 'false' | 'unknown';

/** The condition's value when the key is absent; `unknown` for `Null` and invalid operators (reported elsewhere). */
export function absentKeyOutcome(op: ParsedOperator): AbsentOutcome {
  if (!op.valid || !op.family || op.family === 'Null') return 'unknown';
  if (op.ifExists || op.set === 'ForAllValues') return 'true';
  if (op.negated && op.set !== 'ForAnyValue') return 'true';
  return 'false';
}
