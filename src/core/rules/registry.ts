/** Every rule KMS Lens has, in the order of the README table. */
import { cloudTrailRules } from '../cloudtrail/rules';
import { fileRules } from '../document/rules';
import { lifecycleRules } from '../lifecycle/rules';
import { policyRules } from '../policy/rules';
import { syntaxRules } from '../syntax';
import { fileTooLarge } from './meta/fileTooLarge';
import { internalError } from './meta/internalError';
import { tooManyFindings } from './meta/tooManyFindings';
import type { Rule } from './rule';

export const allRules: readonly Rule[] = [...syntaxRules, ...policyRules, ...cloudTrailRules, ...lifecycleRules, ...fileRules, fileTooLarge, tooManyFindings, internalError];

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));
