/**
 * A single-pass scanner over valid JSON that finds the extent of values
 * without building anything. It is the fast path for big CloudTrail logs
 * (DESIGN.md: no full parse tree for a 40 MB log): `JSON.parse` gives the
 * values, this gives each record's offsets, and the two are matched by index.
 *
 * It assumes the text already passed `JSON.parse`; on anything else it stops
 * and returns undefined so the caller can take the tolerant (slow) path.
 * It is iterative, so deep nesting cannot overflow the stack.
 */

export interface Span {
  start: number;
  end: number;
  /** Colons outside strings, i.e. the number of object members in the span. */
  members: number;
  /** Deepest nesting of arrays and objects inside the span (0 for a string, number or literal). */
  depth: number;
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function skipSpace(text: string, pos: number, end: number): number {
  while (pos < end && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** Offset just after the closing quote of the string whose opening quote is at `pos`, or -1. */
export function skipString(text: string, pos: number, end: number): number {
  let i = pos + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1 || q >= end) return -1;
    // An odd number of backslashes before the quote escapes it.
    let b = q - 1;
    while (b > pos && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    i = q + 1;
  }
}

/**
 * Extent of the value starting at `pos` (which must be its first character).
 * Returns the span, or undefined if the text ends or is not well-formed enough.
 */
export function scanValue(text: string, pos: number, end: number): Span | undefined {
  const first = text.charCodeAt(pos);
  if (first === QUOTE) {
    const e = skipString(text, pos, end);
    return e === -1 ? undefined : { start: pos, end: e, members: 0, depth: 0 };
  }
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // number, true, false, null: up to the next delimiter
    let i = pos;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COLON || isSpace(c)) break;
      i++;
    }
    return i === pos ? undefined : { start: pos, end: i, members: 0, depth: 0 };
  }
  let depth = 0;
  let deepest = 0;
  let members = 0;
  let i = pos;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i, end);
      if (i === -1) return undefined;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return { start: pos, end: i + 1, members, depth: deepest };
    } else if (c === COLON) members++;
    i++;
  }
  return undefined;
}

/** Spans of the elements of the array whose '[' is at `pos`, or undefined. */
export function scanArrayElements(text: string, pos: number, end: number): Span[] | undefined {
  if (text.charCodeAt(pos) !== OPEN_BRACKET) return undefined;
  const spans: Span[] = [];
  let i = skipSpace(text, pos + 1, end);
  if (text.charCodeAt(i) === CLOSE_BRACKET) return spans;
  while (i < end) {
    const span = scanValue(text, i, end);
    if (!span) return undefined;
    spans.push(span);
    i = skipSpace(text, span.end, end);
    const c = text.charCodeAt(i);
    if (c === CLOSE_BRACKET) return spans;
    if (c !== COMMA) return undefined;
    i = skipSpace(text, i + 1, end);
  }
  return undefined;
}

export interface ObjectMember {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

/** The top-level members of the object whose '{' is at `pos` (keys decoded), or undefined. */
export function scanObjectMembers(text: string, pos: number, end: number): ObjectMember[] | undefined {
  if (text.charCodeAt(pos) !== OPEN_BRACE) return undefined;
  const members: ObjectMember[] = [];
  let i = skipSpace(text, pos + 1, end);
  if (text.charCodeAt(i) === CLOSE_BRACE) return members;
  while (i < end) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = skipString(text, i, end);
    if (keyEnd === -1) return undefined;
    let key: string;
    try {
      key = JSON.parse(text.slice(i, keyEnd)) as string;
    } catch {
      return undefined;
    }
    let j = skipSpace(text, keyEnd, end);
    if (text.charCodeAt(j) !== COLON) return undefined;
    j = skipSpace(text, j + 1, end);
    const value = scanValue(text, j, end);
    if (!value) return undefined;
    members.push({ key, keyStart: i, valueStart: value.start, valueEnd: value.end });
    i = skipSpace(text, value.end, end);
    const c = text.charCodeAt(i);
    if (c === CLOSE_BRACE) return members;
    if (c !== COMMA) return undefined;
    i = skipSpace(text, i + 1, end);
  }
  return undefined;
}

/**
 * Deepest nesting of arrays and objects in [start, end), counting brackets
 * outside strings. Cheap and iterative: it guards the recursive parsers.
 */
export function maxDepth(text: string, start: number, end: number, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // As jsonc-parser's scanner reads a string: it ends at its closing quote or at a line break,
      // so brackets after an unterminated string are counted as the recursive parsers will see them.
      i = stringEnd(text, i, end);
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max >= stopAt) return max;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth = Math.max(0, depth - 1);
    i++;
  }
  return max;
}

/** Where the string starting at `pos` ends for a tolerant scanner: after its closing quote, or at the line break that cuts it. */
function stringEnd(text: string, pos: number, end: number): number {
  let i = pos + 1;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === 10 || c === 13) return i;
    i += c === BACKSLASH ? 2 : 1;
  }
  return end;
}

/** Number of object members in a parsed JSON value (to compare with `Span.members`). */
export function countMembers(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const e of v) if (e !== null && typeof e === 'object') stack.push(e);
    } else {
      for (const k in v as Record<string, unknown>) {
        count++;
        const e = (v as Record<string, unknown>)[k];
        if (e !== null && typeof e === 'object') stack.push(e);
      }
    }
  }
  return count;
}

/**
 * Spans of the elements of the array that is the value of `key` in the object
 * whose '{' is at `pos` (the last such member, as JSON.parse keeps), in one
 * pass over the text: the `{"Records": [...]}` of a big log is scanned once,
 * not once to find its end and again for its elements.
 */
export function scanMemberArray(text: string, pos: number, end: number, key: string): Span[] | undefined {
  if (text.charCodeAt(pos) !== OPEN_BRACE) return undefined;
  let result: Span[] | undefined;
  let i = skipSpace(text, pos + 1, end);
  if (text.charCodeAt(i) === CLOSE_BRACE) return undefined;
  while (i < end) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = skipString(text, i, end);
    if (keyEnd === -1) return undefined;
    let name: string;
    try {
      name = JSON.parse(text.slice(i, keyEnd)) as string;
    } catch {
      return undefined;
    }
    let j = skipSpace(text, keyEnd, end);
    if (text.charCodeAt(j) !== COLON) return undefined;
    j = skipSpace(text, j + 1, end);
    let valueEnd: number;
    if (name === key) {
      const spans = scanArrayElements(text, j, end);
      if (!spans) return undefined;
      result = spans;
      const close = skipSpace(text, spans.length > 0 ? spans[spans.length - 1].end : j + 1, end);
      if (text.charCodeAt(close) !== CLOSE_BRACKET) return undefined;
      valueEnd = close + 1;
    } else {
      const value = scanValue(text, j, end);
      if (!value) return undefined;
      valueEnd = value.end;
    }
    i = skipSpace(text, valueEnd, end);
    const c = text.charCodeAt(i);
    if (c === CLOSE_BRACE) return result;
    if (c !== COMMA) return undefined;
    i = skipSpace(text, i + 1, end);
  }
  return undefined;
}
