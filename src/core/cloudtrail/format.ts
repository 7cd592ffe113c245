/**
 * "Format CloudTrail log": CloudTrail delivers a log as one minified line, so
 * every finding is on line 1. This pretty-prints it, one event per block, so
 * findings point at lines a person can read.
 *
 * Only whitespace changes: every key, string and number stays exactly as
 * written (1.50 stays 1.50). A single linear pass re-spaces the tokens, so a
 * 40 MB log formats in well under a second; jsonc-parser's formatter, which
 * handles comments, takes over only for text that has them.
 */
import { format } from 'jsonc-parser';
// jsonc-parser's own applyEdits rebuilds the text once per edit (quadratic on a damaged log); this one is linear.
import { applyEdits } from '../edits';
import { maxDepth } from '../document/scan';
import { MAX_NESTING } from '../document/syntax';

export interface FormatResult {
  text: string;
  /** The text was already formatted: nothing to do. */
  unchanged: boolean;
  /**
   * Set (to the limit) when the text is nested deeper than it: it is then left
   * as it is, since its indentation alone would grow with the square of the
   * depth (10,000 levels: 200 MB for 20 KB), and no CloudTrail event is that deep.
   */
  tooDeep?: number;
}

export interface FormatOptions {
  tabSize?: number;
  eol?: string;
}

/** Re-spaces JSON tokens; undefined if the text has a comment (or a `/` outside strings). */
function reindent(text: string, tab: string, eol: string): string | undefined {
  const out: string[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;
  // Pieces of the output, joined once at the end; indentation strings are made once per depth.
  const indents: string[] = [eol];
  const newline = (): void => {
    while (indents.length <= depth) indents.push(indents[indents.length - 1] + tab);
    out.push(indents[depth]);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 34) {
      // A string, copied as written (escapes included).
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      out.push(text.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === 47) return undefined;
    if (c === 123 || c === 91) {
      // An empty object or array stays on one line.
      let k = i + 1;
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k++;
      const close = c === 123 ? 125 : 93;
      if (text.charCodeAt(k) === close) {
        out.push(c === 123 ? '{}' : '[]');
        i = k + 1;
        continue;
      }
      out.push(text[i]);
      depth++;
      newline();
      i++;
      continue;
    }
    if (c === 125 || c === 93) {
      depth = Math.max(0, depth - 1);
      newline();
      out.push(text[i]);
      i++;
      continue;
    }
    if (c === 44) {
      out.push(',');
      newline();
      i++;
      continue;
    }
    if (c === 58) {
      out.push(': ');
      i++;
      continue;
    }
    // A number, true, false or null: up to the next delimiter.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 44 || d === 58 || d === 123 || d === 125 || d === 91 || d === 93 || d === 34 || d === 32 || d === 9 || d === 10 || d === 13 || d === 47) break;
      j++;
    }
    out.push(text.slice(i, j));
    i = j;
  }
  out.push(eol);
  return out.join('');
}

export function formatLog(text: string, options: FormatOptions = {}): FormatResult {
  const tab = ' '.repeat(options.tabSize ?? 2);
  const eol = options.eol ?? '\n';
  if (maxDepth(text, 0, text.length, MAX_NESTING + 1) > MAX_NESTING) return { text, unchanged: true, tooDeep: MAX_NESTING };
  let out = reindent(text, tab, eol);
  if (out === undefined) {
    const edits = format(text, undefined, { tabSize: options.tabSize ?? 2, insertSpaces: true, eol, insertFinalNewline: true, keepLines: false });
    out = applyEdits(text, edits.map((e) => ({ start: e.offset, end: e.offset + e.length, newText: e.content })));
  }
  return { text: out, unchanged: out === text };
}
