/**
 * The unknown parts written inside text: template interpolations,
 * placeholders people are meant to replace, and IAM policy variables. This
 * module knows what each looks like and what it is; value.ts turns the pieces
 * of a value into the one model every rule reads, and intrinsics.ts reads
 * CloudFormation functions into the same pieces.
 *
 * The syntaxes, and what each is:
 * - `${...}`: Terraform and `templatefile` interpolation (nested braces and
 *   quotes included: `${jsonencode({"a" = "b"})}`), shell `${VAR}`, Serverless
 *   `${self:...}`, `${opt:...}`, `${env:...}`, `${aws:accountId}`. Inside
 *   CloudFormation `Fn::Sub`, `${AWS::Region}` and `${Param}` are resolved by
 *   CloudFormation and `${!Literal}` is the literal `${Literal}`.
 * - `$${...}`: the templatefile escape for a literal `${...}`.
 * - `#{...}`: serverless-pseudo-parameters (`#{AWS::AccountId}`).
 * - `{{...}}`: Jinja, Mustache, Go templates; `{{resolve:...}}` is a
 *   CloudFormation dynamic reference. `{%...%}` and `%{...}` are directives.
 * - `<%= ... %>`: ERB (Ruby: Chef, Puppet, Rails); `<% ... %>` is a directive.
 * - `<...>`: `<ACCOUNT_ID>`, `<security-AccountId>`.
 * - `[...]`: `[ACCOUNT-ID]`, `[account-id]`, `[region]`, `[Account ID]`, as
 *   READMEs and tutorials write them; only an upper-case name or one that says
 *   what it stands for (account, Region, id, name, ARN...).
 * - `ACCOUNT_NUMBER_HERE`, `REGION_HERE`, `YOUR_ACCOUNT_ID`, `your-role-name`, the
 *   upper-case names READMEs use (`arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID`), and
 *   words left for whoever deploys the file (`REPLACE_ME`, `CHANGEME`, `TODO`).
 * - `{account_id}` and `{0}` (Python's and .NET's format strings), `%s` and
 *   `%(account_id)s` (printf formats), `$(AWS_ACCOUNT_ID)` (shell command
 *   substitution, Makefile and Azure Pipelines variables).
 * - `$VAR` (upper case, shell style; `$LATEST` is a Lambda version, not a variable),
 *   and `$snake_case` (`$role_arn`, `$account_id` in a shell heredoc); a lower-case
 *   name without an underscore is left alone (`$default` is an API Gateway stage).
 * - Masks: `XXXXXXXXXXXX`, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, `123456789XXX`,
 *   `REDACTED` (src/core/text/masks.ts): a value someone hid before sharing the file.
 * - A real IAM policy variable: `${aws:username}`, `${aws:PrincipalTag/team}`,
 *   `${saml:sub}`, `${*}`, `${?}`, `${$}`. AWS replaces these at request time,
 *   in Resource and in condition values only (IAM User Guide, "IAM policy
 *   elements: Variables and tags"). Serverless's `${aws:accountId}` and
 *   `${aws:region}` are not IAM keys and are read as Serverless variables.
 *
 * AWS documentation example values (`111122223333`, ids with `EXAMPLE`) are
 * not unknown: they are known values that happen to be examples, and
 * src/core/kms/identifiers.ts recognises them.
 */
import type { Node } from 'jsonc-parser';
import { maskEnd, mayHoldMask } from '../text/masks';
import { decodeJsonString, encodeJsonStringContent } from './jsonString';

/** Who gives the part its value. */
export type UnknownKind =
  /** A template engine (Terraform, templatefile, Serverless, Jinja, a shell) fills it in when the file is rendered. */
  | 'template'
  /** A person is meant to replace it (`<ACCOUNT_ID>`, `ACCOUNT_NUMBER_HERE`), or hid it (`XXXXXXXXXXXX`, `REDACTED`). */
  | 'placeholder'
  /** CloudFormation resolves it when the stack is deployed (`Ref`, `Fn::GetAtt`, `${AWS::Region}` in `Fn::Sub`). */
  | 'cloudFormation'
  /** IAM replaces it with a value of the request (`${aws:username}`). */
  | 'policyVariable';

export type UnknownSyntax = 'interpolation' | 'escaped' | 'serverless' | 'pseudoParameter' | 'braces' | 'directive' | 'angle' | 'bracket' | 'word' | 'shell' | 'function' | 'delimited' | 'mask';

/** What a part is known to stand for (CloudFormation pseudo parameters and their Serverless equivalents). */
export type UnknownMeaning = 'account' | 'region' | 'partition' | 'urlSuffix' | 'noValue';

export interface UnknownPart {
  kind: UnknownKind;
  syntax: UnknownSyntax;
  /** As written, for messages: `${account_id}`, `<ACCOUNT_ID>`, `!Ref KeyAdminArn`. */
  written: string;
  /** The name inside: `account_id`, `AWS::Region`, `aws:username`, `KeyAdminArn`. */
  name: string;
  means?: UnknownMeaning;
  /** Offsets of its characters in the policy's text. */
  start: number;
  end: number;
}

/** One piece of a value: known text taken from a string node, or an unknown part. */
export type Piece =
  | { text: string; node: Node; /** Index in the node's (decoded) value where the text starts. */ at: number; unknown?: undefined }
  | { unknown: UnknownPart; text?: undefined };

/**
 * How the policy's format writes string literals. JSON by default; a YAML or
 * Terraform reader supplies its own (quoting styles, `$${` escapes), and
 * every rule keeps working on exact offsets.
 */
export interface LiteralSyntax {
  /**
   * For a string node: the offset in the policy text of the character that
   * produced each character of its value (`map[value.length]` is the offset
   * just after the last one), or undefined when the value is written as is
   * between one opening and one closing delimiter character.
   */
  decode(node: Node, text: string): Int32Array | undefined;
  /** Text to put inside a literal for `s`. */
  encode(s: string): string;
}

/** JSON string literals: escapes make the written and decoded texts differ. */
export const JSON_LITERALS: LiteralSyntax = {
  decode(node, text) {
    const raw = text.slice(node.offset, node.offset + node.length);
    if (raw.length === String(node.value).length + 2) return undefined;
    const { map } = decodeJsonString(raw);
    return map.map((o) => node.offset + o);
  },
  encode: encodeJsonStringContent,
};

/** What a reader needs: the text the nodes point into, and how its literals are written. */
export interface ReadContext {
  text: string;
  literals: LiteralSyntax;
  /** Cached decode maps (null: written as is). */
  maps: WeakMap<Node, Int32Array | null>;
}

export function readContext(text: string, literals: LiteralSyntax = JSON_LITERALS): ReadContext {
  return { text, literals, maps: new WeakMap() };
}

/** Offset in the policy text of character `i` of a string node's value (`i` = length: just after the last one). */
export function offsetIn(ctx: ReadContext, node: Node, i: number): number {
  let map = ctx.maps.get(node);
  if (map === undefined) {
    map = ctx.literals.decode(node, ctx.text) ?? null;
    ctx.maps.set(node, map);
  }
  if (map === null) return node.offset + 1 + i;
  return map[Math.max(0, Math.min(i, map.length - 1))];
}

// ---------------------------------------------------------------- what a name is

const PSEUDO: Readonly<Record<string, UnknownMeaning>> = {
  'AWS::AccountId': 'account',
  'AWS::Region': 'region',
  'AWS::Partition': 'partition',
  'AWS::URLSuffix': 'urlSuffix',
  'AWS::NoValue': 'noValue',
};

const SERVERLESS_AWS: Readonly<Record<string, UnknownMeaning>> = { 'aws:accountId': 'account', 'aws:region': 'region' };

/** What a CloudFormation pseudo parameter (or a Serverless `aws:` variable) stands for. */
export function meaningOf(name: string): UnknownMeaning | undefined {
  return PSEUDO[name] ?? SERVERLESS_AWS[name.split(',')[0].trim()];
}

/** Serverless variable sources: `${self:...}`, `${opt:...}`, `${ssm(us-east-1):...}`... */
const SERVERLESS = /^(self|opt|env|sls|param|file|cf|ssm|s3|git|strToBool)[:(]/;
/**
 * An IAM policy variable: a condition key (`service:Name`, one colon after a
 * lower-case service prefix) with an optional default value
 * (`${aws:username, 'anonymous'}`), or one of the special characters.
 */
const POLICY_VARIABLE = /^(?:[a-z0-9][a-z0-9.-]*:[A-Za-z0-9_][A-Za-z0-9_/:.@-]*(?:\s*,\s*'[^']*')?|\*|\?|\$)$/;

/** Whether `${name}` is an IAM policy variable rather than a template's. */
export function isPolicyVariableName(name: string): boolean {
  if (SERVERLESS_AWS[name.split(',')[0].trim()] || SERVERLESS.test(name)) return false;
  return POLICY_VARIABLE.test(name) && !name.includes('::');
}

function interpolation(name: string): Pick<UnknownPart, 'kind' | 'syntax' | 'means'> {
  if (isPolicyVariableName(name)) return { kind: 'policyVariable', syntax: 'interpolation' };
  const means = meaningOf(name);
  if (SERVERLESS.test(name) || SERVERLESS_AWS[name.split(',')[0].trim()]) return { kind: 'template', syntax: 'serverless', means };
  return { kind: 'template', syntax: 'interpolation', means };
}

// ---------------------------------------------------------------- scanning

/** Where a scan finds an unknown part, as indexes in the scanned value. */
interface Found {
  from: number;
  to: number;
  name: string;
  kind: UnknownKind;
  syntax: UnknownSyntax;
  means?: UnknownMeaning;
}

/** `Fn::Sub` strings are CloudFormation's; other strings are read for every other syntax. */
export type ScanMode = 'plain' | 'sub';

/** The words one of the word placeholders below starts with or contains. */
const WORDS = /HERE|YOUR|your|REGION|ACCOUNT|PARTITION|_(?:ID|ARN|NAME)\b|REPLACE|CHANGE|TODO|TBD|FIXME|FILL|INSERT|ENTER/;
const MAYBE = new RegExp(`[$#{<%]|__[A-Za-z]|@@|\\[[A-Za-z]|${WORDS.source}`);
/** `<ACCOUNT_ID>`, and `<<ACCOUNT_ID>>` as some scripts write it. */
const ANGLE = /<<?([A-Za-z_][^<>"\n]{0,80})>>?/y;
/** `[ACCOUNT-ID]`, `[account-id]`, `[Account ID]`: a name in square brackets, as tutorials write them. */
const BRACKET = /\[([A-Za-z][A-Za-z0-9 _.-]{0,60})\]/y;
/**
 * What a bracketed name must be to be taken for a placeholder: upper case (`[ACCOUNT-ID]`, `[REGION]`), or a name
 * that says what it stands for (`[account-id]`, `[region]`, `[bucket-url]`), so that other bracketed text is not.
 */
const BRACKET_UPPER = /^[A-Z][A-Z0-9 _.-]*$/;
const BRACKET_WORDS = /account|region|partition|(?:^|[^a-z])id(?:$|[^a-z])|arn|name|bucket|role|user|key|org|your|number|topic|queue|table|function|secret|stream|domain|vpc|endpoint|url|stage|env/i;
/** Python's `str.format` and .NET's: `{account_id}`, `{0}` (a single brace; `{{...}}` is Jinja's). */
const FORMAT = /\{([A-Za-z0-9_][A-Za-z0-9_.-]{0,80})\}/y;
/** printf formats (Python `%`, Go `fmt.Sprintf`): `%s`, `%d`, `%v`, `%(account_id)s`. Not URL escapes: `%2F` has two hex digits. */
const PRINTF = /%(?:\(([A-Za-z_][A-Za-z0-9_]*)\))?[sdv]/y;
/** Shell command substitution, Makefile and Azure Pipelines variables: `$(AWS_ACCOUNT_ID)`, `$(aws sts get-caller-identity ...)`. */
const PAREN = /\$\(([^()"\n]{1,120})\)/y;
/** Words a file's author leaves for whoever deploys it: `REPLACE_ME`, `CHANGEME`, `TODO`, `INSERT_ACCOUNT_ID`. */
const TO_DO = /(?:REPLACE(?:_?ME|_WITH_[A-Z0-9_]+)|CHANGE_?ME|FILL_?(?:ME_?)?IN|TODO|TBD|FIXME|INSERT_[A-Z0-9_]+|ENTER_[A-Z0-9_]+)(?![A-Za-z0-9_])/y;
const HERE = /[A-Z0-9]+(?:[_-][A-Z0-9]+)*[_-]HERE(?![A-Za-z0-9_])/y;
/**
 * Upper-case names that documentation and READMEs write in place of a value:
 * `arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID`. Only these names, so that a real
 * upper-case role or bucket name is not taken for one.
 */
const NAMED = /(?:AWS_)?(?:REGION|ACCOUNT-ID-WITHOUT-HYPHENS|ACCOUNT(?:_?(?:ID|NUMBER|NO))?|PARTITION|KEY_?(?:ID|ARN)|ALIAS_?NAME|ROLE_?(?:NAME|ARN)|USER_?NAME|ORG(?:ANIZATION)?_?ID|BUCKET_?NAME)(?![A-Za-z0-9_-])/y;
const YOUR = /(?:YOUR[_-][A-Z0-9]+(?:[_-][A-Z0-9]+)*|your[_-][a-z0-9]+(?:[_-][a-z0-9]+)*)(?![A-Za-z0-9_])/y;
const SHELL = /\$([A-Z][A-Z0-9_]*)/y;
/** `$role_arn`, `$account_id`: shell variables in snake case (an underscore required: `$default` is an API Gateway stage). */
const SHELL_SNAKE = /\$([a-z][a-z0-9]*(?:_[a-z0-9]+)+)/y;
/**
 * Tokens that deploy scripts and CI pipelines replace by text substitution
 * (sed, Azure DevOps "replace tokens", Maven/Ant filtering, Windows batch):
 * `__AWS_ACCOUNT_ID__`, `@@ACCOUNT_ID@@`, `%ACCOUNT_ID%`. The name must start
 * with a letter, so `__` inside a real name or a URL-encoded `%2F` is not one.
 */
const DUNDER = /__([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)__/y;
const AT_AT = /@@([A-Za-z][A-Za-z0-9_]*)@@/y;
const PERCENT = /%([A-Z][A-Z0-9_]*)%/y;
const NOT_SHELL = new Set(['LATEST']);

/** Index just after the brace that closes the one at `open`, skipping quoted text; -1 when it is never closed. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (c === '"' || c === "'") {
      const q = c;
      for (j++; j < s.length && s[j] !== q; j++) if (s[j] === '\\') j++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** A cheap first look: false when the text surely holds no unknown part. */
export function mayHoldUnknown(s: string): boolean {
  return MAYBE.test(s) || mayHoldMask(s);
}

/** The unknown parts of a string value, in order. Cheap for the common string that has none. */
export function scan(s: string, mode: ScanMode = 'plain'): Found[] {
  const masks = mayHoldMask(s);
  if (!masks && !MAYBE.test(s)) return [];
  const words = WORDS.test(s);
  const out: Found[] = [];
  const sticky = (re: RegExp, i: number): RegExpExecArray | null => {
    re.lastIndex = i;
    return re.exec(s);
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    const next = s[i + 1];
    let found: Found | undefined;
    if (c === '$' && next === '$' && s[i + 2] === '{') {
      const end = closing(s, i + 2);
      const to = end === -1 ? s.length : end;
      const name = s.slice(i + 3, end === -1 ? s.length : end - 1);
      found = { from: i, to, name, ...interpolation(name), syntax: 'escaped' };
    } else if (c === '$' && next === '{') {
      const end = closing(s, i + 1);
      const to = end === -1 ? s.length : end;
      const inner = s.slice(i + 2, end === -1 ? s.length : end - 1);
      if (mode === 'sub' && inner.startsWith('!')) {
        // ${!Literal}: CloudFormation writes ${Literal}, which IAM then reads as it would any text.
        const name = inner.slice(1);
        found = { from: i, to, name, ...interpolation(name), syntax: 'escaped' };
      } else if (mode === 'sub') {
        found = { from: i, to, name: inner.trim(), kind: 'cloudFormation', syntax: 'interpolation', means: meaningOf(inner.trim()) };
      } else {
        const name = inner.trim();
        found = { from: i, to, name, ...interpolation(name) };
      }
    } else if (c === '#' && next === '{') {
      const end = closing(s, i + 1);
      const to = end === -1 ? s.length : end;
      const name = s.slice(i + 2, end === -1 ? s.length : end - 1).trim();
      found = { from: i, to, name, kind: 'template', syntax: 'pseudoParameter', means: meaningOf(name) };
    } else if (c === '{' && (next === '{' || next === '%')) {
      const close = next === '{' ? '}}' : '%}';
      const end = s.indexOf(close, i + 2);
      const to = end === -1 ? s.length : end + 2;
      const name = s.slice(i + 2, end === -1 ? s.length : end).trim();
      const resolve = next === '{' && name.startsWith('resolve:');
      found = { from: i, to, name, kind: resolve ? 'cloudFormation' : 'template', syntax: next === '{' ? 'braces' : 'directive' };
    } else if (c === '<' && next === '%') {
      // ERB: `<%= expr %>` writes a value, `<% code %>` runs code; both end at `%>`.
      const end = s.indexOf('%>', i + 2);
      const to = end === -1 ? s.length : end + 2;
      const expression = s[i + 2] === '=';
      const name = s.slice(i + (expression ? 3 : 2), end === -1 ? s.length : end).replace(/-$/, '').trim();
      found = { from: i, to, name, kind: 'template', syntax: expression ? 'braces' : 'directive' };
    } else if (c === '%' && next === '{') {
      const end = closing(s, i + 1);
      const to = end === -1 ? s.length : end;
      found = { from: i, to, name: s.slice(i + 2, end === -1 ? s.length : end - 1).trim(), kind: 'template', syntax: 'directive' };
    } else if (c === '$' && next === '(') {
      const m = sticky(PAREN, i);
      if (m) found = { from: i, to: i + m[0].length, name: m[1].trim(), kind: 'template', syntax: 'shell' };
    } else if (c === '{' && mode === 'plain' && !isWordChar(s[i - 1])) {
      // In Fn::Sub a lone `{name}` is literal text; elsewhere it is a format string's field.
      const m = sticky(FORMAT, i);
      if (m && s[i + m[0].length] !== '}') found = { from: i, to: i + m[0].length, name: m[1], kind: 'template', syntax: 'braces' };
    } else if (c === '%' && (next === 's' || next === 'd' || next === 'v' || next === '(')) {
      const m = sticky(PRINTF, i);
      if (m && !isWordChar(s[i + m[0].length])) found = { from: i, to: i + m[0].length, name: m[1] ?? m[0], kind: 'template', syntax: 'delimited' };
    } else if ((c === '_' && next === '_') || (c === '@' && next === '@') || (c === '%' && next !== undefined && /[A-Z]/.test(next))) {
      const m = sticky(c === '_' ? DUNDER : c === '@' ? AT_AT : PERCENT, i);
      if (m && !isWordChar(s[i - 1]) && !isWordChar(s[i + m[0].length])) found = { from: i, to: i + m[0].length, name: m[1], kind: 'template', syntax: 'delimited' };
    } else if (c === '<') {
      const m = sticky(ANGLE, i);
      if (m) found = { from: i, to: i + m[0].length, name: m[1].trim(), kind: 'placeholder', syntax: 'angle' };
    } else if (c === '[' && !(masks && maskEnd(s, i) !== -1)) {
      // `[REDACTED]` is a mask, read below as one.
      const m = sticky(BRACKET, i);
      if (m && (BRACKET_UPPER.test(m[1].trim()) || BRACKET_WORDS.test(m[1].trim()))) found = { from: i, to: i + m[0].length, name: m[1].trim(), kind: 'placeholder', syntax: 'bracket' };
    } else if (c === '$') {
      const m = sticky(SHELL, i) ?? sticky(SHELL_SNAKE, i);
      if (m && !NOT_SHELL.has(m[1]) && !isWordChar(s[i + m[0].length])) found = { from: i, to: i + m[0].length, name: m[1], kind: 'template', syntax: 'shell' };
    }
    if (!found && masks && !isWordChar(s[i - 1])) {
      const end = maskEnd(s, i);
      if (end !== -1) found = { from: i, to: end, name: s.slice(i, end), kind: 'placeholder', syntax: 'mask' };
    }
    if (!found && words && (c === 'Y' || c === 'y' || /[A-Z0-9]/.test(c)) && !isWordChar(s[i - 1])) {
      const m = (c === 'Y' || c === 'y' ? sticky(YOUR, i) : null) ?? sticky(HERE, i) ?? sticky(NAMED, i) ?? sticky(TO_DO, i);
      if (m) found = { from: i, to: i + m[0].length, name: m[0], kind: 'placeholder', syntax: 'word' };
    }
    if (found) {
      out.push(found);
      i = found.to;
    } else i++;
  }
  return out;
}

/**
 * A whole value that is the name of what goes there rather than a value:
 * `"Resource": "arn"`, `"key-arn"`, `"KMS_KEY_ARN"`, `"your-role-arn"`, `"KMS key ARN"`,
 * as samples and READMEs leave them. Only a whole string node (never a piece
 * of `Fn::Join`, where `"arn"` is the first field of the ARN being built), and
 * only names ending in "ARN": no AWS value is such a word.
 */
const SAMPLE_ARN = /^(?:(?:your|my|the|some|an?)[-_ ]?)?(?:(?:aws|kms|cmk|customer|managed|master|key|role|user|iam|bucket|s3|resource|topic|queue|secret|lambda|function|principal|target|data|encryption|decryption)[-_ ]?){0,4}arns?$/i;

/** The one unknown part of a string node that is a sample word where an ARN goes, or undefined. */
export function sampleWordPiece(node: Node, ctx: ReadContext): Piece | undefined {
  const value = String(node.value);
  if (value.length > 48 || !SAMPLE_ARN.test(value)) return undefined;
  const start = offsetIn(ctx, node, 0);
  const end = offsetIn(ctx, node, value.length);
  return { unknown: { kind: 'placeholder', syntax: 'word', written: value, name: value, start, end } };
}

/** The pieces of a string node's value: known text between the unknown parts found in it. */
export function stringPieces(node: Node, ctx: ReadContext, mode: ScanMode = 'plain'): Piece[] {
  const value = String(node.value);
  const found = scan(value, mode);
  if (found.length === 0) return value === '' ? [] : [{ text: value, node, at: 0 }];
  const pieces: Piece[] = [];
  let at = 0;
  for (const f of found) {
    if (f.from > at) pieces.push({ text: value.slice(at, f.from), node, at });
    const start = offsetIn(ctx, node, f.from);
    const end = offsetIn(ctx, node, f.to);
    pieces.push({ unknown: { kind: f.kind, syntax: f.syntax, written: value.slice(f.from, f.to), name: f.name, means: f.means, start, end } });
    at = f.to;
  }
  if (at < value.length) pieces.push({ text: value.slice(at), node, at });
  return pieces;
}
