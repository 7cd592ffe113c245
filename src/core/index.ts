/**
 * The core's entry point: the service (getKmsLensService) and the types and
 * constants that go with it. The extension and the CLI import this module
 * and nothing else of the core (eslint.config.mjs holds them to it).
 */
export { getKmsLensService, type KmsLensService } from './service';
export * from './types';

// Documents, findings, fixes and rules.
export { analyze, runRules, runRulesAsync, type Analysis, type RunControl } from './analyze';
export { buildModel, type DocumentModel, type JsonRecord, type ModelOptions } from './document/model';
export { applyEdits, fixableCodes, fixAll, fixAllEdits, fixAllFixes, fixAllFixOf, type FixAllResult } from './fixes';
export { LineIndex, type Position } from './positions';
export { describeReading } from './readAs';
export { POLICY_KINDS, isPolicyKind, type PolicyKind } from './policy/kinds';
export { kindForFile } from './policy/kindOverrides';
export { allRules, ruleByAnyId, ruleById } from './rules/registry';
export { docsPath, type Rule } from './rules/rule';
export { docsLanguageFor, DOCS_LANGUAGES, type DocsLanguage } from './rules/docsLanguage';

// Editing features.
export type { CompletionItem } from './policy/complete';
export type { StatementLens } from './policy/summary';
export { TOKEN_MODIFIERS, TOKEN_TYPES, type SemanticToken } from './semanticTokens';

// CloudTrail tools.
export type { FormatOptions, FormatResult } from './cloudtrail/format';
export type { Redaction, RedactionCategory } from './cloudtrail/redact';

// Keys: their grants and their own lives.
export type { Attempt, Grant, GrantConstraints, GrantStatus } from './grants/types';
export type { Actor, EventRef, KmsKey } from './history/types';
export { buildGrantsModel, type SourceFacts } from './keys/build';
export type { KeyItem, KeysOutline } from './keys/outline';
export { buildOutline } from './keys/outline';
export { ALL_STATUSES, LISTED_EVENTS, type Locate, type OutlineFilter, type OutlineItem, type OutlineKind, type OutlineOptions, type StatusFilter } from './keys/outlineItems';
export type { JsonAttempt, JsonEventLocation, JsonGrant, JsonGrantsReport, JsonKey, JsonLifecycleEvent, LocateEvent } from './keys/report';
export { jsonReport } from './keys/report';
export type { GrantsModel, GrantsSource, KeyGrants } from './keys/types';
export type { KeyLifecycle, KeyState } from './lifecycle/types';
export type { TimeZoneChoice } from './lifecycle/dates';
export { formatTime } from './lifecycle/dates';
// The WebAssembly files Terraform's parser needs, which the adapters locate (next to the bundle, or in node_modules).
export { TERRAFORM_WASM as FORMAT_FILES } from './terraform/parser';
export { TEMPLATE_EXTENSIONS } from './document/template';

// Limits the adapters name in their messages.
/** JSON nested deeper than this is not analysed, formatted or redacted (`json-too-deep`). */
export { MAX_NESTING as MAX_JSON_NESTING } from './document/syntax';

// Access: the evaluator's answers, as the CLI and the extension show them.
export type { Decision } from './access/types';
export type { JsonDecidingRef, NamedPolicy, SimulatedEvent, SimulateInput } from './access/simulate';
export type { PolicyModel } from './policy/model';
export type { AccessEntry, AccessLine, AccessSummary } from './access/summary';
export type { GeneratedPolicy } from './access/generate';
export type { UnusedAccess, UnusedGrant, UnusedStatement, UsageInput } from './access/unused';
export type { KeyPolicyMapping, KnownKeyPolicies, KnownKeyPolicy, MappedPolicy } from './access/knownPolicies';
export type { AnalysisContext } from './analyze';
