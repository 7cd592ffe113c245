/**
 * JSON syntax problems with exact ranges, found with jsonc-parser's streaming
 * visitor (no tree). Each problem has a kind so that each kind can be its own
 * rule (own severity setting, own quick fix).
 */
import { visit, ParseErrorCode } from 'jsonc-parser';
import { t } from '../l10n';
import type { Fix } from '../types';

export type SyntaxProblemKind =
  | 'trailingComma'
  | 'missingComma'
  | 'unterminatedString'
  | 'comment'
  | 'duplicateKey'
  | 'tooDeep'
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
    case ParseErrorCode.InvalidSymbol: return t('Invalid symbol: this is not JSON.');
    case ParseErrorCode.InvalidNumberFormat: return t('Invalid number.');
    case ParseErrorCode.PropertyNameExpected: return t('A property name in double quotes is expected here.');
    case ParseErrorCode.ValueExpected: return t('A value is expected here.');
    case ParseErrorCode.ColonExpected: return t('A colon is expected here.');
    case ParseErrorCode.CommaExpected: return t('A comma or a closing bracket is expected here.');
    case ParseErrorCode.CloseBraceExpected: return t('A closing brace "}" is expected here.');
    case ParseErrorCode.CloseBracketExpected: return t('A closing bracket "]" is expected here.');
    case ParseErrorCode.EndOfFileExpected: return t('Text after the end of the JSON value.');
    case ParseErrorCode.UnexpectedEndOfComment: return t('Unterminated comment.');
    case ParseErrorCode.UnexpectedEndOfNumber: return t('Unterminated number.');
    case ParseErrorCode.InvalidUnicode: return t('Invalid unicode escape sequence.');
    case ParseErrorCode.InvalidEscapeCharacter: return t('Invalid escape character in string.');
    case ParseErrorCode.InvalidCharacter: return t('Invalid character in string (control characters must be escaped).');
    default: return t('Invalid JSON.');
  }
}

/**
 * Syntax problems of the JSON text in [start, end) of `text`, offsets in `text`.
 * `allowComments` is true for JSONC documents, where comments are accepted.
 */
export function findSyntaxProblems(text: string, start: number, end: number, allowComments: boolean): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const source = start === 0 && end === text.length ? text : text.slice(start, end);

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
        if (!keys) return;
        const first = keys.get(property);
        if (first === undefined) {
          keys.set(property, offset);
        } else {
          problems.push({
            kind: 'duplicateKey',
            start: start + offset,
            end: start + offset + length,
            message: t('Duplicate key "{0}" in this object: parsers keep only one of them, so the other is silently lost.', property),
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
        if (atEnd && problems.some((p) => p.kind !== 'duplicateKey') && (error === ParseErrorCode.CloseBraceExpected || error === ParseErrorCode.CloseBracketExpected)) return;
        recovering = true;
        if (error === ParseErrorCode.InvalidCommentToken) {
          recovering = false; // a comment is a problem of its own; parsing goes on normally after it
          problems.push({
            kind: 'comment',
            start: at,
            end: at + length,
            message: t('Comments are not allowed in JSON: AWS rejects a policy that contains them.'),
            fixes: [{ title: t('Remove the comment'), edits: [{ start: at, end: at + length, newText: '' }], preferred: true }],
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
            message: t('Unterminated string: the closing double quote is missing.'),
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
            message: t('Trailing comma: JSON does not allow a comma before "{0}", and AWS rejects the document.', ch === 125 ? '}' : ']'),
            fixes: [{ title: t('Remove the trailing comma'), edits: [{ start: comma, end: comma + 1, newText: '' }], preferred: true }],
          });
          pendingComma = -1;
          return;
        }
        if (error === ParseErrorCode.CommaExpected && lastValueBroken) return;
        if (error === ParseErrorCode.CommaExpected && lastValueEnd >= 0 && lastValueEnd <= offset && startsValue(ch)) {
          const insertAt = start + lastValueEnd;
          problems.push({
            kind: 'missingComma',
            start: at,
            end: at + Math.max(length, 1),
            message: t('Missing comma before this element.'),
            fixes: [{ title: t('Insert the missing comma'), edits: [{ start: insertAt, end: insertAt, newText: ',' }], preferred: true }],
          });
          return;
        }
        problems.push({ kind: 'invalid', start: at, end: at + Math.max(length, 1), message: describe(error) });
      },
    },
    { disallowComments: !allowComments, allowTrailingComma: false, allowEmptyContent: false },
  );
  return problems;
}

/** A token that can begin a value or a property name: only then is a missing comma the likely mistake. */
function startsValue(ch: number): boolean {
  return ch === 34 /* " */ || ch === 123 /* { */ || ch === 91 /* [ */ || ch === 45 /* - */ || (ch >= 48 && ch <= 57) || ch === 116 /* t */ || ch === 102 /* f */ || ch === 110; /* n */
}

function nextLineBreak(text: string, from: number, limit: number): number {
  const n = text.indexOf('\n', from);
  return n === -1 || n > limit ? limit : n;
}
