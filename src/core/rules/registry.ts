/** Every rule KMS Lens has, in the order of the README table. */
import { cloudTrailRules } from '../cloudtrail/rules';
import { grantRules } from '../grants/rules';
import { lifecycleRules } from '../lifecycle/rules';
import { policyRules } from '../policy/rules';
import { syntaxRules } from '../syntax';
import { terraformRules } from '../terraform/rules';
import { concatenatedDocuments } from './meta/concatenatedDocuments';
import { fileTooLarge } from './meta/fileTooLarge';
import { internalError } from './meta/internalError';
import { keyPolicyTextOutput } from './meta/keyPolicyTextOutput';
import { morePages } from './meta/morePages';
import { template } from './meta/template';
import { tooManyFindings } from './meta/tooManyFindings';
import type { Rule } from './rule';

export const allRules: readonly Rule[] = [...syntaxRules, ...policyRules, ...grantRules, ...terraformRules, ...cloudTrailRules, ...lifecycleRules, morePages, concatenatedDocuments, template, fileTooLarge, tooManyFindings, internalError, keyPolicyTextOutput];

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));

const byFormerId: ReadonlyMap<string, Rule> = new Map(allRules.flatMap((r) => (r.formerIds ?? []).map((id) => [id, r] as const)));

/** The rule an id names: its current id, or one it had before (users' settings and scripts keep working). */
export function ruleByAnyId(id: string): Rule | undefined {
  return ruleById.get(id) ?? byFormerId.get(id);
}
