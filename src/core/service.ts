/**
 * The one entry point to the core, as `getLanguageService` is for
 * vscode-json-languageservice: the extension (src/vscode) and the CLI
 * (src/cli) reach the core through this service and the types and constants
 * that src/core/index.ts exports, and lint holds them to it. What the core
 * offers is listed here once; everything behind it can move without touching
 * an adapter. The evaluator of access decisions joins it when it lands.
 *
 * The service keeps no state of its own: each method is a plain function of
 * its arguments (what is cached is cached per model object, one per document
 * version).
 */
import { analyze, runRules, runRulesAsync, type Analysis, type AnalysisContext, type RunControl } from './analyze';
import { keyIdInFileName, keyPolicyOfMappedFile, KnownKeyPolicies, readKeyPolicyMappings, type KeyPolicyMapping, type KnownKeyPolicy, type MappedPolicy } from './access/knownPolicies';
import { knownPoliciesOfLog } from './access/logPolicies';
import { formatLog, type FormatOptions, type FormatResult } from './cloudtrail/format';
import { describeRedaction, redactText, type Redaction } from './cloudtrail/redact';
import { buildModel, type DocumentModel, type ModelOptions } from './document/model';
import { fixableCodes, fixAll, type FixAllResult } from './fixes';
import { revokeGrantCommand } from './grants/describe';
import { repairJson } from './repairJson';
import type { Grant } from './grants/types';
import type { KmsKey } from './history/types';
import { hoverAt } from './hover';
import { buildFromFacts, buildGrantsModel, feedsKeyHistory, readSource, type SourceFacts } from './keys/build';
import { portableFacts } from './keys/portable';
import { streamedSourceFacts } from './keys/streamed';
import { buildOutline, type KeysOutline } from './keys/outline';
import type { OutlineOptions } from './keys/outlineItems';
import { jsonReport, type JsonGrantsReport, type LocateEvent } from './keys/report';
import type { GrantsModel, GrantsSource } from './keys/types';
import { canonicalKeyArn, keyUseEventPatternText } from './lifecycle/alarm';
import { completionsAt, type CompletionItem } from './policy/complete';
import { completionsInSource, isTranslatedDocument } from './translation/completions';
import { statementLenses, type StatementLens } from './policy/summary';
import { setsRuleOn, withRuleDisabled } from './ruleSettings';
import { kindForFile } from './policy/kindOverrides';
import { policiesOf } from './policy/locate';
import type { PolicyKind } from './policy/kinds';
import { describeReading } from './readAs';
import { needsFormats } from './reading';
import { prepareTerraform, type FormatFileSource } from './terraform/parser';
import { semanticTokens, type SemanticToken } from './semanticTokens';
import { identityPolicyFromText, keyPolicyFromText, keyPolicyOfGetKeyPolicy, simulate, type SimulatedEvent, type SimulateInput } from './access/simulate';
import type { PolicyModel } from './policy/model';
import { accessSummary, describeAccessSummary, type AccessSummary } from './access/summary';
import { generateKeyPolicy, type GeneratedPolicy } from './access/generate';
import { keysOfLogs, unusedAccess, unusedGrants, type UnusedAccess, type UnusedGrant, type UsageInput } from './access/unused';
import type { AnalysisSettings, DocumentHints, Finding, HoverResult, SeveritySetting } from './types';

export interface KmsLensService {
  // Documents and findings

  /** What a text is (key policy, CloudTrail log, list-grants output, ...) and its parse: every feature below reads this model. */
  parse(text: string, hints: DocumentHints, options: ModelOptions): DocumentModel;
  /** Parses and runs every enabled rule: the same findings in the editor and the CLI for the same text and settings. */
  analyze(text: string, hints?: DocumentHints, settings?: AnalysisSettings): Analysis;
  /** The findings of a model already parsed; never throws. */
  findings(model: DocumentModel, settings?: AnalysisSettings, context?: AnalysisContext): Finding[];
  /** The same findings, in chunks of events that give the thread back between them; undefined if cancelled. */
  findingsInChunks(model: DocumentModel, settings: AnalysisSettings, control: RunControl, context?: AnalysisContext): Promise<Finding[] | undefined>;
  /** What the document was read as, in words ("an IAM role trust policy"), for the CLI's per-file line. */
  readAs(model: DocumentModel): string;
  /**
   * Loads the parsers that load asynchronously (Terraform's WebAssembly), once;
   * `locate` turns a file name of FORMAT_FILES into a path or URL. Until it has
   * finished, a Terraform text parses to a model marked `pending`.
   */
  prepareFormats(locate: FormatFileSource): Promise<void>;
  /** Does this document need `prepareFormats` before it can be read (a Terraform file while the parser is not loaded)? */
  needsFormats(hints: DocumentHints): boolean;
  /** The policy kind the user's overrides (glob -> kind) give a file, if any. */
  kindForFile(path: string | undefined, overrides: Readonly<Record<string, unknown>> | undefined): PolicyKind | undefined;

  // Repairs

  /** Applies every fix that cannot widen access (of one rule, with `onlyCode`) until nothing changes: fix-all and `--fix`. */
  repair(text: string, hints: DocumentHints, settings: AnalysisSettings, onlyCode?: string): FixAllResult;
  /** "Repair pasted JSON": the same repairs, of the JSON syntax rules only (curly quotes, bare names, commas, comments). */
  repairJson(text: string, hints: DocumentHints, settings: AnalysisSettings): FixAllResult;
  /** Rules with at least `min` findings that a Fix all fix repairs. */
  fixableCodes(findings: readonly Finding[], min?: number): string[];
  /** The `kmsLens.rules` setting with `ruleId` turned off. */
  withRuleDisabled(current: unknown, ruleId: string): Record<string, SeveritySetting | unknown>;
  /** Does this `kmsLens.rules` value turn `ruleId` on? */
  setsRuleOn(current: unknown, ruleId: string): boolean;

  // Writing and reading a document

  /** Every hover that has something to say at the offset, as one. */
  hover(model: DocumentModel, offset: number, known?: KnownKeyPolicies): HoverResult | undefined;
  /** Completions at the offset (policies). */
  complete(model: DocumentModel, offset: number): CompletionItem[];
  /** Tokens whose meaning depends on where they are (policies). */
  semanticTokens(model: DocumentModel): SemanticToken[];
  /** A plain-language summary of each policy statement, where it starts. */
  summaries(model: DocumentModel): StatementLens[];

  // CloudTrail logs

  /** One event per line, the rest of the log unchanged. */
  format(text: string, options?: FormatOptions): FormatResult;
  /** A copy with account ids, access keys, principals, addresses and names replaced consistently. */
  redact(text: string): Redaction;
  /** What a redaction replaced, counted in words ("1 account id, 3 session names"). */
  describeRedaction(redaction: Redaction): string;

  // Keys: their grants and their own lives

  /** Does this document feed the keys model (CloudTrail events, list-grants output, AWS CLI output about keys)? */
  feedsKeys(model: DocumentModel): boolean;
  /** Every key the documents name, with its grants and its lifecycle. */
  grants(sources: readonly GrantsSource[]): GrantsModel;
  /** What one document says about keys, as plain data that keeps nothing of its text (`kms-lens grants` on folders, worker threads). */
  keyFacts(source: GrantsSource): SourceFacts;
  /** The keys model from the facts of any number of documents: the same model `grants` builds from the documents. */
  grantsFromFacts(facts: readonly SourceFacts[]): GrantsModel;
  /**
   * The facts of a document parsed with `recordValues: false`, each record parsed as it is read
   * and let go (or the usual facts of any other model); undefined when a record does not parse:
   * then parse the text again the usual way.
   */
  streamedKeyFacts(source: GrantsSource): SourceFacts | undefined;
  /** What the grants view and the text report show of a keys model, item by item. */
  outline(model: GrantsModel, options?: OutlineOptions): KeysOutline;
  /** The JSON report of `kms-lens grants`; `locate` says where an event is. */
  grantsReport(model: GrantsModel, locate: LocateEvent): JsonGrantsReport;
  /** The AWS CLI command that revokes a grant. */
  revokeGrantCommand(grant: Grant, key: KmsKey): string;
  /** A key ARN as CloudTrail writes it in `resources`, from a typed one; undefined if it is none. */
  keyArn(typed: string): string | undefined;
  /** The EventBridge event pattern that matches every cryptographic operation on the key (a key ARN). */
  keyUseAlarmPattern(keyArn: string): string;

  // Access: who may use a key, and why a call was allowed

  /** A key policy from a file's text (the policy, or get-key-policy output); undefined when it holds no JSON object. */
  keyPolicyFromText(text: string): PolicyModel | undefined;
  /** An IAM policy from a file's text (the policy, or get-policy-version output). */
  identityPolicyFromText(text: string): PolicyModel | undefined;
  /** Every KMS event of the logs against a key policy and the grants the logs show: `kms-lens simulate`. */
  simulate(input: SimulateInput): SimulatedEvent[];
  /** The key policies a document holds (standalone, in a template, as get-key-policy output). */
  keyPolicies(model: DocumentModel): PolicyModel[];
  /** Who can do what with the key, by principal, in plain words: `kms-lens access` and the hover on "Statement". */
  accessSummary(policy: PolicyModel): AccessSummary;
  /** The summary as text lines. */
  describeAccessSummary(summary: AccessSummary): string[];
  /** A least-privilege key policy for the key from the successful calls the logs show, keeping the account root statement. */
  generateKeyPolicy(sources: readonly GrantsSource[], keyArn: string): GeneratedPolicy | undefined;
  /** The Allow statements and grants of a key that no event of the logs used, over the period they cover; undefined when the logs hold no event on the key. */
  unusedAccess(input: UsageInput): UnusedAccess | undefined;
  /** The active grants the logs show being created that no later event used, with the period (the grants view). */
  unusedGrants(model: GrantsModel, sources: readonly GrantsSource[]): UnusedGrant[];
  /** The keys the logs' KMS events are made on. */
  keysOfLogs(sources: readonly GrantsSource[]): Set<string>;
  /** Reads `kmsLens.keyPolicies` (key ARN -> file or file#LogicalId); what cannot be read comes back as problems. */
  readKeyPolicyMappings(setting: unknown): { mappings: KeyPolicyMapping[]; problems: string[] };
  /** The key policy of a mapped file: a policy, get-key-policy output, or a template's AWS::KMS::Key (by logical id, or its only key). */
  keyPolicyOfMappedFile(model: DocumentModel, logicalId?: string): MappedPolicy;
  /** The key id a file name carries (`<key-id>.json`), for get-key-policy output, which does not name its key. */
  keyIdInFileName(name: string): string | undefined;
  /** The key policies a log shows being set (PutKeyPolicy, CreateKey), as known to other documents. */
  knownPoliciesOfLog(model: DocumentModel, source: string): KnownKeyPolicy[];
  /** The known key policies, ready for hovers and findings. */
  knownKeyPolicies(entries: readonly KnownKeyPolicy[]): KnownKeyPolicies;
}

const SERVICE: KmsLensService = Object.freeze({
  parse: buildModel,
  analyze,
  findings: runRules,
  findingsInChunks: runRulesAsync,
  readAs: describeReading,
  prepareFormats: prepareTerraform,
  needsFormats,
  kindForFile,
  repair: fixAll,
  repairJson,
  fixableCodes,
  withRuleDisabled,
  setsRuleOn,
  hover: hoverAt,
  complete: (model: DocumentModel, offset: number) => (isTranslatedDocument(model) ? completionsInSource(model, offset) : completionsAt(model, offset)),
  semanticTokens,
  summaries: statementLenses,
  format: formatLog,
  redact: redactText,
  describeRedaction,
  feedsKeys: (model: DocumentModel) => feedsKeyHistory(model.kind),
  grants: buildGrantsModel,
  keyFacts: portableFacts,
  grantsFromFacts: buildFromFacts,
  streamedKeyFacts: (source: GrantsSource) => (source.model.unparsedRecords ? streamedSourceFacts(source) : readSource(source)),
  outline: buildOutline,
  grantsReport: jsonReport,
  revokeGrantCommand,
  keyArn: canonicalKeyArn,
  keyUseAlarmPattern: keyUseEventPatternText,
  keyPolicyFromText,
  identityPolicyFromText,
  simulate,
  keyPolicies(model: DocumentModel): PolicyModel[] {
    const found = policiesOf(model).filter((p) => p.kind === 'keyPolicy');
    if (found.length > 0 || model.kind !== 'other') return found;
    // get-key-policy output, when the document model does not read it as a policy.
    const inner = keyPolicyOfGetKeyPolicy(model.text);
    return inner ? [inner] : [];
  },
  accessSummary: (policy: PolicyModel): AccessSummary => accessSummary(policy),
  describeAccessSummary: (summary: AccessSummary): string[] => describeAccessSummary(summary),
  generateKeyPolicy,
  unusedAccess,
  unusedGrants,
  keysOfLogs,
  readKeyPolicyMappings,
  keyPolicyOfMappedFile,
  keyIdInFileName,
  knownPoliciesOfLog,
  knownKeyPolicies: (entries: readonly KnownKeyPolicy[]) => new KnownKeyPolicies(entries),
});

/** The core's service (one for the whole process: it holds no state). */
export function getKmsLensService(): KmsLensService {
  return SERVICE;
}
