import type { EventRule, LogRule } from '../../rules/rule';

/** CloudTrail rules, one module each. */
export const cloudTrailRules: Array<EventRule | LogRule> = [];
