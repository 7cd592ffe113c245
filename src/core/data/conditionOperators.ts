/**
 * IAM condition operators: what each one compares and how, for hovers,
 * completions and plain-language summaries. Source: the IAM User Guide,
 * "IAM JSON policy elements: Condition operators" and "Multivalued context
 * keys" (facts only; the wording here is ours).
 */
import * as l10n from '@vscode/l10n';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface ConditionOperatorInfo {
  name: string;
  family: OperatorFamily;
  /** Matches when the request value is none of the listed values (a missing key then matches too). */
  negated: boolean;
  /** `*` and `?` are wildcards. */
  wildcards: boolean;
  /** What it does, one sentence. */
  description: string;
}

/** The description is worded when read, in the language l10n is set to then (the table is built before it is set). */
const op = (name: string, family: OperatorFamily, describe: () => string, negated = false, wildcards = false): ConditionOperatorInfo => ({
  name,
  family,
  negated,
  wildcards,
  get description() {
    return describe();
  },
});

export const CONDITION_OPERATORS: readonly ConditionOperatorInfo[] = [
  op('StringEquals', 'String', () => l10n.t('Exact, case-sensitive string match.')),
  op('StringNotEquals', 'String', () => l10n.t('Negated exact, case-sensitive string match.'), true),
  op('StringEqualsIgnoreCase', 'String', () => l10n.t('Exact string match, ignoring case.')),
  op('StringNotEqualsIgnoreCase', 'String', () => l10n.t('Negated exact string match, ignoring case.'), true),
  op('StringLike', 'String', () => l10n.t('Case-sensitive match with `*` (any run of characters) and `?` (one character) wildcards.'), false, true),
  op('StringNotLike', 'String', () => l10n.t('Negated case-sensitive match with `*` and `?` wildcards.'), true, true),
  op('NumericEquals', 'Numeric', () => l10n.t('Number equal to the value.')),
  op('NumericNotEquals', 'Numeric', () => l10n.t('Number not equal to the value.'), true),
  op('NumericLessThan', 'Numeric', () => l10n.t('Number less than the value.')),
  op('NumericLessThanEquals', 'Numeric', () => l10n.t('Number less than or equal to the value.')),
  op('NumericGreaterThan', 'Numeric', () => l10n.t('Number greater than the value.')),
  op('NumericGreaterThanEquals', 'Numeric', () => l10n.t('Number greater than or equal to the value.')),
  op('DateEquals', 'Date', () => l10n.t('Date equal to the value (ISO 8601 date or epoch seconds).')),
  op('DateNotEquals', 'Date', () => l10n.t('Date not equal to the value.'), true),
  op('DateLessThan', 'Date', () => l10n.t('Date before the value.')),
  op('DateLessThanEquals', 'Date', () => l10n.t('Date before or at the value.')),
  op('DateGreaterThan', 'Date', () => l10n.t('Date after the value.')),
  op('DateGreaterThanEquals', 'Date', () => l10n.t('Date at or after the value.')),
  op('Bool', 'Bool', () => l10n.t('Boolean match: the value is `true` or `false` (a JSON boolean or the strings "true"/"false").')),
  op('BinaryEquals', 'Binary', () => l10n.t('Byte-for-byte match of a base64-encoded value.')),
  op('IpAddress', 'IpAddress', () => l10n.t('The IP address is in the given address or CIDR range.')),
  op('NotIpAddress', 'IpAddress', () => l10n.t('The IP address is in none of the given addresses or CIDR ranges.'), true),
  op('ArnEquals', 'Arn', () => l10n.t('Case-sensitive ARN match, part by part; each part may use `*` and `?` wildcards.'), false, true),
  op('ArnLike', 'Arn', () => l10n.t('Case-sensitive ARN match, part by part, with `*` and `?` wildcards.'), false, true),
  op('ArnNotEquals', 'Arn', () => l10n.t('Negated ARN match, part by part, with `*` and `?` wildcards.'), true, true),
  op('ArnNotLike', 'Arn', () => l10n.t('Negated ARN match, part by part, with `*` and `?` wildcards.'), true, true),
  op('Null', 'Null', () => l10n.t('`true`: the key is absent from the request; `false`: the key is present (whatever its value).')),
];

const byLower = new Map(CONDITION_OPERATORS.map((o) => [o.name.toLowerCase(), o]));

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

export interface ParsedOperator {
  /** As written. */
  text: string;
  /** `ForAllValues` / `ForAnyValue` prefix, if any (case as AWS spells it). */
  set?: SetOperator;
  /** Ends in `IfExists`. */
  ifExists: boolean;
  /** The base operator, if known. */
  base?: ConditionOperatorInfo;
  /** The base operator's name as written (without prefix and suffix). */
  baseText: string;
}

/**
 * Splits `ForAllValues:StringLikeIfExists` into its parts. IAM operator names
 * are case-sensitive as AWS spells them; lookups here ignore case so that a
 * hover can still explain a miscapitalised one (the rules report the case).
 */
export function parseOperator(text: string): ParsedOperator {
  let rest = text;
  let set: SetOperator | undefined;
  const m = /^(ForAllValues|ForAnyValue):/i.exec(rest);
  if (m) {
    set = m[1].toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = rest.slice(m[0].length);
  }
  let ifExists = false;
  if (/IfExists$/i.test(rest) && rest.length > 'IfExists'.length) {
    const base = byLower.get(rest.slice(0, -'IfExists'.length).toLowerCase());
    // Null has no IfExists form; "NullIfExists" is not an operator.
    if (base && base.family !== 'Null') {
      ifExists = true;
      rest = rest.slice(0, -'IfExists'.length);
    }
  }
  return { text, set, ifExists, base: byLower.get(rest.toLowerCase()), baseText: rest };
}

export function operatorInfo(name: string): ConditionOperatorInfo | undefined {
  return byLower.get(name.toLowerCase());
}

/** The operator families that suit a condition key's type (for completions and value hints). */
export function familiesForKeyType(type: string): OperatorFamily[] {
  const base = type.replace(/^ArrayOf/, '');
  switch (base) {
    case 'String': return ['String'];
    case 'ARN': return ['Arn', 'String'];
    case 'Bool': return ['Bool'];
    case 'Numeric': return ['Numeric'];
    case 'Date': return ['Date'];
    case 'IPAddress': return ['IpAddress'];
    case 'Binary': return ['Binary'];
    default: return ['String'];
  }
}

/**
 * What a condition evaluates to when the request has no value for its key
 * (IAM User Guide: a missing key makes positive operators false and negated
 * ones true; `...IfExists` is true; `ForAllValues` is true on an empty set,
 * `ForAnyValue` false; `Null` is true exactly when it checks for absence).
 */
export function whenKeyAbsent(op: ParsedOperator, values: readonly unknown[]): boolean {
  if (op.base?.family === 'Null') return values.length === 1 && String(values[0]).toLowerCase() === 'true';
  if (op.set === 'ForAllValues') return true;
  if (op.set === 'ForAnyValue') return false;
  if (op.ifExists) return true;
  return op.base?.negated === true;
}
