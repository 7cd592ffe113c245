/**
 * Reading what a policy says: the one place where the evaluator turns a policy
 * value into text it can compare. A value it cannot read whole is unknown, and
 * every check on it answers "cannot tell", never a guess:
 * - a value that is not a string, number or boolean (a CloudFormation function
 *   such as `{"Fn::Sub": ...}`, an object, a list where one value is expected);
 * - a template placeholder: `${AWS::AccountId}`, `${var.account}`, `{{account}}`,
 *   `<account-id>`.
 *
 * IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, with a
 * default `${aws:userid, 'anonymous'}`, and the escapes `${*}`, `${?}`, `${$}`)
 * are read here too, into a template the request fills in. They are told apart
 * from template placeholders by their shape: a condition key, `prefix:name`.
 * IAM User Guide, "IAM policy elements: Variables and tags":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 *
 * When the policy model learns values with known and unknown parts (issue 11),
 * this file is what adapts; nothing else in src/core/access reads raw values.
 */

/** One piece of a policy string. */
export type Token =
  /** Text as written: `*` and `?` in it are wildcards where the operator takes patterns. */
  | { kind: 'text'; text: string }
  /** A character from `${*}`, `${?}` or `${$}`: never a wildcard. */
  | { kind: 'literal'; text: string }
  /** A policy variable: the request's value of `key` (lower case), or `fallback` when the request has none. */
  | { kind: 'variable'; key: string; written: string; fallback?: string };

/** A policy string read: its tokens, or unknown. */
export type PolicyText =
  | { known: true; tokens: readonly Token[]; /** Set when there is a variable to fill in. */ variables: boolean; /** The plain text when there are no variables and no escapes. */ plain?: string }
  | { known: false; written: string };

/** `${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix}`, `${aws:userid, 'anonymous'}`. */
const VARIABLE = /^\s*([A-Za-z0-9-]+:[A-Za-z0-9_./:@+=,-]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/** Placeholders of templating tools, which stand for a value this file cannot see. */
const MUSTACHE = /\{\{[^}]*\}\}/;
const ANGLE_PLACEHOLDER = /<[A-Za-z][A-Za-z0-9 _-]*>/;

const UNKNOWN_CACHE = new Map<string, PolicyText>();
const MAX_CACHE = 20_000;

/**
 * Reads a policy string. `variables` says whether `${...}` may be an IAM policy
 * variable there: only in policies of version 2012-10-17, in the resource part
 * of a Resource ARN, and in String, ARN and Bool conditions; elsewhere it is text.
 */
export function readPolicyText(written: string, variables: boolean): PolicyText {
  const cacheKey = (variables ? 'v' : 't') + written;
  const hit = UNKNOWN_CACHE.get(cacheKey);
  if (hit) return hit;
  const read = parse(written, variables);
  if (UNKNOWN_CACHE.size < MAX_CACHE) UNKNOWN_CACHE.set(cacheKey, read);
  return read;
}

/** Words documentation writes for an account id (`account-id`, `customerAccountId`, `your-account-id`). */
const ACCOUNT_WORD = /^(account[-_ ]?id|customer[-_ ]?account[-_ ]?id|your[-_ ]?account[-_ ]?id|aws[-_ ]?account[-_ ]?id)$/i;

/**
 * An account placeholder: one of those words as the whole value, or an ARN
 * whose account is neither digits, nor empty (S3), nor `aws` (AWS managed
 * policies): `arn:aws:iam::customerAccountId:role/x`.
 */
function accountPlaceholder(written: string): boolean {
  if (!written.startsWith('arn:')) return ACCOUNT_WORD.test(written);
  const account = written.split(':', 5)[4];
  return account !== undefined && account !== '' && account !== 'aws' && !/^[\d*?]+$/.test(account) && !account.includes('${');
}

function parse(written: string, variables: boolean): PolicyText {
  if (MUSTACHE.test(written) || ANGLE_PLACEHOLDER.test(written) || accountPlaceholder(written)) return { known: false, written };
  if (!written.includes('${')) return { known: true, tokens: [{ kind: 'text', text: written }], variables: false, plain: written };
  const tokens: Token[] = [];
  let hasVariable = false;
  let escapes = false;
  let rest = 0;
  let i = written.indexOf('${');
  while (i !== -1) {
    const close = written.indexOf('}', i + 2);
    if (close === -1) break;
    const body = written.slice(i + 2, close);
    if (i > rest) tokens.push({ kind: 'text', text: written.slice(rest, i) });
    if (body === '*' || body === '?' || body === '$') {
      if (variables) {
        tokens.push({ kind: 'literal', text: body });
        escapes = true;
      } else {
        tokens.push({ kind: 'text', text: written.slice(i, close + 1) });
      }
    } else {
      const m = VARIABLE.exec(body);
      // `${AWS::AccountId}` (CloudFormation), `${var.x}` (Terraform), `${ account }`: not an IAM variable.
      if (!m || body.includes('::')) return { known: false, written };
      if (!variables) {
        tokens.push({ kind: 'text', text: written.slice(i, close + 1) });
      } else {
        tokens.push({ kind: 'variable', key: m[1].toLowerCase(), written: m[1], fallback: m[2] });
        hasVariable = true;
      }
    }
    rest = close + 1;
    i = written.indexOf('${', rest);
  }
  if (rest < written.length) tokens.push({ kind: 'text', text: written.slice(rest) });
  if (!hasVariable && !escapes) return { known: true, tokens: [{ kind: 'text', text: written }], variables: false, plain: written };
  return { known: true, tokens, variables: hasVariable };
}

/** A scalar policy value (a condition value: string, number or boolean) as text, or undefined for anything else. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
