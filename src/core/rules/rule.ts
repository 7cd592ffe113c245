/**
 * What a rule is. Every rule is one module exporting one of these objects; the
 * README rule table and the `kmsLens.rules` settings schema are generated from
 * this metadata (src/build/generate.ts), so nothing is listed twice.
 */
import type { KnownKeyPolicies } from '../access/knownPolicies';
import type { PolicyUsage } from '../access/unused';
import type { DocumentModel, JsonRecord } from '../document/model';
import type { PolicyKind } from '../policy/kinds';
import type { PolicyModel } from '../policy/model';
import type { AnalysisSettings, DocumentKind, Fix, FixSafety, Severity } from '../types';
import type { JSONPath } from 'jsonc-parser';
import { docsSuffix, type DocsLanguage } from './docsLanguage';

export interface RuleDocs {
  /** What the rule catches and why it matters, in Markdown (one short paragraph). */
  description: string;
  /** A minimal JSON fragment that triggers the rule. */
  example?: string;
  /** What the user should do about it. */
  remedy: string;
  /**
   * Where the facts the rule's messages rely on come from (AWS documentation
   * pages): every rule that says AWS rejects something, or that something
   * never matches or has no effect, names its source here.
   */
  sources?: readonly string[];
}

/**
 * What kind of problem a rule reports. `syntax` and `rejected` are the only
 * categories whose fixes may be `repair`s: a document AWS rejects grants
 * nothing, so repairing it cannot widen access that exists today.
 */
export type RuleCategory =
  /** Not valid JSON: AWS rejects the document, tools cannot read it. */
  | 'syntax'
  /** The AWS documentation says such a policy (or request) is refused. */
  | 'rejected'
  /** Not valid in the policy language, but AWS does not document whether it refuses it or ignores it. */
  | 'invalid'
  /** AWS accepts it, but a statement, condition or value never matches or has no effect. */
  | 'ineffective'
  /** Access wider or riskier than the author is likely to mean. */
  | 'risk'
  /** Redundant or unusual spelling; AWS reads it the same way. */
  | 'style'
  /** A value copied from the AWS documentation that stands for the user's own. */
  | 'placeholder'
  /** A CloudTrail record that is malformed or contradicts itself. */
  | 'record'
  /** What the logs show happened (failed calls, dry runs, a key's lifecycle). */
  | 'activity'
  /** The limits of the analysis itself (file size, number of findings, a rule that failed). */
  | 'analysis';

export const RULE_CATEGORIES: readonly RuleCategory[] = ['syntax', 'rejected', 'invalid', 'ineffective', 'risk', 'style', 'placeholder', 'record', 'activity', 'analysis'];

/** The categories whose fixes may be `repair`s (the document before the fix is one AWS rejects). */
export const REJECTING_CATEGORIES: ReadonlySet<RuleCategory> = new Set<RuleCategory>(['syntax', 'rejected']);

export interface RuleMeta {
  /** kebab-case, prefixed by area: json-, policy-, ct-, lifecycle-, meta-. The rule's module file is named after the rest (camelCase). */
  id: string;
  defaultSeverity: Severity;
  /** One line, shown in the rule table and the settings UI. */
  title: string;
  category: RuleCategory;
  /**
   * The safety classes of the quick fixes the rule offers, empty when it has
   * none. Fix all applies the fixes of the classes in FIX_ALL_SAFETIES; the
   * generated docs say which rules it fixes, and a test checks that every fix
   * a rule produces has a class listed here.
   */
  fixable: readonly FixSafety[];
  /** Ids the rule had before; still accepted in `kmsLens.rules` and `--rule`. */
  formerIds?: readonly string[];
  docs: RuleDocs;
}

/** Where a rule's documentation page, in `language` (English by default), lives in the repository (and the packaged extension). */
export function docsPath(rule: Pick<RuleMeta, 'id'>, language: DocsLanguage = 'en'): string {
  return `docs/rules/${rule.id}${docsSuffix(language)}.md`;
}

export interface Report {
  /** Offsets are in the text the rule was given (the document, or the policy's own text). */
  /** `atMostInformation`: this finding is said quietly whatever the rule's severity (e.g. a value masked on purpose in a shared log). */
  (finding: { start: number; end: number; message: string; fixes?: Fix[]; atMostInformation?: boolean }): void;
}

/** Looks at the whole document (syntax, size). */
export interface DocumentRule extends RuleMeta {
  scope: 'document';
  /** Document kinds the rule runs on. */
  kinds: readonly DocumentKind[];
  /** `settings`: the limits, for a rule that names them (file-too-large). */
  check(model: DocumentModel, report: Report, settings: AnalysisSettings): void;
}

/** Looks at one policy (standalone, or embedded in a template or an event). */
export interface PolicyRule extends RuleMeta {
  scope: 'policy';
  /**
   * Policy kinds the rule runs on (policy/kinds.ts). On any kind but a key
   * policy, its findings are kept only where they are about KMS (policy/kmsScope.ts).
   */
  kinds: readonly PolicyKind[];
  check(policy: PolicyModel, report: Report, context: PolicyRuleContext): void;
}

/** What a policy rule may know beyond the policy: its document, and what the caller knows of the workspace. */
export interface PolicyRuleContext {
  model: DocumentModel;
  /** The logs that tell which statements of the document's key policies were used, and for which keys (the editor). */
  usage?: PolicyUsage;
}

/** What an event rule sees: one CloudTrail record and a way to turn JSON paths into ranges. */
export interface EventContext {
  model: DocumentModel;
  record: JsonRecord;
  event: Record<string, unknown>;
  /** Range of the value (or key) at `path` inside this record; the record's first character if absent. */
  range(path: JSONPath, target?: 'key' | 'value'): { start: number; end: number };
  /** Key policies known from outside the document (the workspace's files, other logs), when the caller has them. */
  known?: KnownKeyPolicies;
}

/** Looks at one CloudTrail event. */
export interface EventRule extends RuleMeta {
  scope: 'event';
  check(event: EventContext, report: Report): void;
}

/** Looks at all the events of one document together (ordering, lifecycle). */
export interface LogRule extends RuleMeta {
  scope: 'log';
  check(events: EventContext[], report: Report): void;
}

/** Findings the runner itself produces (limits, failures); listed so they can be documented and configured. */
export interface MetaRule extends RuleMeta {
  scope: 'meta';
}

export type Rule = DocumentRule | PolicyRule | EventRule | LogRule | MetaRule;
