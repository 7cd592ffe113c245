/**
 * Which texts are read as YAML, and whether KMS Lens has anything to say about
 * them. YAML is everywhere (workflows, compose files, Kubernetes manifests,
 * Ansible): only a CloudFormation template that holds a policy KMS Lens
 * analyses is ours, and every other YAML document stays silent. The parse is
 * skipped for texts that cannot be a template at all.
 */
import { mayHoldPolicies, yamlHeldPolicies } from '../document/heldPolicies';
import type { DocumentHints } from '../types';
import { translateYamlStream, tryTranslateYaml, type YamlTranslation } from './translate';

const YAML_FILES = /\.(ya?ml|template)$/i;

/**
 * The document is YAML by its language or its file name (a `.template` that
 * starts with `{` is JSON; one that starts with `{{`, a Helm chart's
 * `{{- if .Values.x }}`, is YAML with template directives).
 */
export function isYamlDocument(text: string, hints: DocumentHints): boolean {
  if (hints.languageId === 'yaml' || hints.languageId === 'cloudformation' || (hints.languageId === undefined || hints.languageId === 'plaintext') && YAML_FILES.test(hints.fileName ?? '')) {
    return !/^\s*(?:\[|\{(?!\{))/.test(text.slice(0, 4096));
  }
  return isUnnamedYaml(text, hints);
}

/** A name without an extension: standard input (`''`), an editor's Untitled-1, a file saved without one. */
const NO_EXTENSION = /^(?:.*[\\/])?[^.\\/]*$/;

/**
 * The first line that is not blank or a comment: a YAML document start, or a mapping key
 * (`Grants:`, `KeyMetadata:`, `Policy: '{...}'`), alone or as a list entry (`- Grants:`, as
 * `--output yaml-stream` prints pages). JSON starts with `{` or `[`, Terraform with a block.
 */
const YAML_START = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*(?:---|(?:- )?[A-Za-z_][\w.-]*:(?:[ \t]|\r?\n|$))/;

/**
 * Text with no name to go by is YAML when it starts as YAML does: `aws kms list-grants
 * --output yaml | kms-lens grants -` and YAML pasted into an untitled editor are read as the
 * same text saved in a `.yaml` file is. Only plain text: a language the editor chose wins.
 */
function isUnnamedYaml(text: string, hints: DocumentHints): boolean {
  if (hints.languageId !== undefined && hints.languageId !== 'plaintext') return false;
  if (!NO_EXTENSION.test(hints.fileName ?? '')) return false;
  return YAML_START.test(text.slice(0, 4096));
}

/** A template names its resources, a Serverless service its provider: anything without either is not ours. */
const TEMPLATE_HINT = /^(?:Resources|provider)\s*:/m;

/** The YAML text read as JSON, when it may be a CloudFormation template; undefined for every other YAML. */
export function readYamlTemplate(text: string): YamlTranslation | undefined {
  return TEMPLATE_HINT.test(text) ? tryTranslateYaml(text) : undefined;
}

/**
 * Whole-line template directives of Helm charts (`{{- if .Values.x }}`,
 * `{{- end }}`, `{{- include "labels" . | nindent 4 }}`): not YAML, so blanked
 * (same length, so offsets are kept) before the parse.
 */
const DIRECTIVE_LINE = /^[ \t]*\{\{-?[^\n]*?-?\}\}[ \t]*$/gm;

/**
 * Kubernetes manifests or Ansible tasks that hold a policy KMS Lens analyses
 * (document/heldPolicies.ts), read as JSON; undefined for every other YAML.
 */
export function readYamlHolder(text: string): YamlTranslation | undefined {
  if (!mayHoldPolicies(text)) return undefined;
  try {
    const translation = translateYamlStream(text.replace(DIRECTIVE_LINE, (line) => ' '.repeat(line.length)));
    return translation && yamlHeldPolicies(translation.value) ? translation : undefined;
  } catch {
    return undefined;
  }
}
