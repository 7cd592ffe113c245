/**
 * IAM condition operators: the base operators, the `IfExists` suffix and the
 * `ForAllValues:` / `ForAnyValue:` set prefixes (IAM User Guide, "IAM JSON
 * policy elements: Condition operators"). Operators are matched exactly, as
 * AWS does; a wrong case is an unknown operator with a one-candidate fix.
 * (Hovers use the case-tolerant parser in data/conditionOperators.ts, so that
 * they can still explain a miscapitalised operator.)
 */

import { CONDITION_OPERATORS, type OperatorFamily } from '../data/conditionOperators';

export type { OperatorFamily };
export type SetPrefix = 'ForAllValues' | 'ForAnyValue';

interface BaseOperator {
  family: OperatorFamily;
  /** True for the operators that match when the value differs (StringNotEquals, NotIpAddress, ...). */
  negated: boolean;
  /** True for the operators whose values are patterns with `*` and `?`. */
  pattern: boolean;
}

/** The base operators, from the one table of them (data/conditionOperators.ts), by exact name. */
const BASE: Readonly<Record<string, BaseOperator>> = Object.fromEntries(
  CONDITION_OPERATORS.map((o) => [o.name, { family: o.family, negated: o.negated, pattern: o.wildcards }]),
);

export const BASE_OPERATORS: readonly string[] = Object.keys(BASE);

export interface ParsedOperator {
  text: string;
  /** The operator without prefix and suffix, e.g. `StringLike`; undefined if it is not one. */
  base?: string;
  family?: OperatorFamily;
  set?: SetPrefix;
  ifExists: boolean;
  negated: boolean;
  pattern: boolean;
  /** The whole operator is valid. */
  valid: boolean;
  /** Why it is not valid, when the parts are known but combined wrongly. */
  problem?: 'nullIfExists';
}

const parsed = new Map<string, ParsedOperator>();

export function parseOperator(text: string): ParsedOperator {
  let p = parsed.get(text);
  if (!p) {
    p = parse(text);
    if (parsed.size < 10_000) parsed.set(text, p);
  }
  return p;
}

function parse(text: string): ParsedOperator {
  let rest = text;
  let set: SetPrefix | undefined;
  if (rest.startsWith('ForAllValues:')) {
    set = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    set = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest.length > 'IfExists'.length) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BASE[rest];
  if (!base) return { text, set, ifExists, negated: false, pattern: false, valid: false };
  // "Null with if exists" is rejected by IAM: Null already tests for absence.
  const problem = base.family === 'Null' && ifExists ? 'nullIfExists' : undefined;
  return { text, base: rest, family: base.family, set, ifExists, negated: base.negated, pattern: base.pattern, valid: !problem, problem };
}

let allOperators: string[] | undefined;

/** Every valid operator spelling (about 160), for "did you mean". */
export function allOperatorNames(): readonly string[] {
  if (!allOperators) {
    allOperators = [];
    for (const b of BASE_OPERATORS) {
      const forms = BASE[b].family === 'Null' ? [b] : [b, `${b}IfExists`];
      for (const f of forms) allOperators.push(f, `ForAllValues:${f}`, `ForAnyValue:${f}`);
    }
  }
  return allOperators;
}
