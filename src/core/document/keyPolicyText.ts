/**
 * `aws kms get-key-policy` returns `{"Policy": "...", "PolicyName": "default"}`. With
 * `--output text` and no `--query Policy`, the AWS CLI prints the top-level values on
 * one line, tab-separated and in key order: the policy's own text, then a tab and
 * `default`. Saved to a file (`... --output text > key-policy.json`) that is the key
 * policy followed by `\tdefault`, which no JSON reader accepts, though the policy in
 * it is whole. The AWS CLI's documentation prints the policy alone with
 * `--query Policy --output text`.
 */

/** Where the tab and `default` are, when the text is a JSON object followed by them (and only white space after). */
export function keyPolicyNameSuffix(text: string): { start: number; end: number } | undefined {
  const m = /\}([ \r\n]*)\tdefault[ \t\r\n]*$/.exec(text);
  if (!m) return undefined;
  const start = m.index + 1 + m[1].length;
  return { start, end: start + '\tdefault'.length };
}
