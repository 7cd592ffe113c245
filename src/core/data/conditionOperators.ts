/**
 * IAM condition operators: what each one compares and how, for hovers,
 * completions and plain-language summaries. Source: the IAM User Guide,
 * "IAM JSON policy elements: Condition operators" and "Multivalued context
 * keys" (facts only; the wording here is ours).
 */

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

const op = (name: string, family: OperatorFamily, description: string, negated = false, wildcards = false): ConditionOperatorInfo => ({ name, family, negated, wildcards, description });

export const CONDITION_OPERATORS: readonly ConditionOperatorInfo[] = [
  op('StringEquals', 'String', 'Exact, case-sensitive string match.'),
  op('StringNotEquals', 'String', 'Negated exact, case-sensitive string match.', true),
  op('StringEqualsIgnoreCase', 'String', 'Exact string match, ignoring case.'),
  op('StringNotEqualsIgnoreCase', 'String', 'Negated exact string match, ignoring case.', true),
  op('StringLike', 'String', 'Case-sensitive match with `*` (any run of characters) and `?` (one character) wildcards.', false, true),
  op('StringNotLike', 'String', 'Negated case-sensitive match with `*` and `?` wildcards.', true, true),
  op('NumericEquals', 'Numeric', 'Number equal to the value.'),
  op('NumericNotEquals', 'Numeric', 'Number not equal to the value.', true),
  op('NumericLessThan', 'Numeric', 'Number less than the value.'),
  op('NumericLessThanEquals', 'Numeric', 'Number less than or equal to the value.'),
  op('NumericGreaterThan', 'Numeric', 'Number greater than the value.'),
  op('NumericGreaterThanEquals', 'Numeric', 'Number greater than or equal to the value.'),
  op('DateEquals', 'Date', 'Date equal to the value (ISO 8601 date or epoch seconds).'),
  op('DateNotEquals', 'Date', 'Date not equal to the value.', true),
  op('DateLessThan', 'Date', 'Date before the value.'),
  op('DateLessThanEquals', 'Date', 'Date before or at the value.'),
  op('DateGreaterThan', 'Date', 'Date after the value.'),
  op('DateGreaterThanEquals', 'Date', 'Date at or after the value.'),
  op('Bool', 'Bool', 'Boolean match: the value is `true` or `false` (a JSON boolean or the strings "true"/"false").'),
  op('BinaryEquals', 'Binary', 'Byte-for-byte match of a base64-encoded value.'),
  op('IpAddress', 'IpAddress', 'The IP address is in the given address or CIDR range.'),
  op('NotIpAddress', 'IpAddress', 'The IP address is in none of the given addresses or CIDR ranges.', true),
  op('ArnEquals', 'Arn', 'Case-sensitive ARN match, part by part; each part may use `*` and `?` wildcards.', false, true),
  op('ArnLike', 'Arn', 'Case-sensitive ARN match, part by part, with `*` and `?` wildcards.', false, true),
  op('ArnNotEquals', 'Arn', 'Negated ARN match, part by part, with `*` and `?` wildcards.', true, true),
  op('ArnNotLike', 'Arn', 'Negated ARN match, part by part, with `*` and `?` wildcards.', true, true),
  op('Null', 'Null', '`true`: the key is absent from the request; `false`: the key is present (whatever its value).'),
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
