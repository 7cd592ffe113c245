/**
 * KMS actions by number: a request's action is looked up once, and each
 * statement's Action list becomes a bitmap over the actions of the data
 * (data/iam.ts), so matching an action is one array read.
 */
import { KMS_OPERATION_BY_NAME } from '../cloudtrail/data/kmsOperations';
import { conditionKeysOfAction, KMS_ACTIONS, kmsAction } from '../data/iam';
import { globMatch, type Glob } from './glob';

const NAMES = KMS_ACTIONS.map((a) => a.name.toLowerCase());
const FULL = NAMES.map((n) => `kms:${n}`);
const INDEX = new Map(NAMES.map((n, i) => [n, i]));

export const KMS_ACTION_COUNT = NAMES.length;

/** The index of a KMS action (lower case, without `kms:`), or -1 when the data does not know it. */
export function kmsActionIndex(name: string): number {
  return INDEX.get(name) ?? -1;
}

/** The KMS actions a lower-case action pattern matches, by pattern: policies repeat the same few. */
const expanded = new Map<string, readonly number[]>();

export function kmsActionsOf(pattern: string, g: Glob): readonly number[] {
  let hit = expanded.get(pattern);
  if (!hit) {
    const found: number[] = [];
    for (let i = 0; i < FULL.length; i++) if (globMatch(g, FULL[i])) found.push(i);
    hit = found;
    if (expanded.size < 5000) expanded.set(pattern, hit);
  }
  return hit;
}

/**
 * Whether a KMS operation's request carries an encryption context (the
 * operations of src/core/cloudtrail/data/kmsOperations.ts with an
 * `encryptionContext` parameter; ReEncryptFrom and ReEncryptTo, the two halves
 * of ReEncrypt, carry its source and destination contexts).
 */
export function takesEncryptionContext(operation: string): boolean {
  if (operation === 'ReEncryptFrom' || operation === 'ReEncryptTo') return true;
  return KMS_OPERATION_BY_NAME.get(operation)?.request.includes('encryptionContext') === true;
}

const contextKeyed = new Map<string, boolean>();

/**
 * Whether the Service Authorization Reference lists the encryption context
 * condition keys for an action without its request having an encryption
 * context (CreateGrant, RetireGrant): their value then comes from elsewhere
 * (the grant), which an event does not show.
 */
export function contextKeysWithoutContext(operation: string): boolean {
  let v = contextKeyed.get(operation);
  if (v === undefined) {
    const action = kmsAction(operation);
    v = !takesEncryptionContext(operation) && action !== undefined && conditionKeysOfAction(action).some((k) => k.toLowerCase().startsWith('kms:encryptioncontext'));
    contextKeyed.set(operation, v);
  }
  return v;
}
