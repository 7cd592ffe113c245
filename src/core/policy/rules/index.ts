import type { PolicyRule } from '../../rules/rule';

/** Policy rules, one module each (see docs in each module). */
export const policyRules: PolicyRule[] = [];
