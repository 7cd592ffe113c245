/**
 * Grant constraints and the encryption context of a request. KMS allows an
 * operation under a grant only when the request's context contains every pair
 * of `encryptionContextSubset`, or is exactly `encryptionContextEquals`. In a
 * constraint the key of each pair is not case-sensitive and the value is (KMS
 * API Reference, GrantConstraints:
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html).
 */
import { isObject } from '../classify';
import type { GrantConstraints } from './types';

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Constraints from a CreateGrant request (`encryptionContextSubset`) or a list-grants entry (`EncryptionContextSubset`). */
export function readConstraints(v: unknown): GrantConstraints | undefined {
  if (!isObject(v)) return undefined;
  const subset = stringMap(v.encryptionContextSubset ?? v.EncryptionContextSubset);
  const equals = stringMap(v.encryptionContextEquals ?? v.EncryptionContextEquals);
  if (!subset && !equals) return undefined;
  const c: GrantConstraints = {};
  if (subset) c.encryptionContextSubset = subset;
  if (equals) c.encryptionContextEquals = equals;
  return c;
}

/** The request's context by lower-cased key; a key written twice in different case maps to every value it has. */
function byLowerKey(ctx: Record<string, unknown>): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const k in ctx) {
    const lower = k.toLowerCase();
    const list = out.get(lower);
    if (list) list.push(ctx[k]);
    else out.set(lower, [ctx[k]]);
  }
  return out;
}

/** Is every pair of the constraint in the request, its key in any case, its value exactly? */
function containsPairs(request: Map<string, unknown[]>, pairs: Readonly<Record<string, string>>): boolean {
  for (const k in pairs) {
    const values = request.get(k.toLowerCase());
    if (!values || !values.includes(pairs[k])) return false;
  }
  return true;
}

/** Does a request with this encryption context (or none) satisfy the grant's constraints? */
export function satisfiesConstraints(context: unknown, constraints: GrantConstraints | undefined): boolean {
  if (!constraints) return true;
  const request = byLowerKey(isObject(context) ? context : {});
  const subset = constraints.encryptionContextSubset;
  if (subset && !containsPairs(request, subset)) return false;
  const equals = constraints.encryptionContextEquals;
  if (equals) {
    if (!containsPairs(request, equals)) return false;
    // No more pairs than the constraint's.
    const keys = new Set(Object.keys(equals).map((k) => k.toLowerCase()));
    for (const [k, values] of request) if (!keys.has(k) || values.length > 1) return false;
  }
  return true;
}
