/**
 * Policy arguments written as `jsonencode(X)` where X is already JSON text:
 * `data.aws_iam_policy_document.NAME.json`, `file("policy.json")`,
 * `templatefile(...)`, a heredoc or a quoted string holding `{...}`.
 * jsonencode turns that text into one JSON string (`"{\"Version\": ...}"`),
 * so the argument holds a string where the provider and AWS expect an object.
 * Only these arguments are certain to be JSON text: `jsonencode(var.policy)`
 * or `jsonencode(local.x)` may be an object and are not reported.
 */
import { attributes, blockHead, blocks, isQuoted, text, unwrap } from './hcl';
import type { HclNode } from './syntax';
import { NESTED_SLOTS, SLOTS, type Slot } from './translate';

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

const DOCUMENT = /^data\.aws_iam_policy_document\.[A-Za-z0-9_-]+(?:\[[^\]]*\]|\.\d+)?\.(?:minified_)?json$/;
const TEXT_FUNCTIONS = new Set(['file', 'templatefile']);

/** True when the expression is JSON text for certain (a document's `.json`, a file, a heredoc, a quoted `{...}`). */
function isJsonText(src: string, node: HclNode): boolean {
  const n = unwrap(node);
  if (n.type === 'heredoc_template') return true;
  if (isQuoted(n)) return /^"\s*\{/.test(text(src, n));
  if (n.type === 'function_call') return TEXT_FUNCTIONS.has(text(src, n.children[0]));
  return DOCUMENT.test(text(src, n).replace(/\s+/g, ''));
}

function check(src: string, resource: string, attrs: ReturnType<typeof attributes>, slots: Readonly<Record<string, Slot>>, out: DoubleEncoding[]): void {
  for (const [attribute, { value }] of attrs) {
    if (!Object.hasOwn(slots, attribute)) continue;
    const call = unwrap(value);
    if (call.type !== 'function_call' || text(src, call.children[0]) !== 'jsonencode') continue;
    const args = call.children.find((c) => c.type === 'function_arguments');
    const arg = args?.children[0];
    if (!arg || args.children.filter((c) => c.type === 'expression').length > 1 || !isJsonText(src, arg)) continue;
    out.push({ start: call.startIndex, end: call.endIndex, inner: text(src, arg), resource, attribute, slot: slots[attribute] });
  }
}

/** Every policy argument of the module's resources that jsonencode encodes a second time. */
export function doubleEncodedPolicies(src: string, root: HclNode): DoubleEncoding[] {
  const out: DoubleEncoding[] = [];
  const body = root.children.find((c) => c.type === 'body');
  for (const block of blocks(src, body, 'resource')) {
    const { labels, body: resourceBody } = blockHead(src, block);
    const type = labels[0] ?? '';
    if (!Object.hasOwn(SLOTS, type)) continue;
    const name = `${type}.${labels[1] ?? ''}`;
    check(src, name, attributes(src, resourceBody), SLOTS[type], out);
    const nested = Object.hasOwn(NESTED_SLOTS, type) ? NESTED_SLOTS[type] : {};
    for (const blockType of Object.keys(nested)) {
      for (const inner of blocks(src, resourceBody, blockType)) check(src, name, attributes(src, blockHead(src, inner).body), nested[blockType], out);
    }
  }
  return out;
}
