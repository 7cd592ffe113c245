/**
 * Masked values: identifiers that someone hid before sharing a file, the way
 * READMEs, blog posts, issues and sample policies write them:
 * `arn:aws:kms:us-east-1:XXXXXXXXXXXX:key/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`,
 * an account `123456789XXX` with its last digits hidden, a Region
 * `xx-xxxx-x`, and `REDACTED` (or `[redacted]`, `(Redacted)`, a tool's `[AWS_ACCOUNT_ID_REDACTED]`) in place of any value.
 *
 * Such a value stands for a real one that the reader cannot see. KMS Lens
 * reads it as a placeholder (say less, never "this is not an account id"),
 * as it reads `<ACCOUNT_ID>` or `${account_id}`.
 *
 * A mask is a run of `x` or `X` (three or more in a row), with digits and
 * hyphens around it, standing alone between characters that cannot be part of
 * an identifier's word (`:`, `/`, `.`, quotes, brackets, the ends): `xxx` in
 * the middle of a word (`boxxx`) is not one. No letter other than `x` may be
 * in it, so a key id or a name that merely contains `xxx` after other letters
 * is left as written.
 */

/** Word characters: a mask must not touch them. A hyphen is not one, so `app-xxx` ends in a mask. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isMaskChar(c: number): boolean {
  return c === 120 || c === 88 || (c >= 48 && c <= 57); // x, X, digits
}

/**
 * `REDACTED`, `[redacted]`, `(Redacted)`, `**REDACTED**`, `<REDACTED>`: the word, and the brackets or stars
 * around it; also the tokens redaction tools write, the word joined to what it hides by underscores
 * (`[AWS_ACCOUNT_ID_REDACTED]`, `[AWS_ARN_REDACTED]`, `REDACTED_ACCOUNT_ID`).
 */
const REDACTED = /[[(*<]*(?:[A-Z0-9]+_)*(?:REDACTED|[Rr]edacted)(?:_[A-Z0-9]+)*[\])*>]*/y;

/** A cheap first look: false when the text surely holds no mask. */
export function mayHoldMask(s: string): boolean {
  return /[xX]{3}|REDACTED|[Rr]edacted/.test(s);
}

/**
 * The end (exclusive) of the mask that starts at `i`, or -1 when none does.
 * `i` must be at the start of a word (the character before it, if any, is not
 * a word character).
 */
export function maskEnd(s: string, i: number): number {
  if (i > 0 && isWordChar(s.charCodeAt(i - 1))) return -1;
  REDACTED.lastIndex = i;
  if (REDACTED.test(s)) {
    const end = REDACTED.lastIndex;
    return end < s.length && isWordChar(s.charCodeAt(end)) ? -1 : end;
  }
  // Groups of x, X and digits joined by single hyphens: `xxxxxxxx-xxxx-...`, `123456789XXX`, `xx-xxxx-x`.
  let j = i;
  let run = 0;
  let longest = 0;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (isMaskChar(c)) {
      run = c === 120 || c === 88 ? run + 1 : 0;
      if (run > longest) longest = run;
      j++;
    } else if (c === 45 /* - */ && j > i && j + 1 < s.length && isMaskChar(s.charCodeAt(j + 1)) && isMaskChar(s.charCodeAt(j - 1))) {
      run = 0;
      j++;
    } else break;
  }
  if (longest < 3 || (j < s.length && isWordChar(s.charCodeAt(j)))) return -1;
  return j;
}

/** Whether the text holds a masked part anywhere (`arn:aws:iam::XXXXXXXXXXXX:root`, `REDACTED`). */
export function hasMask(s: string): boolean {
  if (!mayHoldMask(s)) return false;
  for (let i = 0; i < s.length; i++) if (maskEnd(s, i) !== -1) return true;
  return false;
}
