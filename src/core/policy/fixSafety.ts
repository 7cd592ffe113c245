/**
 * What a policy quick fix does to access, and a title that says so.
 *
 * Fix all applies only fixes that cannot let anyone do more (`FixSafety` in
 * types.ts). A fix of a statement is classified by how it changes the set of
 * requests the statement matches (its reach) and by the statement's effect:
 * an Allow that reaches more widens access, a Deny that reaches more narrows
 * it. A fix that Fix all does not apply (it may widen or narrow access, or it
 * is one guess among several, or a recommendation) is titled with what the
 * statement does afterwards, in the words of its summary, so that the user
 * sees what they are about to allow or deny.
 *
 * The reach of a condition fix follows the IAM User Guide, "IAM JSON policy
 * elements: Condition operators": a condition on a key that is absent from
 * the request is false, except that negated operators (StringNotEquals,
 * ArnNotLike, ...) and ...IfExists are true, and the Null operator tests
 * presence itself; "Multivalued context keys": ForAllValues is true and
 * ForAnyValue false on an absent key.
 */
import { parseTree } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { applyEdits } from '../edits';
import { FIX_ALL_SAFETIES, type Fix, type FixSafety, type TextEdit } from '../types';
import { buildPolicy, type PolicyModel, type Statement } from './model';
import type { ParsedOperator } from './operators';
import { statementSentence } from './summary';

/** How a fix changes the set of requests a statement matches. */
export type Reach = 'more' | 'fewer' | 'same' | 'unknown';

/** The statement elements that list values. */
export type Place = 'Action' | 'NotAction' | 'Principal' | 'NotPrincipal' | 'Resource' | 'NotResource';

/**
 * A value that matched no request (a misspelt action, a malformed ARN, "yes"
 * for a Bool) is corrected so that it matches some: at `place`, or in a
 * condition with the operator `op`.
 */
export function valueReach(where: Place | ParsedOperator): Reach {
  if (typeof where === 'string') return where.startsWith('Not') ? 'fewer' : 'more';
  if (!where.valid || !where.family || where.family === 'Null') return 'unknown';
  // A negated operator is true when no listed value matches: one more value that matches makes it false more often.
  return where.negated ? 'fewer' : 'more';
}

/**
 * A condition on a key that no request carries (misspelt, deprecated) is
 * renamed to a key that some requests carry. Before, the condition had its
 * absent-key value on every request; after, it can have the other.
 */
export function keyAppearsReach(op: ParsedOperator): Reach {
  if (!op.valid || !op.family || op.family === 'Null') return 'unknown';
  if (op.ifExists || op.set === 'ForAllValues') return 'fewer';
  if (op.set === 'ForAnyValue') return 'more';
  return op.negated ? 'fewer' : 'more';
}

/** What a change of reach does to access, given the statement's effect (an Effect that is not Deny counts as Allow: the worst case). */
export function safetyOfReach(effect: string | undefined, reach: Reach): FixSafety {
  if (reach === 'same') return 'neutral';
  if (reach === 'unknown') return 'review';
  const deny = effect === 'Deny';
  return (reach === 'more') !== deny ? 'widens' : 'narrows';
}

/**
 * A fix of one statement, classified by its reach and the statement's
 * effect. `sure` is false when the fix is one candidate among several: it is
 * then never applied by Fix all, whichever way it changes access.
 */
export function statementFix(policy: PolicyModel, statement: Statement, title: string, edits: TextEdit[], reach: Reach, sure = true): Fix {
  let safety = safetyOfReach(statement.effect?.value, reach);
  if (!sure && safety !== 'widens') safety = 'review';
  return titledLater(edits, safety, () => titled(policy, statement, title, edits, safety));
}

/** A fix whose class the rule decides itself (a repair of a rejected policy, a recommendation), titled like the others. */
export function classifiedFix(policy: PolicyModel, statement: Statement | undefined, title: string, edits: TextEdit[], safety: FixSafety): Fix {
  return statement ? titledLater(edits, safety, () => titled(policy, statement, title, edits, safety)) : { title, edits, safety };
}

/**
 * The fix with its title worded on first read. Titling a fix re-reads its
 * statement; the CLI never shows a title and the editor only those of the
 * quick fixes the user opens, so most are never read (a fifth of the time of
 * `kms-lens check` on a folder of policies went there). Copies made with
 * `withEdits` keep the title unworded; a spread (`{ ...fix }`) words it.
 */
function titledLater(edits: TextEdit[], safety: FixSafety, word: () => string): Fix {
  let title = '';
  let make: (() => string) | undefined = word;
  // The title stays the first property, as in every other fix (JSON output, snapshots).
  return Object.defineProperty({ title, edits, safety }, 'title', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (make) {
        title = make();
        make = undefined; // the policy it reads is no longer held
      }
      return title;
    },
  }) as Fix;
}

/** The same fix with other edits (in document offsets, or another language's), its title still worded on first read. */
export function withEdits(fix: Fix, edits: TextEdit[]): Fix {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(fix)) as Fix;
  Object.defineProperty(copy, 'edits', { value: edits, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Longer statements get no summary in a fix title: re-reading them would cost more than the title is worth. */
const MAX_TITLED_STATEMENT = 16 * 1024;

function titled(policy: PolicyModel, statement: Statement, title: string, edits: TextEdit[], safety: FixSafety): string {
  // Every fix the user picks (not applied by Fix all) says what the statement will then do.
  if (FIX_ALL_SAFETIES.has(safety)) return title;
  const after = sentenceAfter(policy, statement, edits);
  return after ? l10n.t('{0} — {1}', title, after) : title;
}

/**
 * The summary sentence of the statement once the edits are applied, or
 * undefined when it cannot be read. Only the statement is read again (wrapped
 * as a policy of one statement), so a policy with many findings stays cheap.
 */
export function sentenceAfter(policy: PolicyModel, statement: Statement, edits: readonly TextEdit[]): string | undefined {
  const start = statement.node.offset;
  const end = start + statement.node.length;
  if (statement.node.length > MAX_TITLED_STATEMENT || !edits.every((e) => e.start >= start && e.end <= end)) return undefined;
  try {
    const shifted = edits.map((e) => ({ start: e.start - start, end: e.end - start, newText: e.newText }));
    const prefix = '{"Statement":[';
    const text = `${prefix}${applyEdits(policy.text.slice(start, end), shifted)}]}`;
    const root = parseTree(text);
    if (!root || root.type !== 'object') return undefined;
    const after = buildPolicy({ text, root, decision: policy.decision, origin: policy.origin, context: policy.context });
    const [s] = after.statements;
    return s ? statementSentence(after, s) : undefined;
  } catch {
    // A title is a courtesy: without the summary it still says what the fix changes.
    return undefined;
  }
}
