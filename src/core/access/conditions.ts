/**
 * Condition operators, compiled once per policy and tested per request.
 *
 * The rules, from the IAM User Guide:
 * - "IAM JSON policy elements: Condition operators"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 *   String (StringEquals case-sensitive, ...IgnoreCase, StringLike with `*` and
 *   `?`), Numeric, Date (ISO 8601 or epoch seconds; no wildcards), Bool,
 *   BinaryEquals (base64), IpAddress/NotIpAddress (CIDR, a bare address is /32),
 *   ARN operators (each of the six colon-separated parts matched on its own;
 *   ArnEquals and ArnLike behave identically). A key absent from the request
 *   makes a condition false, or true for a negated operator (StringNotLike,
 *   ArnNotLike...), except for ...IfExists ("if the key is not present,
 *   evaluate the condition element as true") and Null (`true`: the key is
 *   absent; `false`: it is present).
 * - "Condition element with multiple context keys or values" (.../reference_policies_condition-logic-multiple-context-keys-or-values.html):
 *   several values of one key are ORed; for a negated operator they are NORed;
 *   several keys and operators are ANDed.
 * - "Single-valued vs. multivalued context keys" (.../reference_policies_condition-single-vs-multi-valued-context-keys.html):
 *   ForAllValues is true when every request value matches a policy value, and
 *   also when the key is missing or its set is empty; ForAnyValue is true when
 *   any request value matches, false when the key is missing or empty, with or
 *   without IfExists (the pages do not combine the two; AWS answers false, as
 *   users report on re:Post). A
 *   multivalued key needs a set operator; what a plain operator does with
 *   several request values is not documented, so the evaluator says "cannot tell".
 * - "IAM policy elements: Variables and tags" (.../reference_policies_variables.html):
 *   variables work in String, ARN and Bool conditions (not Numeric, Date,
 *   Binary, IpAddress or Null), only in policies of version 2012-10-17; a
 *   variable whose key the request lacks makes the match fail ("any attempt to
 *   match it fails"), unless it has a default.
 */
import type { ConditionRef } from '../policy/normalize';
import { arnGlobOf, arnGlobMatch, arnParts, globMatch, globOf, globOfParts, type ArnGlob, type Glob, type GlobPart } from './glob';
import { inRange, parseCidr, parseIp, type IpRange } from './ip';
import type { RequestContext } from './context';
import { not, type Tri } from './truth';
import { readPolicyText, scalarText, type Token } from './values';

/** How one condition came out for one request. */
export type ConditionOutcome =
  | 'yes'
  /** The request's value does not match. */
  | 'mismatch'
  /** The request has no value for the key. */
  | 'absent'
  /** The request's value is not known. */
  | 'unknown'
  /** The policy's operator or values cannot be read (unknown operator, placeholder). */
  | 'unreadable';

export function outcomeTruth(o: ConditionOutcome): Tri {
  return o === 'yes' ? 'yes' : o === 'mismatch' || o === 'absent' ? 'no' : 'unknown';
}

export interface CompiledCondition {
  /** Position in the statement's list of condition entries. */
  index: number;
  operator: string;
  key: string;
  /** The policy's values as written. */
  values: readonly unknown[];
  test(ctx: RequestContext): ConditionOutcome;
}

/** Tests one request value against the policy values under the positive form of the operator. */
type AnyValue = (requestValue: string, ctx: RequestContext) => Tri;

interface Matcher {
  any: AnyValue;
  /** Some policy value cannot be read. */
  unreadable: boolean;
}

const COMPARATORS: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  Equals: (a, b) => a === b,
  NotEquals: (a, b) => a === b, // negated: the caller inverts
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
};

const W3C_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** Milliseconds of an ISO 8601 (W3C profile) date or of epoch seconds; NaN when it is neither, or ambiguous (four digits). */
export function parseDate(s: string): number {
  const text = s.trim();
  if (/^\d{5,}(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const m = W3C_DATE.exec(text);
  if (!m || !m[2]) return NaN;
  const [, y, mo, d = '01', h = '00', mi = '00', sec = '00', frac = '', tz = 'Z'] = m;
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}${frac}${tz}`);
  return t;
}

/** `true`/`false` as IAM writes them (a JSON boolean, or the string in lower case). */
function boolText(v: unknown): 'true' | 'false' | undefined {
  if (v === true || v === 'true') return 'true';
  if (v === false || v === 'false') return 'false';
  return undefined;
}

/** Base64 without padding or line breaks, so equal bytes give equal text. */
function canonicalBase64(s: string): string {
  return s.replace(/[\s=]/g, '');
}

type Resolved = GlobPart[] | 'unknown' | 'unresolved';

/**
 * One policy variable filled from the request: its value, never a wildcard; 'unknown' when
 * the request does not say; 'unresolved' when the key is missing or multivalued (which
 * cannot be a variable) and no default is given. Shared by condition values and Resource.
 */
export function fillVariable(t: Extract<Token, { kind: 'variable' }>, ctx: RequestContext): GlobPart | 'unknown' | 'unresolved' {
  const v = ctx.get(t.key);
  if (v === undefined) return 'unknown';
  if (v === null || v.length !== 1) return t.fallback === undefined ? 'unresolved' : { text: t.fallback, wildcards: false };
  return { text: v[0], wildcards: false };
}

/** Fills a template's variables from the request. */
function resolve(tokens: readonly Token[], ctx: RequestContext, wildcards: boolean): Resolved {
  const parts: GlobPart[] = [];
  for (const t of tokens) {
    if (t.kind === 'text') parts.push({ text: t.text, wildcards });
    else if (t.kind === 'literal') parts.push({ text: t.text, wildcards: false });
    else {
      const part = fillVariable(t, ctx);
      if (typeof part === 'string') return part;
      parts.push(part);
    }
  }
  return parts;
}

interface Readings<T> {
  fixed: T[];
  templates: Array<readonly Token[]>;
  unreadable: boolean;
}

/** Reads a condition's values into matchers of one kind; `variables` where the operator family allows them. */
function readValues<T>(values: readonly unknown[], variables: boolean, make: (text: string) => T | undefined): Readings<T> {
  const out: Readings<T> = { fixed: [], templates: [], unreadable: false };
  for (const v of values) {
    const text = scalarText(v);
    const read = text === undefined ? undefined : readPolicyText(text, variables);
    if (!read || !read.known) {
      out.unreadable = true;
      continue;
    }
    if (read.plain !== undefined || !read.variables) {
      const plain = read.plain ?? read.tokens.map((t) => (t.kind === 'variable' ? '' : t.text)).join('');
      // Escapes (`${*}`) without variables: keep them as a template so they stay literal.
      if (read.plain === undefined) {
        out.templates.push(read.tokens);
        continue;
      }
      const m = make(plain);
      if (m === undefined) out.unreadable = true;
      else out.fixed.push(m);
    } else out.templates.push(read.tokens);
  }
  return out;
}

/**
 * OR over the policy values. A template whose variable the request lacks
 * matches nothing; under a negated operator that would make the condition
 * true, which AWS documents only as "might cause the entire statement to be
 * invalid", so it is "cannot tell" there.
 */
function anyOf<T>(r: Readings<T>, negated: boolean, matchFixed: (m: T) => boolean, matchTemplate: (parts: GlobPart[]) => boolean, ctx: RequestContext): Tri {
  for (const m of r.fixed) if (matchFixed(m)) return 'yes';
  let unknown = r.unreadable;
  for (const t of r.templates) {
    const parts = resolve(t, ctx, true);
    if (parts === 'unknown') unknown = true;
    else if (parts === 'unresolved') {
      if (negated) unknown = true;
    } else if (matchTemplate(parts)) return 'yes';
  }
  return unknown ? 'unknown' : 'no';
}

function stringMatcher(values: readonly unknown[], like: boolean, ignoreCase: boolean, negated: boolean, variables: boolean): Matcher {
  const r = readValues<Glob>(values, variables, (t) => globOf(t, like, ignoreCase));
  const any: AnyValue = (value, ctx) => {
    const v = ignoreCase ? value.toLowerCase() : value;
    return anyOf(r, negated, (g) => globMatch(g, v), (parts) => globMatch(globOfParts(like ? parts : parts.map((p) => ({ text: p.text, wildcards: false })), ignoreCase), v), ctx);
  };
  return { any, unreadable: r.unreadable };
}

function arnMatcher(values: readonly unknown[], negated: boolean, variables: boolean): Matcher {
  const r = readValues<ArnGlob>(values, variables, (t) => arnGlobOf([{ text: t, wildcards: true }]));
  const any: AnyValue = (value, ctx) => {
    const parts = arnParts(value);
    return anyOf(r, negated, (g) => arnGlobMatch(g, value, parts), (p) => arnGlobMatch(arnGlobOf(p), value, parts), ctx);
  };
  return { any, unreadable: r.unreadable };
}

function boolMatcher(values: readonly unknown[], negated: boolean, variables: boolean): Matcher {
  // Booleans are read from the raw values: JSON true/false as well as strings.
  const r: Readings<'true' | 'false'> = { fixed: [], templates: [], unreadable: false };
  for (const v of values) {
    const b = boolText(v);
    if (b) r.fixed.push(b);
    else {
      const text = scalarText(v);
      const read = text === undefined ? undefined : readPolicyText(text, variables);
      if (read?.known && read.variables) r.templates.push(read.tokens);
      else r.unreadable = true;
    }
  }
  const any: AnyValue = (value, ctx) => anyOf(r, negated, (b) => b === value, (parts) => parts.map((p) => p.text).join('') === value, ctx);
  return { any, unreadable: r.unreadable };
}

function numericMatcher(values: readonly unknown[], compare: (a: number, b: number) => boolean, date: boolean): Matcher {
  const r = readValues<number>(values, false, (t) => {
    const n = date ? parseDate(t) : /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(t) ? Number(t) : NaN;
    return Number.isNaN(n) ? undefined : n;
  });
  const any: AnyValue = (value) => {
    const v = date ? parseDate(value) : Number(value);
    if (Number.isNaN(v)) return r.unreadable ? 'unknown' : 'no';
    for (const n of r.fixed) if (compare(v, n)) return 'yes';
    return r.unreadable ? 'unknown' : 'no';
  };
  return { any, unreadable: r.unreadable };
}

function binaryMatcher(values: readonly unknown[]): Matcher {
  const r = readValues<string>(values, false, canonicalBase64);
  const any: AnyValue = (value) => {
    const v = canonicalBase64(value);
    for (const b of r.fixed) if (b === v) return 'yes';
    return r.unreadable ? 'unknown' : 'no';
  };
  return { any, unreadable: r.unreadable };
}

function ipMatcher(values: readonly unknown[]): Matcher {
  const r = readValues<IpRange>(values, false, parseCidr);
  const any: AnyValue = (value) => {
    const ip = parseIp(value);
    if (ip) for (const range of r.fixed) if (inRange(ip, range)) return 'yes';
    return r.unreadable ? 'unknown' : 'no';
  };
  return { any, unreadable: r.unreadable };
}

const UNREADABLE = (): ConditionOutcome => 'unreadable';

/** Compiles one condition entry; `variables` is false for policies older than version 2012-10-17. */
export function compileCondition(ref: ConditionRef, index: number, variables: boolean): CompiledCondition {
  const { entry, op } = ref;
  const values = entry.values.map((v) => v.value);
  const base = { index, operator: entry.operator, key: entry.key, values };
  const keyLower = entry.key.toLowerCase();
  // An operator AWS does not know makes AWS reject the policy: nothing here can say what is in force.
  if (!op.valid || !op.base || !op.family) return { ...base, test: UNREADABLE };
  // A value that is not a scalar (an object, a template function) cannot be read at all.
  if (entry.values.some((v) => v.node.type === 'object' || v.node.type === 'array')) return { ...base, test: UNREADABLE };

  if (op.family === 'Null') {
    const want = values.length === 1 ? (boolText(values[0]) ?? (typeof values[0] === 'string' ? boolText(values[0].toLowerCase()) : undefined)) : undefined;
    if (want === undefined) return { ...base, test: UNREADABLE };
    return {
      ...base,
      test(ctx) {
        const v = ctx.get(keyLower);
        if (v === undefined) return 'unknown';
        const present = v !== null && v.length > 0;
        return (want === 'true') === !present ? 'yes' : present ? 'mismatch' : 'absent';
      },
    };
  }

  const negated = op.negated;
  const suffix = op.base.slice(op.family.length);
  let m: Matcher;
  switch (op.family) {
    case 'String':
      m = stringMatcher(values, op.pattern, /IgnoreCase$/.test(op.base), negated, variables);
      break;
    case 'Arn':
      m = arnMatcher(values, negated, variables);
      break;
    case 'Bool':
      m = boolMatcher(values, negated, variables);
      break;
    case 'Numeric':
    case 'Date': {
      const compare = COMPARATORS[suffix];
      if (!compare) return { ...base, test: UNREADABLE };
      m = numericMatcher(values, compare, op.family === 'Date');
      break;
    }
    case 'Binary':
      m = binaryMatcher(values);
      break;
    case 'IpAddress':
      m = ipMatcher(values);
      break;
    default:
      return { ...base, test: UNREADABLE };
  }
  const any = m.any;
  const one = negated ? (r: string, ctx: RequestContext): Tri => not(any(r, ctx)) : any;
  // "Cannot tell" because of the policy's own values, not the request's.
  const unsure: ConditionOutcome = m.unreadable ? 'unreadable' : 'unknown';
  const set = op.set;
  const ifExists = op.ifExists;

  return {
    ...base,
    test(ctx) {
      let v = ctx.get(keyLower);
      if (v === undefined) return 'unknown';
      if (v !== null && v.length === 0) v = null;
      if (v === null) {
        // ForAnyValue on a missing key is false even with IfExists: the set operator's
        // rule ("no matching context key ... returns false") is what AWS applies
        // (observed in https://repost.aws/questions/QU9HFmDzP0QGuU-fd7rS6B7w); same as
        // whenKeyAbsent in data/conditionOperators.ts, which the hovers use.
        if (set === 'ForAllValues') return 'yes';
        if (set === 'ForAnyValue') return 'absent';
        if (ifExists) return 'yes';
        return negated ? 'yes' : 'absent';
      }
      if (set === undefined) {
        if (v.length > 1) return 'unknown';
        const t = one(v[0], ctx);
        return t === 'yes' ? 'yes' : t === 'no' ? 'mismatch' : unsure;
      }
      let unknown = false;
      if (set === 'ForAnyValue') {
        for (const r of v) {
          const t = one(r, ctx);
          if (t === 'yes') return 'yes';
          if (t === 'unknown') unknown = true;
        }
        return unknown ? unsure : 'mismatch';
      }
      for (const r of v) {
        const t = one(r, ctx);
        if (t === 'no') return 'mismatch';
        if (t === 'unknown') unknown = true;
      }
      return unknown ? unsure : 'yes';
    },
  };
}
