/**
 * What a rule is. Every rule is one module exporting one of these objects; the
 * README rule table and the `kmsLens.rules` settings schema are generated from
 * this metadata (scripts/generate.mjs), so nothing is listed twice.
 */
import type { DocumentModel, JsonRecord } from '../document/model';
import type { PolicyModel } from '../policy/model';
import type { AnalysisSettings, DocumentKind, Fix, Severity } from '../types';
import type { JSONPath } from 'jsonc-parser';

export interface RuleDocs {
  /** What the rule catches and why it matters, in Markdown (one short paragraph). */
  description: string;
  /** A minimal JSON fragment that triggers the rule. */
  example?: string;
  /** What the user should do about it. */
  remedy: string;
}

export interface RuleMeta {
  /** kebab-case, prefixed by area: json-, policy-, ct-, grant-, lifecycle-, file-. */
  id: string;
  defaultSeverity: Severity;
  /** One line, shown in the rule table and the settings UI. */
  title: string;
  docs: RuleDocs;
}

export interface Report {
  /** Offsets are in the text the rule was given (the document, or the policy's own text). */
  (finding: { start: number; end: number; message: string; fixes?: Fix[] }): void;
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
  /** Policy kinds the rule runs on. */
  kinds: ReadonlyArray<'keyPolicy' | 'identityPolicy'>;
  check(policy: PolicyModel, report: Report): void;
}

/** What an event rule sees: one CloudTrail record and a way to turn JSON paths into ranges. */
export interface EventContext {
  model: DocumentModel;
  record: JsonRecord;
  event: Record<string, unknown>;
  /** Range of the value (or key) at `path` inside this record; the record's first character if absent. */
  range(path: JSONPath, target?: 'key' | 'value'): { start: number; end: number };
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
