/**
 * Plain data shared by every part of the core. Offsets are UTF-16 code-unit
 * offsets into the analysed text, as in VS Code's `TextDocument.offsetAt`.
 */

import { isPolicyKind, type PolicyKind } from './policy/kinds';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
/** What a rule can be set to in `kmsLens.rules` and `--rule`: the severities, most severe first, then off. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = [...SEVERITIES, 'off'];

/** Whether a value from the user (a setting, a flag) is one of SEVERITY_SETTINGS. */
export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);
}

/**
 * What a document is, as far as KMS Lens is concerned. `other` gets no diagnostics.
 * A policy document is the kind of policy it holds (policy/kinds.ts): a key
 * policy, a trust policy, ... (also when it holds a bare statement, a list of
 * statements, or the policy as one JSON string).
 * `cloudFormation`: a JSON template holding a key policy, or a policy that mentions KMS.
 * `kmsOutput`: AWS CLI output about keys that feeds the key history (describe-key,
 * get-key-rotation-status, list-aliases).
 * `iamOutput`: `aws iam get-account-authorization-details` output holding a
 * policy about KMS (document/iamDetails.ts).
 * `configuration`: a configuration document that holds policies at known places
 * (Kubernetes manifests, Ansible tasks, AWS Config configuration items:
 * document/heldPolicies.ts).
 */
export type DocumentKind = PolicyKind | 'cloudTrail' | 'listGrants' | 'kmsOutput' | 'cloudFormation' | 'terraform' | 'iamOutput' | 'configuration' | 'other';

/** The document is a policy (of any kind). */
export function isPolicyDocument(kind: DocumentKind): kind is PolicyKind {
  return isPolicyKind(kind);
}

/** A replacement of the text in [start, end). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * What applying a fix does to the access a policy grants. This one field
 * decides whether Fix all (`source.fixAll.kmsLens`, `kms-lens check --fix`)
 * applies a fix and whether VS Code marks it preferred:
 *
 * - `repair`: the document as written is one AWS rejects (it is not JSON, or
 *   the AWS documentation says the policy is refused), so it grants nothing,
 *   and the fix is the one thing it can have meant. Applied.
 * - `neutral`: changes nothing AWS evaluates: removes a redundant entry, writes
 *   a name in the case AWS ignores, or edits a CloudTrail record (a log grants
 *   nothing). Applied.
 * - `narrows`: every Allow matches no more requests than before and every Deny
 *   no fewer. Only the user applies it: it cannot let anyone do more, but a
 *   Deny that starts to match (a misspelt action put right) changes what a
 *   deployed policy does, and Fix all runs on save, so the user decides.
 * - `widens`: an Allow may match requests it does not match today (or a Deny
 *   fewer). Only the user applies it, from a quick fix whose title says what
 *   the statement will then allow.
 * - `review`: one guess among several, or a recommendation that changes what
 *   the policy means: the author decides. Only the user applies it.
 */
export type FixSafety = 'repair' | 'neutral' | 'narrows' | 'widens' | 'review';

export const FIX_SAFETIES: readonly FixSafety[] = ['repair', 'neutral', 'narrows', 'widens', 'review'];

/**
 * The safety classes Fix all applies: repairs of what makes AWS reject the
 * document, and changes AWS reads the same way (issue 11: "They may repair what
 * makes AWS reject the whole document ... and remove redundancy").
 */
export const FIX_ALL_SAFETIES: ReadonlySet<FixSafety> = new Set<FixSafety>(['repair', 'neutral']);

/** One way to repair a finding. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  safety: FixSafety;
}

/** Whether Fix all and `--fix` apply this fix (and VS Code marks it preferred). */
export function appliedByFixAll(fix: Fix): boolean {
  return FIX_ALL_SAFETIES.has(fix.safety);
}

export interface Finding {
  /** The rule id; also the README anchor and the settings key. */
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
}

/** The settings that change what the analysis reports (the same in the editor and the CLI). */
export interface AnalysisSettings {
  /** Per-rule severity override, or 'off'. Rules not listed keep their default. */
  rules: Record<string, SeveritySetting | undefined>;
  /** At most this many findings per document; the rest are summarised in one finding. */
  maxFindings: number;
  /** Documents longer than this many characters are not analysed (one information finding says so). */
  maxFileSize: number;
  /**
   * How the user raises each limit where the analysis runs (a VS Code setting
   * in the editor, a flag in the CLI), for the messages that say so; without
   * it they say "the limit".
   */
  limitNames?: LimitNames;
}

export interface LimitNames {
  maxFindings: string;
  maxFileSize: string;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  rules: {},
  maxFindings: 1000,
  maxFileSize: 50 * 1024 * 1024,
};

/**
 * A hover: Markdown, and the range of the text it describes. Each kind of
 * document has its hover provider (policies, CloudTrail events, key
 * lifecycles) and src/core/hover shows every answer for a place; the type
 * lives here, below both, so that the providers and their index do not
 * import each other.
 */
export interface HoverResult {
  /** Markdown. */
  markdown: string;
  start: number;
  end: number;
}

/** What the caller knows about the text besides its content. */
export interface DocumentHints {
  /** VS Code language id, e.g. json, jsonc, jsonl, log, plaintext. */
  languageId?: string;
  /** File name or path: its extension tells the format, its name breaks ties between policy kinds. */
  fileName?: string;
  /** The policy kind the user set for this file (`kmsLens.policyKinds`, `--kind`): it wins over the content. */
  policyKind?: PolicyKind;
}
