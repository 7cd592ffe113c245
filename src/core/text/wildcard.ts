/**
 * `*` (any run of characters) and `?` (one character) patterns, as IAM writes
 * action names and condition values, matched without building a regular
 * expression: a pattern comes from the user's text, and a RegExp built from
 * `kms:` and 20,000 `*` is too large to compile, while one with many `.*`
 * can backtrack for seconds. This is the two-pointer walk with one backtrack
 * point; runs of `*` count as one.
 */
export function wildcardMatch(pattern: string, s: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? s.toLowerCase() : s;
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < t.length) {
    const pc = pi < p.length ? p.charCodeAt(pi) : -1;
    if (pc === 42 /* * */) {
      while (pi < p.length && p.charCodeAt(pi) === 42) pi++;
      starP = pi;
      starS = si;
      continue;
    }
    if (pc !== -1 && (pc === 63 /* ? */ || pc === t.charCodeAt(si))) {
      pi++;
      si++;
      continue;
    }
    if (starP === -1) return false;
    pi = starP;
    si = ++starS;
  }
  while (pi < p.length && p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}
