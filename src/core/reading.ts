/**
 * The core's second, small entry point: what the extension needs before it
 * knows that a document is a KMS document. It reads a text into its model
 * (whose `kind` says policy, CloudTrail data, AWS CLI output, or `other`),
 * loads Terraform's parser, and gives the settings' defaults. VS Code
 * activates KMS Lens for every JSON, YAML and Terraform file (package.json,
 * tsconfig.json, ...): the extension's activation bundle (dist/extension.js)
 * is built from this module and nothing else of the core, and the rules,
 * hovers, grants and the access evaluator (src/core/index.ts) load with the
 * extension's engine on the first KMS document (esbuild.js, docs/performance.md).
 */
import { isTerraformDocument } from './terraform/document';
import { prepareTerraform, terraformParser } from './terraform/parser';
import type { DocumentHints } from './types';

export { buildModel, type DocumentModel, type ModelOptions } from './document/model';
export { kindForFile } from './policy/kindOverrides';
export { DEFAULT_SETTINGS, isPolicyDocument, isSeveritySetting, type AnalysisSettings, type DocumentHints, type SeveritySetting } from './types';
export { TERRAFORM_WASM as FORMAT_FILES, type FormatFileSource } from './terraform/parser';
export { TOKEN_MODIFIERS, TOKEN_TYPES } from './semanticTokenTypes';

/** Loads the parsers that load asynchronously (Terraform's WebAssembly), once: the service's `prepareFormats`. */
export const prepareFormats = prepareTerraform;

/** Does this document need `prepareFormats` before it can be read: the service's `needsFormats`. */
export function needsFormats(hints: DocumentHints): boolean {
  return isTerraformDocument(hints) && !terraformParser();
}
