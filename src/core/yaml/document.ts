/**
 * Which texts are read as YAML, and whether KMS Lens has anything to say about
 * them. YAML is everywhere (workflows, compose files, Kubernetes manifests,
 * Ansible): only a CloudFormation template that holds a policy KMS Lens
 * analyses is ours, and every other YAML document stays silent. The parse is
 * skipped for texts that cannot be a template at all.
 */
import type { DocumentHints } from '../types';
import { translateYaml, type YamlTranslation } from './translate';

const YAML_FILES = /\.(ya?ml|template)$/i;

/** The document is YAML by its language or its file name (a `.template` that starts with `{` is JSON). */
export function isYamlDocument(text: string, hints: DocumentHints): boolean {
  if (hints.languageId === 'yaml' || hints.languageId === 'cloudformation' || (hints.languageId === undefined || hints.languageId === 'plaintext') && YAML_FILES.test(hints.fileName ?? '')) {
    return !/^\s*[{[]/.test(text.slice(0, 4096));
  }
  return false;
}

/** A template names its resources, a Serverless service its provider: anything without either is not ours. */
const TEMPLATE_HINT = /^(?:Resources|provider)\s*:/m;

/** The YAML text read as JSON, when it may be a CloudFormation template; undefined for every other YAML. */
export function readYamlTemplate(text: string): YamlTranslation | undefined {
  if (!TEMPLATE_HINT.test(text)) return undefined;
  try {
    return translateYaml(text);
  } catch {
    // The parser never throws on bad YAML; should it on some input, the document is not ours rather than an error in the editor.
    return undefined;
  }
}
