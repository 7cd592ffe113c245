/**
 * Wildcard patterns (`*` any run of characters, `?` one character), matched
 * without regular expressions: a policy is compiled once, but a pattern with a
 * policy variable is filled in per request, and building a RegExp per request
 * would cost more than the whole match. The matcher is the classic two-pointer
 * walk with one backtrack point, linear on the patterns policies use.
 *
 * A character from `${*}` or `${?}`, or from a variable's value, is never a
 * wildcard: each pattern carries which of its characters are.
 */

export interface Glob {
  chars: string;
  /** 1 where `chars[i]` is a wildcard; undefined when none is. */
  wild?: Uint8Array;
  shape: 'exact' | 'any' | 'prefix' | 'general';
  /** For `prefix`: the text before the final `*`. */
  prefix: string;
}

export interface GlobPart {
  text: string;
  /** `*` and `?` in `text` are wildcards. */
  wildcards: boolean;
}

/** A pattern from pieces of text, some with wildcards (policy text) and some without (escapes, variable values). */
export function globOfParts(parts: readonly GlobPart[], lowerCase: boolean): Glob {
  let chars = '';
  const flags: number[] = [];
  let anyWild = false;
  for (const p of parts) {
    const text = lowerCase ? p.text.toLowerCase() : p.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const w = p.wildcards && (c === 42 || c === 63) ? 1 : 0;
      flags.push(w);
      if (w) anyWild = true;
    }
    chars += text;
  }
  if (!anyWild) return { chars, shape: 'exact', prefix: chars };
  const wild = Uint8Array.from(flags);
  if (chars === '*') return { chars, wild, shape: 'any', prefix: '' };
  let wildCount = 0;
  for (const w of flags) wildCount += w;
  if (wildCount === 1 && wild[chars.length - 1] === 1 && chars.charCodeAt(chars.length - 1) === 42) {
    return { chars, wild, shape: 'prefix', prefix: chars.slice(0, -1) };
  }
  return { chars, wild, shape: 'general', prefix: '' };
}

/** A pattern from one piece of text. */
export function globOf(text: string, wildcards: boolean, lowerCase: boolean): Glob {
  return globOfParts([{ text, wildcards }], lowerCase);
}

/** Does `s` match the pattern? (Give `s` in lower case for a pattern made with `lowerCase`.) */
export function globMatch(g: Glob, s: string): boolean {
  switch (g.shape) {
    case 'exact': return s === g.chars;
    case 'any': return true;
    case 'prefix': return s.startsWith(g.prefix);
    default: return generalMatch(g.chars, g.wild as Uint8Array, s);
  }
}

function generalMatch(p: string, wild: Uint8Array, s: string): boolean {
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    if (pi < p.length) {
      const pc = p.charCodeAt(pi);
      if (wild[pi] === 1 && pc === 42) {
        starP = pi++;
        starS = si;
        continue;
      }
      if ((wild[pi] === 1 && pc === 63) || pc === s.charCodeAt(si)) {
        pi++;
        si++;
        continue;
      }
    }
    if (starP === -1) return false;
    pi = starP + 1;
    si = ++starS;
  }
  while (pi < p.length && wild[pi] === 1 && p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}

/** Part `n` (0-5) of an ARN-shaped string, without splitting it; undefined if it has fewer parts. */
export function arnPart(s: string, n: number): string | undefined {
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = s.indexOf(':', from);
    if (c === -1) return undefined;
    from = c + 1;
  }
  if (n === 5) return s.slice(from);
  const end = s.indexOf(':', from);
  return end === -1 ? undefined : s.slice(from, end);
}

/** Splits an ARN-shaped string at its first five colons: six parts, or undefined if it has fewer. */
export function arnParts(s: string): string[] | undefined {
  const out: string[] = [];
  let from = 0;
  for (let n = 0; n < 5; n++) {
    const c = s.indexOf(':', from);
    if (c === -1) return undefined;
    out.push(s.slice(from, c));
    from = c + 1;
  }
  out.push(s.slice(from));
  return out;
}

/**
 * An ARN pattern: each of the six colon-separated parts matched on its own, so
 * a `*` never spans a colon of the first five. IAM User Guide, "Condition
 * operators" (ARN operators) and "IAM JSON policy elements: Resource":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export interface ArnGlob {
  parts?: Glob[];
  /** A pattern that is not six parts (`*`, or a malformed one): matched as a whole. */
  whole?: Glob;
}

export function arnGlobOf(parts: readonly GlobPart[]): ArnGlob {
  const joined = globOfParts(parts, false);
  if (joined.shape === 'any') return { whole: joined };
  const split = splitGlob(joined);
  return split ? { parts: split } : { whole: joined };
}

/** Splits a compiled pattern at its first five colons (colons are never wildcards). */
function splitGlob(g: Glob): Glob[] | undefined {
  const out: Glob[] = [];
  let from = 0;
  for (let n = 0; n < 6; n++) {
    const c = n < 5 ? g.chars.indexOf(':', from) : g.chars.length;
    if (c === -1) return undefined;
    const pieces: GlobPart[] = [];
    // Rebuild the part with the same wildcard flags.
    let run = '';
    let runWild = false;
    for (let i = from; i < c; i++) {
      const w = g.wild?.[i] === 1;
      if (run !== '' && w !== runWild) {
        pieces.push({ text: run, wildcards: runWild });
        run = '';
      }
      runWild = w;
      run += g.chars[i];
    }
    if (run !== '') pieces.push({ text: run, wildcards: runWild });
    out.push(globOfParts(pieces, false));
    from = c + 1;
  }
  return out;
}

export function arnGlobMatch(g: ArnGlob, value: string, valueParts: readonly string[] | undefined): boolean {
  if (g.whole) return globMatch(g.whole, value);
  if (!valueParts || !g.parts) return false;
  for (let i = 0; i < 6; i++) if (!globMatch(g.parts[i], valueParts[i])) return false;
  return true;
}
