/** The public surface of the core, used by the extension adapters and the CLI. */
export { analyze, runRules, runRulesAsync, type Analysis, type RunControl } from './analyze';
export { buildModel, type DocumentModel, type JsonRecord } from './document/model';
export { applyEdits, fixableCodes, fixAll, fixAllEdits, fixAllFixes, fixAllFixOf } from './fixes';
export { LineIndex, type Position } from './positions';
export { allRules, ruleByAnyId, ruleById } from './rules/registry';
export type { Rule } from './rules/rule';
export * from './types';
