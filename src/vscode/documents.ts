/** Which editor documents KMS Lens looks at, and the hints the core gets about them. */
import * as vscode from 'vscode';
import { kindForFile, type DocumentHints } from '../core/reading';

// YAML and Terraform: templates and modules that hold a KMS policy only; the core reads every other YAML document as not ours, with no finding.
const LANGUAGES = new Set(['json', 'jsonc', 'jsonl', 'log', 'plaintext', 'yaml', 'terraform']);
/** Schemes that show copies of real documents (diffs, output, SCM input): analysing them would double every finding. */
const IGNORED_SCHEMES = new Set(['output', 'git', 'vscode-scm', 'debug', 'vscode-notebook-cell-output', 'vscode-settings']);
// .tf: VS Code has no Terraform language of its own; without the HashiCorp extension a module opens as plain text.
// Policy templates (.tpl, .j2, ...) open as plain text unless a template extension claims them.
const PLAINTEXT_FILES = /\.(json|jsonl|ndjson|log|txt|tf|tpl|tftpl|j2|jinja|jinja2)$/i;

export function isCandidate(doc: vscode.TextDocument): boolean {
  if (IGNORED_SCHEMES.has(doc.uri.scheme) || !LANGUAGES.has(doc.languageId)) return false;
  // Pasted text lands in untitled plaintext editors; plaintext files are ours only by extension.
  if (doc.languageId === 'plaintext') return doc.isUntitled || PLAINTEXT_FILES.test(doc.uri.path);
  return true;
}

/**
 * What the core is told about a document: its language, its path, and the
 * policy kind `kmsLens.policyKinds` gives it (globs matched against the path
 * relative to its workspace folder, as the CLI matches them against the path
 * relative to the current directory).
 */
export function hintsFor(doc: vscode.TextDocument): DocumentHints {
  const overrides = vscode.workspace.getConfiguration('kmsLens', doc.uri).get<Record<string, unknown>>('policyKinds');
  const policyKind = overrides && Object.keys(overrides).length > 0 ? kindForFile(vscode.workspace.asRelativePath(doc.uri, false), overrides) : undefined;
  return { languageId: doc.languageId, fileName: doc.uri.path, policyKind };
}
