/**
 * YAML scalars, both ways: where each character of a scalar's value is
 * written in the source (plain, single or double quoted, block), and how a new
 * value is written back in the scalar's own style, so a quick fix keeps the
 * user's quotes.
 */

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface ScalarMap {
  /** `map[i]`: the source offset of the character that produced value character `i`; `map[value.length]`: just after the last one. */
  map: Int32Array;
  /** Every character was matched to its own source character (no folding, no guessing). */
  exact: boolean;
}

/** Source length of the double-quoted escape starting at `pos` (at the backslash). */
function escapeLength(src: string, pos: number): number {
  switch (src[pos + 1]) {
    case 'x': return 4;
    case 'u': return 6;
    case 'U': return 10;
    default: return 2;
  }
}

/**
 * Maps a scalar's value onto its source [start, end). Plain and quoted
 * scalars on one line map exactly; folded lines and block scalars map each
 * character to the next source character equal to it (close enough for a
 * highlight, and marked inexact so that no edit is made from it).
 */
export function mapScalar(src: string, start: number, end: number, value: string, style: ScalarStyle): ScalarMap {
  const map = new Int32Array(value.length + 1);
  const quoted = style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE';
  let pos = quoted ? start + 1 : start;
  const contentEnd = quoted ? Math.max(pos, end - 1) : end;
  let exact = style !== 'BLOCK_LITERAL' && style !== 'BLOCK_FOLDED';
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') {
    // The header line (`|`, `>-`, `|2`) is not part of the value.
    const nl = src.indexOf('\n', start);
    pos = nl === -1 || nl >= end ? end : nl + 1;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (style === 'QUOTE_SINGLE' && c === "'" && src[pos] === "'" && src[pos + 1] === "'") {
      map[i] = pos;
      pos += 2;
      continue;
    }
    if (style === 'QUOTE_DOUBLE' && src[pos] === '\\' && c !== '\\' ) {
      map[i] = pos;
      pos += escapeLength(src, pos);
      continue;
    }
    if (style === 'QUOTE_DOUBLE' && src[pos] === '\\' && c === '\\' && src[pos + 1] === '\\') {
      map[i] = pos;
      pos += 2;
      continue;
    }
    if (src[pos] === c && pos < contentEnd) {
      map[i] = pos++;
      continue;
    }
    // Folding, indentation, line continuations: the next equal character not far ahead.
    exact = false;
    const limit = Math.min(contentEnd, pos + 256);
    let found = -1;
    for (let j = pos; j < limit; j++) {
      if (src[j] === c) {
        found = j;
        break;
      }
    }
    map[i] = found === -1 ? Math.min(pos, contentEnd) : found;
    if (found !== -1) pos = found + 1;
  }
  map[value.length] = Math.max(Math.min(pos, contentEnd), value.length > 0 ? map[value.length - 1] + 1 : pos);
  if (pos !== contentEnd) exact = false;
  return { map, exact };
}

/** Plain scalars the core schema would read as something other than a string. */
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Can `v` be written as a plain scalar and read back as the same string? (`inFlow`: inside `[...]` or `{...}`.) */
export function isSafePlain(v: string, inFlow: boolean): boolean {
  if (v === '' || v !== v.trim() || /[\n\r\t]/.test(v)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(v) && !/^[-?:][^\s,[\]{}]/.test(v)) return false;
  if (v.includes(': ') || v.includes(' #') || v.endsWith(':')) return false;
  if (inFlow && /[,[\]{}]/.test(v)) return false;
  return !NOT_A_STRING.test(v);
}

/** Control characters (line breaks, tabs) need a double-quoted scalar's escapes. */
function hasControl(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) < 0x20) return true;
  return false;
}

/** A string value written as a YAML scalar in `style` (falling back to quotes where the style cannot hold it). */
export function writeScalar(v: string, style: ScalarStyle, inFlow: boolean): string {
  if (style === 'PLAIN' && isSafePlain(v, inFlow)) return v;
  if ((style === 'PLAIN' || style === 'QUOTE_SINGLE') && !hasControl(v)) return `'${v.replace(/'/g, "''")}'`;
  // A JSON string is a valid YAML double-quoted scalar.
  return JSON.stringify(v);
}
