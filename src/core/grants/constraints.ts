/**
 * Grant constraints and the encryption context of a request. KMS allows an
 * operation under a grant only when the request's context contains every pair
 * of `encryptionContextSubset`, or is exactly `encryptionContextEquals`. Keys
 * and values are compared as written: KMS treats them as case-sensitive.
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

/** Does a request with this encryption context (or none) satisfy the grant's constraints? */
export function satisfiesConstraints(context: unknown, constraints: GrantConstraints | undefined): boolean {
  if (!constraints) return true;
  const ctx = isObject(context) ? context : {};
  const subset = constraints.encryptionContextSubset;
  if (subset) {
    for (const k in subset) if (ctx[k] !== subset[k]) return false;
  }
  const equals = constraints.encryptionContextEquals;
  if (equals) {
    let n = 0;
    for (const k in ctx) {
      if (ctx[k] !== equals[k]) return false;
      n++;
    }
    if (n !== Object.keys(equals).length) return false;
  }
  return true;
}
