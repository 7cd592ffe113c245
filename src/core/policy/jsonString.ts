/**
 * A JSON string literal decoded together with a map from each decoded
 * character back to the characters of the literal. A policy embedded as a
 * string (the `policy` of a PutKeyPolicy event) is analysed as decoded text;
 * the map turns the offsets of its findings and fixes back into offsets of the
 * literal, where `\"`, `\n` or `\u00e9` take two or six characters for one.
 */

export interface DecodedString {
  /** The decoded value. */
  text: string;
  /**
   * `map[i]` is the offset, inside the literal (0 = its opening quote), of the
   * escape sequence or character that produced decoded character `i`;
   * `map[text.length]` is the offset of the closing quote.
   */
  map: Int32Array;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes `literal` (including its quotes). Malformed escapes are kept as
 * written, so a broken literal still maps one to one instead of throwing.
 */
export function decodeJsonString(literal: string): DecodedString {
  const end = literal.length > 1 && literal.endsWith('"') ? literal.length - 1 : literal.length;
  const out: string[] = [];
  const map = new Int32Array(end + 1);
  let n = 0;
  let i = literal.startsWith('"') ? 1 : 0;
  while (i < end) {
    const c = literal[i];
    if (c === '\\' && i + 1 < end) {
      const e = literal[i + 1];
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out.push(simple);
        map[n++] = i;
        i += 2;
        continue;
      }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(literal.slice(i + 2, i + 6))) {
        // One UTF-16 code unit per \u escape: a surrogate pair is two escapes and two units.
        out.push(String.fromCharCode(parseInt(literal.slice(i + 2, i + 6), 16)));
        map[n++] = i;
        i += 6;
        continue;
      }
    }
    out.push(c);
    map[n++] = i;
    i++;
  }
  map[n] = end;
  return { text: out.join(''), map: map.slice(0, n + 1) };
}

/** Text for insertion inside a JSON string literal. */
export function encodeJsonStringContent(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
