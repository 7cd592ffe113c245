/**
 * "Format CloudTrail log": CloudTrail delivers a log as one minified line, so
 * every finding is on line 1. This pretty-prints it, one event per block, so
 * findings point at lines a person can read. jsonc-parser's formatter changes
 * only whitespace: every value, number and key stays exactly as written.
 */
import { applyEdits, format } from 'jsonc-parser';

export interface FormatResult {
  text: string;
  /** The text was already formatted: nothing to do. */
  unchanged: boolean;
}

export function formatLog(text: string, options: { tabSize?: number; eol?: string } = {}): FormatResult {
  const edits = format(text, undefined, { tabSize: options.tabSize ?? 2, insertSpaces: true, eol: options.eol ?? '\n', insertFinalNewline: true, keepLines: false });
  const out = applyEdits(text, edits);
  return { text: out, unchanged: out === text };
}
