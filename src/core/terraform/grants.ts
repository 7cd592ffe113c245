/**
 * The `resource "aws_kms_grant"` blocks of a Terraform module, read as what
 * their CreateGrant request will hold: the operations, the principals, the
 * key, the constraints and the grant tokens, each with its .tf characters.
 *
 * Only what is written as a literal is known. A reference (`var.ops`,
 * `local.x`, `each.value`), a function call or a string with an
 * interpolation (`"${var.op}"`) is unknown until Terraform runs: it is kept
 * as unknown (`value` undefined), so the rules can say nothing about it.
 */
import { attributes, blockHead, blocks, literalString, text, unwrap } from './hcl';
import type { HclNode } from './syntax';

/** A place in the .tf text. */
export interface TfSpan {
  start: number;
  end: number;
}

/** A string written in the module; `value` is undefined when it is not a literal (a reference, an interpolation). */
export interface TfString extends TfSpan {
  value?: string;
}

/** A list written in the module; `items` is undefined when the list itself is not a literal (`var.ops`, `concat(...)`). */
export interface TfList extends TfSpan {
  items?: TfString[];
}

/** A map of an encryption context constraint; `entries` is undefined when it is not a literal object. */
export interface TfMap extends TfSpan {
  /** The attribute's name (`encryption_context_equals`), where a finding about the whole attribute goes. */
  name: TfSpan;
  entries?: Array<{ key: TfString; value: TfString }>;
}

/** One `constraints { ... }` block. */
export interface TfConstraints extends TfSpan {
  /** The block's name, `constraints`. */
  head: TfSpan;
  /** By the provider's argument name: `encryption_context_equals`, `encryption_context_subset`. */
  members: ReadonlyMap<string, TfMap>;
}

export interface TerraformGrant {
  /** The resource's name (`aws_kms_grant.NAME`). */
  name: string;
  /** The block's head, `resource "aws_kms_grant" "NAME"`: where a finding about the whole grant goes. */
  head: TfSpan;
  keyId?: TfString;
  granteePrincipal?: TfString;
  retiringPrincipal?: TfString;
  operations?: TfList;
  grantCreationTokens?: TfList;
  constraints: TfConstraints[];
  /** `dynamic "constraints"` blocks: constraints exist only when Terraform runs, and are unknown. */
  dynamicConstraints: boolean;
}

export const GRANT_RESOURCE = 'aws_kms_grant';

/** Functions that keep a literal list as it is, for what a grant reads (`toset(["Decrypt"])`). */
const LIST_FUNCTIONS = new Set(['toset', 'tolist', 'distinct', 'sort']);

function span(n: HclNode): TfSpan {
  return { start: n.startIndex, end: n.endIndex };
}

/** A literal string, or an unknown one (a reference, a call, an interpolation, `$${` escapes included). */
function stringOf(src: string, node: HclNode): TfString {
  const n = unwrap(node);
  if (n.type !== 'string_lit') return span(node);
  const value = literalString(src, n);
  return value === undefined ? span(n) : { ...span(n), value };
}

function listOf(src: string, node: HclNode): TfList {
  let n = unwrap(node);
  if (n.type === 'function_call' && LIST_FUNCTIONS.has(text(src, n.children[0]))) {
    const args = n.children.find((c) => c.type === 'function_arguments');
    if (args?.children.length === 1) n = unwrap(args.children[0]);
  }
  if (n.type !== 'tuple') return span(node);
  return { ...span(node), items: n.children.map((item) => stringOf(src, item)) };
}

function mapOf(src: string, name: HclNode, node: HclNode): TfMap {
  const n = unwrap(node);
  const at = { ...span(node), name: span(name) };
  if (n.type !== 'object') return at;
  const entries = n.children
    .filter((e) => e.type === 'object_elem' && e.children.length === 2)
    .map((e) => {
      const k = unwrap(e.children[0]);
      // A bare name (`tenant = "acme"`) is the key as written.
      const key: TfString = k.type === 'variable_expr' ? { ...span(k), value: text(src, k) } : stringOf(src, k);
      return { key, value: stringOf(src, e.children[1]) };
    });
  return { ...at, entries };
}

function grantOf(src: string, block: HclNode): TerraformGrant {
  const { labels, body } = blockHead(src, block);
  const attrs = attributes(src, body);
  const str = (name: string): TfString | undefined => {
    const a = attrs.get(name);
    return a ? stringOf(src, a.value) : undefined;
  };
  const list = (name: string): TfList | undefined => {
    const a = attrs.get(name);
    return a ? listOf(src, a.value) : undefined;
  };
  const headEnd = body ? Math.max(block.startIndex, src.lastIndexOf('{', body.startIndex) + 1) : block.endIndex;
  return {
    name: labels[1] ?? '',
    head: { start: block.startIndex, end: headEnd },
    keyId: str('key_id'),
    granteePrincipal: str('grantee_principal'),
    retiringPrincipal: str('retiring_principal'),
    operations: list('operations'),
    grantCreationTokens: list('grant_creation_tokens'),
    constraints: blocks(src, body, 'constraints').map((c) => {
      const cBody = blockHead(src, c).body;
      const members = new Map<string, TfMap>();
      for (const [name, a] of attributes(src, cBody)) members.set(name, mapOf(src, a.name, a.value));
      return { ...span(c), head: { start: c.startIndex, end: c.startIndex + 'constraints'.length }, members };
    }),
    dynamicConstraints: blocks(src, body, 'dynamic').some((d) => blockHead(src, d).labels[0] === 'constraints'),
  };
}

/** The top-level blocks the grant reader looks into. */
export function isGrantBlock(type: string, labels: readonly string[]): boolean {
  return type === 'resource' && labels[0] === GRANT_RESOURCE;
}

/** Every `resource "aws_kms_grant"` of the module, in document order. */
export function terraformGrants(src: string, root: HclNode): TerraformGrant[] {
  const body = root.children.find((c) => c.type === 'body');
  return blocks(src, body, 'resource').filter((b) => isGrantBlock('resource', blockHead(src, b).labels)).map((b) => grantOf(src, b));
}

/** The Terraform AWS provider's name of a CreateGrant parameter: `encryptionContextSubset` -> `encryption_context_subset`. */
export function terraformArgument(apiName: string): string {
  return apiName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
