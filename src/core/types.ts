/**
 * Plain data shared by every part of the core. Offsets are UTF-16 code-unit
 * offsets into the analysed text, as in VS Code's `TextDocument.offsetAt`.
 */

import { isPolicyKind, type PolicyKind } from './policy/kinds';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * What a document is, as far as KMS Lens is concerned. `other` gets no diagnostics.
 * A policy document is the kind of policy it holds (policy/kinds.ts): a key
 * policy, a trust policy, ... (also when it holds a bare statement, a list of
 * statements, or the policy as one JSON string).
 * `cloudFormation`: a JSON template holding a key policy, or a policy that mentions KMS.
 * `kmsOutput`: AWS CLI output about keys that feeds the key history (describe-key,
 * get-key-rotation-status, list-aliases).
 */
export type DocumentKind = PolicyKind | 'cloudTrail' | 'listGrants' | 'kmsOutput' | 'cloudFormation' | 'other';

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

/** One way to repair a finding. `preferred` fixes are the ones fix-all and `--fix` apply. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
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
