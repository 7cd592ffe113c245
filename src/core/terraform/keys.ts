/**
 * The `resource "aws_kms_key"` blocks of a Terraform module that ask for
 * automatic rotation (`enable_key_rotation = true`) of a key that cannot have
 * it (kms/rotation.ts): an asymmetric or HMAC `customer_master_key_spec`, or a
 * key in a custom key store (`custom_key_store_id`). Only what is written as a
 * literal counts: `var.rotate`, `local.spec`, a conditional or a string with
 * an interpolation leaves the key unknown, and nothing is said. (Keys with
 * imported material are `aws_kms_external_key`, which has no rotation
 * argument.)
 */
import { noRotation, type NoRotation } from '../kms/rotation';
import { attributes, blockHead, blocks, literalString, text, unwrap } from './hcl';
import type { HclNode } from './syntax';
import type { TfSpan } from './grants';

export const KEY_RESOURCE = 'aws_kms_key';

export interface TerraformUnrotatableKey {
  /** The resource's name (`aws_kms_key.NAME`). */
  name: string;
  /** The `enable_key_rotation` value, where the finding goes. */
  rotation: TfSpan;
  why: NoRotation;
}

/** The top-level blocks the key reader looks into. */
export function isKeyBlock(type: string, labels: readonly string[]): boolean {
  return type === 'resource' && labels[0] === KEY_RESOURCE;
}

/** A literal value: `true`, `"RSA_2048"` (a string without interpolation); undefined for anything else. */
function literal(src: string, node: HclNode): string | boolean | undefined {
  const n = unwrap(node);
  return n.type === 'bool_lit' ? text(src, n) === 'true' : literalString(src, n);
}

/** The key is in a custom key store for certain: a literal id, or a reference to an `aws_kms_custom_key_store` of the module. */
function inCustomKeyStore(src: string, node: HclNode | undefined): boolean {
  if (!node) return false;
  const v = literal(src, node);
  if (typeof v === 'string') return v.trim() !== '';
  return /^aws_kms_custom_key_store\.[A-Za-z_][\w-]*\.id$/.test(text(src, unwrap(node)).trim());
}

function unrotatable(src: string, block: HclNode): TerraformUnrotatableKey | undefined {
  const { labels, body } = blockHead(src, block);
  const attrs = attributes(src, body);
  const rotation = attrs.get('enable_key_rotation');
  const on = rotation ? literal(src, rotation.value) : undefined;
  if (!rotation || (on !== true && on !== 'true')) return undefined;
  const spec = attrs.get('customer_master_key_spec');
  const why = noRotation(spec ? literal(src, spec.value) : undefined, undefined, inCustomKeyStore(src, attrs.get('custom_key_store_id')?.value));
  return why ? { name: labels[1] ?? '', rotation: { start: rotation.value.startIndex, end: rotation.value.endIndex }, why } : undefined;
}

/** Every such key of the module, in document order. */
export function terraformUnrotatableKeys(src: string, root: HclNode): TerraformUnrotatableKey[] {
  const body = root.children.find((c) => c.type === 'body');
  return blocks(src, body, 'resource').filter((b) => isKeyBlock('resource', blockHead(src, b).labels)).flatMap((b) => unrotatable(src, b) ?? []);
}
