/**
 * Hover on a condition key: what it filters on, its type, whether it holds
 * one value or several, the actions it applies to, and which of this
 * statement's actions it really constrains (for the others the key is never in
 * the request, which silently changes what the statement does).
 */
import { actionsForConditionKey, allConditionKeys, conditionKeyInfo, isKeyResourceAction, isMultiValued, KMS_ACTIONS, localDescription, type ConditionKeyInfo, type KmsAction } from '../../data/iam';
import { CONDITION_KEY_ENUMS, KEY_POLICY_FORBIDDEN_CONDITION_KEYS, KMS_ENUMS } from '../../data/kmsFacts';
import { globalKeyNote } from '../../data/globalKeyNotes';
import { parseOperator, whenKeyAbsent } from '../../data/conditionOperators';
import * as l10n from '@vscode/l10n';
import { nearest } from '../../text/suggest';
import { expandActions, joinAnd, limited, MARKDOWN } from '../describe';
import type { ConditionEntry, PolicyModel, Statement } from '../model';

const code = MARKDOWN.code;

/** "every action on a key except X, plus CreateKey", or the names when there are few. */
export function appliesToPhrase(actions: readonly KmsAction[]): string {
  if (actions.length === 0) return l10n.t('no KMS action');
  const onKey = KMS_ACTIONS.filter(isKeyResourceAction);
  const missing = onKey.filter((a) => !actions.includes(a));
  const extra = actions.filter((a) => !isKeyResourceAction(a));
  if (actions.length > 12 && missing.length <= 3) {
    let s = missing.length === 0 ? l10n.t('every action on a key ({0})', onKey.length) : l10n.t('every action on a key except {0}', joinAnd(missing.map((a) => code(a.name))));
    if (extra.length > 0) s = l10n.t('{0}, plus {1}', s, joinAnd(limited(extra.map((a) => code(a.name)), 6)));
    return s;
  }
  return joinAnd(limited(actions.map((a) => code(a.name)), 14));
}

function valuesLine(info: ConditionKeyInfo): string | undefined {
  const enumName = CONDITION_KEY_ENUMS[info.key];
  if (enumName) return l10n.t('Values: {0}', KMS_ENUMS[enumName].map(code).join(', '));
  if (info.key === 'kms:ViaService') return l10n.t('Values: {0}, e.g. {1}', code('<service>.<region>.amazonaws.com'), code('ec2.us-west-2.amazonaws.com'));
  if (info.type === 'Bool') return l10n.t('Values: {0} or {1}', code('true'), code('false'));
  return undefined;
}

function forbiddenInKeyPolicy(info: ConditionKeyInfo): boolean {
  return KEY_POLICY_FORBIDDEN_CONDITION_KEYS.some((k) => (k.endsWith('/*') ? info.key.startsWith(k.slice(0, -1)) : info.key === k));
}

/** Which of the statement's actions the key constrains, and what happens to the others. */
function statementLines(entry: ConditionEntry, info: ConditionKeyInfo, statement: Statement): string[] {
  if (statement.actions.length === 0) return [];
  const set = expandActions(statement.actions);
  if (set.actions.length === 0) return [];
  const applies = new Set(actionsForConditionKey(info.key));
  const constrained = set.actions.filter((a) => applies.has(a));
  const unaffected = set.actions.filter((a) => !applies.has(a));
  const lines: string[] = [];
  if (constrained.length === 0) {
    lines.push(l10n.t('In this statement it constrains none of the actions.'));
  } else if (unaffected.length === 0) {
    lines.push(l10n.t('In this statement it constrains every action ({0}).', joinAnd(limited(constrained.map((a) => code(a.name)), 8))));
  } else {
    lines.push(l10n.t('In this statement it constrains {0}.', joinAnd(limited(constrained.map((a) => code(a.name)), 8))));
  }
  if (unaffected.length > 0) {
    const names = joinAnd(limited(unaffected.map((a) => code(a.name)), 8));
    const op = parseOperator(entry.operator);
    const verdict = whenKeyAbsent(op, entry.values.map((v) => v.value));
    lines.push(verdict
      ? l10n.t('Requests for {0} never carry this key; with {1} the condition is then true, so it does not restrict them.', names, code(entry.operator))
      : l10n.t('Requests for {0} never carry this key, so with {1} the condition never matches them: this statement does not apply to them.', names, code(entry.operator)));
  }
  return lines;
}

/** Markdown for a condition key as written in a statement. */
export function conditionKeyHover(entry: ConditionEntry, policy: PolicyModel, statement: Statement): string {
  const info = conditionKeyInfo(entry.key);
  if (!info) {
    const service = entry.key.split(':')[0]?.toLowerCase();
    const lines = [`**${code(entry.key)}**`, ''];
    if (service === 'kms' || service === 'aws') {
      lines.push(service === 'kms' ? l10n.t('Not a KMS condition key: no request carries it.') : l10n.t('Not a known global condition key.'));
      const near = nearest(entry.key, allConditionKeys().map((k) => k.key.replace(/\$\{[^}]+\}$|\/tag-key$/, '')), 3);
      if (near.length > 0) lines.push('', l10n.t('Did you mean {0}?', near.map(code).join(', ')));
    } else {
      lines.push(l10n.t('A condition key of another service; KMS requests do not carry it.'));
    }
    return lines.join('\n');
  }
  const multi = isMultiValued(info);
  const lines = [`**${code(entry.key)}** · ${info.type} · ${multi ? l10n.t('multi-valued') : l10n.t('single-valued')}`, ''];
  if (info.key !== entry.key) {
    lines.push(/\$\{|\/tag-key$/.test(info.key) ? l10n.t('A key of the form {0}.', code(info.key)) : l10n.t('AWS spells it {0}; condition key names are not case-sensitive.', code(info.key)), '');
  }
  const description = localDescription(info.description) || globalKeyNote(info.key);
  if (description) lines.push(`${description.replace(/\.?$/, '.')}`, '');
  if (info.service === 'aws' && actionsForConditionKey(info.key).length === 0) {
    lines.push(`- ${l10n.t('Global key: any request whose context has it carries it, whatever the action.')}`);
  } else {
    lines.push(`- ${l10n.t('Applies to: {0}.', appliesToPhrase(actionsForConditionKey(info.key)))}`);
  }
  lines.push(`- ${multi
    ? l10n.t('Multi-valued: compare it with {0} or {1}.', code('ForAnyValue:'), code('ForAllValues:'))
    : l10n.t('Single-valued: use a plain operator, not {0} or {1}.', code('ForAllValues:'), code('ForAnyValue:'))}`);
  const values = valuesLine(info);
  if (values) lines.push(`- ${values}`);
  if (policy.kind === 'keyPolicy' && forbiddenInKeyPolicy(info)) lines.push(`- ${l10n.t('Supported only in IAM policies, not in key policies (KMS Developer Guide); use it in IAM policies.')}`);
  const own = actionsForConditionKey(info.key).length > 0 ? statementLines(entry, info, statement) : [];
  if (own.length > 0) lines.push('', ...own);
  return lines.join('\n');
}
