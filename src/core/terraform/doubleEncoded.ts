/**
 * Policy arguments written as `jsonencode(X)` where X is already JSON text:
 * `data.aws_iam_policy_document.NAME.json`, `file("policy.json")`,
 * `templatefile(...)`, a heredoc or a quoted string holding `{...}`.
 * jsonencode turns that text into one JSON string (`"{\"Version\": ...}"`),
 * so the argument holds a string where the provider and AWS expect an object.
 * Only these arguments are certain to be JSON text: `jsonencode(var.policy)`
 * or `jsonencode(local.x)` may be an object and are not reported.
 */
import { isQuoted, text, unwrap } from './hcl';
import type { HclNode } from './syntax';
import { policyArguments, WHOLE_DOCUMENT_REFERENCE, type Slot } from './translate';

export interface DoubleEncoding {
  /** The `jsonencode(...)` call. */
  start: number;
  end: number;
  /** The argument, as written. */
  inner: string;
  /** `aws_kms_key.main`'s `policy`. */
  resource: string;
  attribute: string;
  slot: Slot;
}

const TEXT_FUNCTIONS = new Set(['file', 'templatefile']);

/** True when the expression is JSON text for certain (a document's `.json`, a file, a heredoc, a quoted `{...}`). */
function isJsonText(src: string, node: HclNode): boolean {
  const n = unwrap(node);
  if (n.type === 'heredoc_template') return true;
  if (isQuoted(n)) return /^"\s*\{/.test(text(src, n));
  if (n.type === 'function_call') return TEXT_FUNCTIONS.has(text(src, n.children[0]));
  return WHOLE_DOCUMENT_REFERENCE.test(text(src, n).replace(/\s+/g, ''));
}

/** Every policy argument of the module's resources that jsonencode encodes a second time. */
export function doubleEncodedPolicies(src: string, root: HclNode): DoubleEncoding[] {
  const out: DoubleEncoding[] = [];
  for (const { type, name, argument, attr, slot } of policyArguments(src, root.children.find((c) => c.type === 'body'))) {
    // The provider check the rule cites (ValidIAMPolicyJSON) is the IAM policy arguments'; an Organizations
    // policy's `content` is not known to go through it.
    if (type === 'aws_organizations_policy') continue;
    const call = unwrap(attr.value);
    if (call.type !== 'function_call' || text(src, call.children[0]) !== 'jsonencode') continue;
    const args = call.children.find((c) => c.type === 'function_arguments');
    const arg = args?.children[0];
    if (!arg || args.children.filter((c) => c.type === 'expression').length > 1 || !isJsonText(src, arg)) continue;
    out.push({ start: call.startIndex, end: call.endIndex, inner: text(src, arg), resource: `${type}.${name}`, attribute: argument, slot });
  }
  return out;
}
