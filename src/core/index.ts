/** The public surface of the core, used by the extension adapters and the CLI. */
export { analyze, runRules, runRulesAsync, type Analysis, type RunControl } from './analyze';
export { buildModel, type DocumentModel, type JsonRecord } from './document/model';
export { applyEdits, fixableCodes, fixAll, preferredEdits, preferredFixes } from './fixes';
export { LineIndex, type Position } from './positions';
export { describeReading } from './readAs';
export { POLICY_KINDS, isPolicyKind, type PolicyKind } from './policy/kinds';
export { kindForFile } from './policy/kindOverrides';
export { allRules, ruleById } from './rules/registry';
export type { Rule } from './rules/rule';
export * from './types';
