/**
 * Hover on a condition operator: what it compares, how several values and
 * several keys combine, and what `IfExists`, `ForAllValues:` and
 * `ForAnyValue:` change, including what happens when the key is absent.
 */
import { CONDITION_OPERATORS, parseOperator } from '../../data/conditionOperators';
import * as l10n from '@vscode/l10n';
import { nearest } from '../../text/suggest';
import { MARKDOWN } from '../describe';

const code = MARKDOWN.code;

export function operatorHover(written: string): string {
  const op = parseOperator(written);
  const lines = [`**${code(written)}**`, ''];
  const base = op.base;
  if (!base) {
    lines.push(l10n.t('Not a condition operator: the policy language has no such operator.'));
    const candidates = CONDITION_OPERATORS.flatMap((o) => (o.family === 'Null' ? [o.name] : [o.name, `${o.name}IfExists`]));
    const near = nearest(op.baseText, candidates);
    if (near.length > 0) lines.push('', l10n.t('Did you mean {0}?', near.map((n) => code(op.set ? `${op.set}:${n}` : n)).join(', ')));
    return lines.join('\n');
  }
  lines.push(`- ${code(base.name)}: ${base.description}`);
  if (base.family !== 'Null') {
    lines.push(`- ${base.negated
      ? l10n.t('Several values for one key: true when the request value matches none of them.')
      : l10n.t('Several values for one key: true when the request value matches any of them (OR).')}`);
  }
  lines.push(`- ${l10n.t('Several keys under this operator, and several operators in one Condition, must all be true (AND).')}`);
  if (op.set === 'ForAllValues') {
    lines.push(`- ${l10n.t('{0} (for multi-valued keys): true when every value in the request matches; also true when the request has no value for the key, so in an Allow pair it with a {1} check.', code('ForAllValues:'), code('Null'))}`);
  } else if (op.set === 'ForAnyValue') {
    lines.push(`- ${l10n.t('{0} (for multi-valued keys): true when at least one value in the request matches; false when the request has none.', code('ForAnyValue:'))}`);
  }
  if (op.ifExists) {
    lines.push(`- ${l10n.t('{0}: when the request has no value for the key, the condition is true; otherwise it is evaluated as {1}.', code('IfExists'), code(base.name))}`);
  } else if (!op.set && base.family !== 'Null') {
    lines.push(`- ${base.negated
      ? l10n.t('When the request has no value for the key, a negated operator is true.')
      : l10n.t('When the request has no value for the key, the condition is false (add {0} to make it true instead).', code('IfExists'))}`);
  }
  const canonical = [op.set ? `${op.set}:` : '', base.name, op.ifExists ? 'IfExists' : ''].join('');
  if (written !== canonical) lines.push(`- ${l10n.t('AWS spells it {0}.', code(canonical))}`);
  return lines.join('\n');
}
