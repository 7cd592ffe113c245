/** The English descriptions of iam.generated.json that the Italian and Spanish bundles translate, as l10n keys. */
import { allConditionKeys, KMS_ACTIONS } from '../../src/core/data/iam';

/** Every non-empty description of a KMS action or condition key, as a bundle of English keys (the key is its own English). */
export function iamDescriptions(): Record<string, string> {
  const texts = [...KMS_ACTIONS.map((a) => a.description), ...allConditionKeys().map((k) => k.description)].filter((d) => d !== '');
  return Object.fromEntries(texts.map((d) => [d, d]));
}
