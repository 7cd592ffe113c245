/** The public surface of the core, used by the extension adapters and the CLI. */
export { analyze, runRules, runRulesAsync, type Analysis, type RunControl } from './analyze';
export { buildModel, type DocumentModel, type JsonRecord } from './document/model';
export { applyEdits, fixableCodes, fixAll, preferredEdits, preferredFixes } from './fixes';
export { LineIndex, type Position } from './positions';
export { allRules, ruleById } from './rules/registry';
export type { Rule } from './rules/rule';
export * from './types';
export { buildGrantsModel, type GrantsModel, type GrantsSource, type KeyGrants } from './keys';
export { buildOutline, type KeyItem, type KeysOutline } from './keys/outline';
export { ALL_STATUSES, LISTED_EVENTS, type OutlineFilter, type OutlineItem, type OutlineOptions, type StatusFilter } from './keys/outlineItems';
export { jsonReport, type JsonEventLocation, type JsonGrantsReport } from './keys/report';
export type { Attempt, Grant } from './grants/types';
export type { EventRef, KmsKey } from './history/types';
export type { KeyState } from './lifecycle/types';
