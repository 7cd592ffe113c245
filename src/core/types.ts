/**
 * Plain data shared by every part of the core. Offsets are UTF-16 code-unit
 * offsets into the analysed text, as in VS Code's `TextDocument.offsetAt`.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * What a document is, as far as KMS Lens is concerned. `other` gets no diagnostics.
 * `cloudFormation`: a JSON template holding a key policy or an IAM policy that grants KMS actions.
 */
export type DocumentKind = 'keyPolicy' | 'identityPolicy' | 'cloudTrail' | 'listGrants' | 'cloudFormation' | 'other';

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
  /** File name or path; only its extension is used. */
  fileName?: string;
}
