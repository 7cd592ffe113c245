/**
 * JSON syntax problems with exact ranges, found with jsonc-parser's streaming
 * visitor (no tree). Each problem has a kind so that each kind can be its own
 * rule (own severity setting, own quick fix).
 */
import { visit, ParseErrorCode } from 'jsonc-parser';
import { applyEdits } from '../edits';
import * as l10n from '@vscode/l10n';
import type { Fix } from '../types';

export type SyntaxProblemKind =
  | 'trailingComma'
  | 'missingComma'
  | 'unterminatedString'
  | 'comment'
  | 'duplicateKey'
  | 'tooDeep'
  | 'smartQuotes'
  | 'unquotedKey'
  | 'invalid';

export interface SyntaxProblem {
  kind: SyntaxProblemKind;
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
}

/** Deeper than this, the recursive parsers are not run (and a problem says so). */
export const MAX_NESTING = 512;

function describe(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.InvalidSymbol: return l10n.t('Invalid symbol: this is not JSON.');
    case ParseErrorCode.InvalidNumberFormat: return l10n.t('Invalid number.');
    case ParseErrorCode.PropertyNameExpected: return l10n.t('A property name in double quotes is expected here.');
    case ParseErrorCode.ValueExpected: return l10n.t('A value is expected here.');
    case ParseErrorCode.ColonExpected: return l10n.t('A colon is expected here.');
    case ParseErrorCode.CommaExpected: return l10n.t('A comma or a closing bracket is expected here.');
    case ParseErrorCode.CloseBraceExpected: return l10n.t('A closing brace "}" is expected here.');
    case ParseErrorCode.CloseBracketExpected: return l10n.t('A closing bracket "]" is expected here.');
    case ParseErrorCode.EndOfFileExpected: return l10n.t('Text after the end of the JSON value.');
    case ParseErrorCode.UnexpectedEndOfComment: return l10n.t('Unterminated comment.');
    case ParseErrorCode.UnexpectedEndOfNumber: return l10n.t('Unterminated number.');
    case ParseErrorCode.InvalidUnicode: return l10n.t('Invalid unicode escape sequence.');
    case ParseErrorCode.InvalidEscapeCharacter: return l10n.t('Invalid escape character in string.');
    case ParseErrorCode.InvalidCharacter: return l10n.t('Invalid character in string (control characters must be escaped).');
    default: return l10n.t('Invalid JSON.');
  }
}

/**
 * Syntax problems of the JSON text in [start, end) of `text`, offsets in `text`.
 * `allowComments` is true for JSONC documents, where comments are accepted.
 */
export function findSyntaxProblems(text: string, start: number, end: number, allowComments: boolean): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const original = start === 0 && end === text.length ? text : text.slice(start, end);
  // Pasted-text quirks are reported once each, with a fix; the parser then reads the text as if
  // they were repaired, so they do not set off a cascade of errors after them.
  const quirks = findPastedQuirks(original);
  problems.push(...quirkProblems(quirks, start));
  const source = neutraliseQuirks(original, quirks);
  const bareKeys = new Set(quirks.unquotedKeys.map((k) => k.start));

  // End of the last complete value, for "insert the missing comma here".
  let lastValueEnd = -1;
  // Offset of the last ',' separator not yet followed by a value.
  let pendingComma = -1;
  // Keys seen in each open object, innermost last.
  const keyStack: Array<Map<string, number>> = [];
  // After an unterminated string the rest of its line is noise.
  let quietUntil = -1;
  // Where the last unterminated string began, and whether the last value was that string:
  // a "missing comma" right after it is its echo (inserting a comma would land inside the string).
  let brokenStringAt = -1;
  let lastValueBroken = false;
  // One error usually drags others after it (a stray character, then "property expected", ...):
  // after reporting one, stay quiet until the parser is back on a real property or value.
  let recovering = false;

  const valueDone = (offset: number, length: number): void => {
    lastValueEnd = offset + length;
    pendingComma = -1;
    recovering = false;
  };

  visit(
    source,
    {
      onObjectBegin: () => {
        keyStack.push(new Map());
        pendingComma = -1;
        recovering = false;
      },
      onObjectEnd: (offset, length) => {
        keyStack.pop();
        valueDone(offset, length);
      },
      onArrayBegin: () => {
        pendingComma = -1;
        recovering = false;
      },
      onArrayEnd: (offset, length) => valueDone(offset, length),
      onLiteralValue: (_value, offset, length) => {
        valueDone(offset, length);
        lastValueBroken = offset === brokenStringAt;
      },
      onObjectProperty: (property, offset, length) => {
        pendingComma = -1;
        recovering = false;
        const keys = keyStack[keyStack.length - 1];
        // The parser saw a bare key under a stand-in name: no duplicate check on it.
        if (!keys || bareKeys.has(offset)) return;
        const first = keys.get(property);
        if (first === undefined) {
          keys.set(property, offset);
        } else {
          problems.push({
            kind: 'duplicateKey',
            start: start + offset,
            end: start + offset + length,
            message: l10n.t('Duplicate key "{0}" in this object: parsers keep only one of them, so the other is silently lost.', property),
          });
        }
      },
      onSeparator: (character, offset) => {
        if (character === ',') pendingComma = offset;
      },
      onError: (error, offset, length) => {
        const at = start + offset;
        // Noted even when the error itself is not reported (it may follow another one).
        if (error === ParseErrorCode.UnexpectedEndOfString) brokenStringAt = offset;
        if (at < quietUntil || recovering) return;
        // A bracket "missing" at the very end after an earlier error is that error's echo, not a second mistake.
        const atEnd = offset >= source.length;
        if (atEnd && problems.some((p) => p.kind !== 'duplicateKey' && p.kind !== 'smartQuotes' && p.kind !== 'unquotedKey') && (error === ParseErrorCode.CloseBraceExpected || error === ParseErrorCode.CloseBracketExpected)) return;
        recovering = true;
        if (error === ParseErrorCode.InvalidCommentToken) {
          recovering = false; // a comment is a problem of its own; parsing goes on normally after it
          // An unterminated `/*` at the very end is given one character more than the text has: the comment ends with the text.
          const end = Math.min(at + length, start + source.length);
          problems.push({
            kind: 'comment',
            start: at,
            end,
            message: l10n.t('Comments are not allowed in JSON: AWS rejects a policy that contains them.'),
            fixes: [{ title: l10n.t('Remove the comment'), edits: [{ start: at, end, newText: '' }], safety: 'repair' }],
          });
          return;
        }
        if (error === ParseErrorCode.UnexpectedEndOfString) {
          const lineEnd = nextLineBreak(text, at, start + source.length);
          quietUntil = lineEnd;
          problems.push({
            kind: 'unterminatedString',
            start: at,
            end: Math.max(at + length, at + 1),
            message: l10n.t('Unterminated string: the closing double quote is missing.'),
          });
          return;
        }
        const ch = source.charCodeAt(offset);
        const closes = ch === 125 /* } */ || ch === 93; /* ] */
        if ((error === ParseErrorCode.PropertyNameExpected || error === ParseErrorCode.ValueExpected) && closes && pendingComma >= 0) {
          const comma = start + pendingComma;
          problems.push({
            kind: 'trailingComma',
            start: comma,
            end: comma + 1,
            message: l10n.t('Trailing comma: JSON does not allow a comma before "{0}"; AWS refuses a policy written so, and JSON readers such a file.', ch === 125 ? '}' : ']'),
            fixes: [{ title: l10n.t('Remove the trailing comma'), edits: [{ start: comma, end: comma + 1, newText: '' }], safety: 'repair' }],
          });
          pendingComma = -1;
          return;
        }
        // `{...},` with nothing after it: a statement (or event) copied out of a list, with the list's comma.
        if (error === ParseErrorCode.EndOfFileExpected && ch === 44 /* , */ && onlyBlankAfter(source, offset + 1)) {
          problems.push({
            kind: 'trailingComma',
            start: at,
            end: at + 1,
            message: l10n.t('Trailing comma after the end of the JSON value (copied out of a list?): JSON does not allow it; AWS refuses a policy written so, and JSON readers such a file.'),
            fixes: [{ title: l10n.t('Remove the trailing comma'), edits: [{ start: at, end: at + 1, newText: '' }], safety: 'repair' }],
          });
          return;
        }
        if (error === ParseErrorCode.CommaExpected && lastValueBroken) return;
        if (error === ParseErrorCode.CommaExpected && lastValueEnd >= 0 && lastValueEnd <= offset && startsValue(ch)) {
          const insertAt = start + lastValueEnd;
          problems.push({
            kind: 'missingComma',
            start: at,
            end: at + Math.max(length, 1),
            message: l10n.t('Missing comma before this element.'),
            fixes: [{ title: l10n.t('Insert the missing comma'), edits: [{ start: insertAt, end: insertAt, newText: ',' }], safety: 'repair' }],
          });
          return;
        }
        problems.push({ kind: 'invalid', start: at, end: at + Math.max(length, 1), message: describe(error) });
      },
    },
    { disallowComments: !allowComments, allowTrailingComma: false, allowEmptyContent: false },
  );
  // An error at the very end of truncated text (a missing brace) is reported one character long:
  // that character is past the end, so the range ends at the end instead.
  const last = start + source.length;
  for (const p of problems) {
    if (p.end > last) p.end = Math.max(last, p.start);
  }
  return problems;
}

function quirkProblems(q: PastedQuirks, start: number): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  if (q.smartQuotes.length > 0) {
    const first = start + q.smartQuotes[0];
    const second = q.smartQuotes.length > 1 ? start + q.smartQuotes[1] + 1 : first + 1;
    out.push({
      kind: 'smartQuotes',
      start: first,
      end: second,
      message: q.smartQuotes.length === 1
        ? l10n.t('A curly quote (“ ” ‘ ’), as chat tools and word processors write them: JSON needs straight double quotes (").')
        : l10n.t('{0} curly quotes (“ ” ‘ ’), as chat tools and word processors write them: JSON needs straight double quotes ("). This is the first.', q.smartQuotes.length),
      fixes: [{ title: l10n.t('Replace the curly quotes with straight double quotes'), edits: q.smartQuotes.map((o) => ({ start: start + o, end: start + o + 1, newText: '"' })), safety: 'repair' }],
    });
  }
  for (const k of q.unquotedKeys) {
    out.push({
      kind: 'unquotedKey',
      start: start + k.start,
      end: start + k.end,
      message: l10n.t('Property names need double quotes in JSON.'),
      fixes: [{ title: l10n.t('Put the name in double quotes'), edits: [{ start: start + k.start, end: start + k.start, newText: '"' }, { start: start + k.end, end: start + k.end, newText: '"' }], safety: 'repair' }],
    });
  }
  return out;
}

/** A token that can begin a value or a property name: only then is a missing comma the likely mistake. */
/** Only whitespace from `from` to the end of `source`. */
function onlyBlankAfter(source: string, from: number): boolean {
  return /^\s*$/.test(source.slice(from));
}

function startsValue(ch: number): boolean {
  return ch === 34 /* " */ || ch === 123 /* { */ || ch === 91 /* [ */ || ch === 45 /* - */ || (ch >= 48 && ch <= 57) || ch === 116 /* t */ || ch === 102 /* f */ || ch === 110; /* n */
}

function nextLineBreak(text: string, from: number, limit: number): number {
  const n = text.indexOf('\n', from);
  return n === -1 || n > limit ? limit : n;
}

/**
 * What chat tools and word processors do to pasted JSON: “smart quotes” in
 * place of straight ones, and (from JavaScript or YAML habits) property names
 * without quotes. Offsets are relative to the scanned source.
 */
export interface PastedQuirks {
  /** Offsets of curly quotes used where JSON needs `"` (outside straight-quoted strings). */
  smartQuotes: number[];
  /** Bare property names `{ eventName: ...}`: identifiers directly followed by a colon, in object-key position. */
  unquotedKeys: Array<{ start: number; end: number }>;
}

const DOUBLE_SMART = new Set([0x201c, 0x201d, 0x201e, 0x201f]);
const SINGLE_SMART = new Set([0x2018, 0x2019, 0x201a, 0x201b]);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
}

/**
 * Finds the quirks in one pass. Unambiguous only: a curly quote inside a real
 * string ("It’s") is text and stays; a bare name counts only where an object
 * expects a key and a colon follows it, and names with colons
 * (`aws:ecs:clusterName`) are left alone because where they end is a guess.
 */
export function findPastedQuirks(source: string): PastedQuirks {
  const smartQuotes: number[] = [];
  const unquotedKeys: Array<{ start: number; end: number }> = [];
  // Containers open at this point, innermost last: 123 '{' or 91 '['.
  const stack: number[] = [];
  let expectKey = false;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 34) {
      // A straight-quoted string: skip it whole (to its closing quote or the end of the line).
      let j = i + 1;
      while (j < n) {
        const d = source.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34 || d === 10) break;
        else j++;
      }
      i = j;
      expectKey = false;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 47) {
      const e = source.indexOf('\n', i);
      i = e === -1 ? n : e;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 42) {
      const e = source.indexOf('*/', i + 2);
      i = e === -1 ? n : e + 1;
      continue;
    }
    const family = DOUBLE_SMART.has(c) ? DOUBLE_SMART : SINGLE_SMART.has(c) ? SINGLE_SMART : undefined;
    if (family) {
      // A string delimited by curly quotes: its closing quote is the next one of the same family on the line.
      smartQuotes.push(i);
      let j = i + 1;
      while (j < n && source.charCodeAt(j) !== 10 && !family.has(source.charCodeAt(j))) j++;
      if (j < n && family.has(source.charCodeAt(j))) {
        smartQuotes.push(j);
        i = j;
      } else {
        i = j - 1;
      }
      expectKey = false;
      continue;
    }
    if (c === 123 || c === 91) {
      stack.push(c);
      expectKey = c === 123;
      continue;
    }
    if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
      continue;
    }
    if (c === 44) {
      expectKey = stack[stack.length - 1] === 123;
      continue;
    }
    if (expectKey && isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(source.charCodeAt(j))) j++;
      let k = j;
      while (k < n && (source.charCodeAt(k) === 32 || source.charCodeAt(k) === 9)) k++;
      // At least two characters: the parser is shown the key with its first and last characters
      // replaced by quotes (same length, so every offset stays put).
      if (source.charCodeAt(k) === 58 && j - i >= 2) unquotedKeys.push({ start: i, end: j });
      i = j - 1;
      expectKey = false;
      continue;
    }
    expectKey = false;
  }
  return { smartQuotes, unquotedKeys };
}

export function hasQuirks(q: PastedQuirks): boolean {
  return q.smartQuotes.length > 0 || q.unquotedKeys.length > 0;
}

/**
 * The source as the parser should see it, same length: curly quotes become
 * straight ones, and a bare key `eventName` becomes `"ventNam"` (only for
 * finding the other syntax errors; the key's real name comes from repairQuirks).
 */
export function neutraliseQuirks(source: string, q: PastedQuirks): string {
  if (!hasQuirks(q)) return source;
  const chars = source.split('');
  for (const o of q.smartQuotes) chars[o] = '"';
  for (const k of q.unquotedKeys) {
    chars[k.start] = '"';
    chars[k.end - 1] = '"';
  }
  return chars.join('');
}

/** The source with the quirks really repaired (quotes inserted around bare keys): what the user will get from the fixes. */
export function repairQuirks(source: string, q: PastedQuirks): string {
  if (!hasQuirks(q)) return source;
  return applyEdits(source, [
    ...q.smartQuotes.map((o) => ({ start: o, end: o + 1, newText: '"' })),
    ...q.unquotedKeys.flatMap((k) => [{ start: k.start, end: k.start, newText: '"' }, { start: k.end, end: k.end, newText: '"' }]),
  ]);
}
