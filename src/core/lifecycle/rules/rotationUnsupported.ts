/**
 * Automatic rotation turned on, in a template, for a key KMS cannot rotate
 * automatically: an asymmetric or HMAC key, a key with imported key material,
 * a key in a custom key store (kms/rotation.ts). KMS rejects EnableKeyRotation
 * on such a key. Only literal values are judged (policy/templateRotation.ts,
 * terraform/keys.ts): a parameter, a condition or a variable says nothing.
 */
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { NoRotation } from '../../kms/rotation';
import { unrotatableKeys } from '../../policy/templateRotation';
import type { DocumentRule } from '../../rules/rule';
import type { Fix } from '../../types';

/** What kind of key it is, in words. */
function keyKind(why: NoRotation): string {
  switch (why.reason) {
    case 'keySpec': return why.value.startsWith('HMAC_') ? l10n.t('an HMAC key ({0})', why.value) : l10n.t('an asymmetric key ({0})', why.value);
    case 'imported': return l10n.t('a key with imported key material (Origin EXTERNAL)');
    case 'customKeyStore': return l10n.t('a key in a custom key store');
  }
}

function message(resource: string, argument: string, why: NoRotation): string {
  const fact = why.reason === 'keySpec'
    ? l10n.t('KMS rotates only symmetric encryption keys automatically, and rejects EnableKeyRotation on this one.')
    : l10n.t('KMS does not rotate such keys automatically, and rejects EnableKeyRotation on them.');
  return l10n.t('{0} turns on automatic rotation of {1}: {2} Remove {3} or set it to false.', resource, keyKind(why), fact, argument);
}

/**
 * The value (`true`, `'true'`, `"true"`) replaced by `false`, which JSON, YAML
 * and HCL all read as the boolean: the one value KMS accepts for such a key.
 * A repair: AWS rejects the value as it stands, and no access changes.
 */
function setFalse(range: { start: number; end: number }, argument: string): Fix {
  return { title: l10n.t('Set {0} to false', argument), safety: 'repair', edits: [{ ...range, newText: 'false' }] };
}

export const lifecycleRotationUnsupported: DocumentRule = {
  id: 'lifecycle-rotation-unsupported',
  scope: 'document',
  kinds: ['cloudFormation', 'terraform'],
  defaultSeverity: 'warning',
  title: 'Automatic rotation turned on for a key that cannot rotate',
  category: 'rejected',
  fixable: ['repair'],
  docs: {
    description: 'An `AWS::KMS::Key` with `EnableKeyRotation: true`, or an `aws_kms_key` with `enable_key_rotation = true`, on a key KMS does not rotate automatically: an asymmetric key (`KeySpec` or `customer_master_key_spec` `RSA_*`, `ECC_*`, `SM2`, `ML_DSA_*`), an HMAC key (`HMAC_*`), a key with imported key material (`Origin: EXTERNAL`), or a key in a custom key store (`custom_key_store_id`). The KMS API reference says automatic rotation is supported only on symmetric encryption keys, and the `AWS::KMS::Key` reference says to omit `EnableKeyRotation` or set it to false for these keys. Only values written as literals are checked: a parameter, a condition or a variable says nothing.',
    example: 'SigningKey:\n  Type: AWS::KMS::Key\n  Properties:\n    KeySpec: ECC_NIST_P256\n    KeyUsage: SIGN_VERIFY\n    EnableKeyRotation: true',
    remedy: 'Remove `EnableKeyRotation` (`enable_key_rotation`) or set it to false. To replace the key material of such a key, create a new key and move its users to it (an alias makes the move one update).',
    sources: [SOURCES.enableKeyRotation, SOURCES.cloudFormationKmsKey, SOURCES.terraformKmsKey],
  },
  check(model, report) {
    if (model.kind === 'terraform') {
      for (const key of model.terraformUnrotatableKeys ?? []) {
        report({ ...key.rotation, message: message(`aws_kms_key.${key.name}`, 'enable_key_rotation', key.why), fixes: [setFalse(key.rotation, 'enable_key_rotation')] });
      }
      return;
    }
    // A template in JSON (its tree), or in YAML (the tree of its translation, placed back on the YAML).
    const t = model.translation;
    const place = t ? t.toDocument : (o: number): number => o;
    for (const key of unrotatableKeys(t?.root ?? model.root)) {
      const range = { start: place(key.node.offset), end: place(key.node.offset + key.node.length) };
      report({ ...range, message: message(key.logicalId, 'EnableKeyRotation', key.why), fixes: [setFalse(range, 'EnableKeyRotation')] });
    }
  },
};
