/**
 * JSON documents one after another in one file. Appending AWS CLI output to a
 * file (`aws cloudtrail lookup-events --max-items 50 ... >> events.json`, one
 * `describe-key` per key in a loop) makes such files: each page is a whole
 * JSON document, and the file is not JSON, although jq reads it. KMS Lens
 * reads each document on its own, as it reads the lines of JSON Lines.
 */
import type { Span } from './scan';

/**
 * Where a JSON object or array that starts at `start` ends (just after its
 * closing bracket), by bracket depth outside strings; -1 if the text ends first.
 */
function valueEnd(text: string, start: number, end: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * The documents of a text made of two or more JSON objects or arrays one after
 * another (the last may be cut short), or an empty list when the text is not
 * that: one document, text between documents, or anything but objects and
 * arrays at the top level.
 */
export function concatenatedValues(text: string): Array<Pick<Span, 'start' | 'end'>> {
  const parts: Array<Pick<Span, 'start' | 'end'>> = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
    if (pos >= text.length) break;
    const c = text.charCodeAt(pos);
    if (c !== 123 && c !== 91) return [];
    const e = valueEnd(text, pos, text.length);
    if (e === -1) {
      // A last document cut short is still one of them (its JSON errors are reported).
      if (parts.length === 0) return [];
      parts.push({ start: pos, end: text.length });
      break;
    }
    parts.push({ start: pos, end: e });
    pos = e;
  }
  return parts.length >= 2 ? parts : [];
}
