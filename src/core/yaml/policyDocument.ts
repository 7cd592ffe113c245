/**
 * A policy kept as a YAML file: the document's root mapping is the policy
 * itself (`Version:`, `Statement:`), as people keep policies for Ansible,
 * the Serverless Framework or cfn-lint fixtures, and convert them to JSON
 * when they deploy. Read only when the kind is certain: the root holds
 * nothing but `Version`, `Id` and `Statement`, `Version` is a policy language
 * version, and every statement has an `Effect` of Allow or Deny and an
 * `Action` or `NotAction`. Any other YAML (a workflow, a values file, a
 * mapping that happens to have a `Statement`) stays silent.
 */
import { classifyValue, isObject, type Classification } from '../classify';
import { isPolicyDocument, type DocumentHints } from '../types';
import { tryTranslateYaml, type YamlTranslation } from './translate';

/** Both members at column 0, where a policy's root mapping writes them. */
const HINT_VERSION = /^Version\s*:/m;
const HINT_STATEMENT = /^Statement\s*:/m;

const ROOT_MEMBERS = new Set(['Version', 'Id', 'Statement']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

function isStatement(s: unknown): boolean {
  return isObject(s) && (s.Effect === 'Allow' || s.Effect === 'Deny') && ('Action' in s || 'NotAction' in s);
}

/** The value is a whole policy, for certain. */
function isPolicy(v: unknown): boolean {
  if (!isObject(v) || !Object.keys(v).every((k) => ROOT_MEMBERS.has(k))) return false;
  if (typeof v.Version !== 'string' || !VERSIONS.has(v.Version)) return false;
  const statements = Array.isArray(v.Statement) ? v.Statement : [v.Statement];
  return statements.length > 0 && statements.every(isStatement);
}

export interface YamlPolicy {
  translation: YamlTranslation;
  classification: Classification;
}

/** The YAML text read as a policy (its kind by its content, as for a JSON file); undefined for every other YAML. */
export function readYamlPolicy(text: string, hints: DocumentHints): YamlPolicy | undefined {
  if (!HINT_VERSION.test(text) || !HINT_STATEMENT.test(text)) return undefined;
  const t = tryTranslateYaml(text);
  if (!t || t.errors > 0 || !t.root || !isPolicy(t.value)) return undefined;
  const classification = classifyValue(t.value, hints);
  if (!isPolicyDocument(classification.kind) || classification.policy?.shape !== 'policy') return undefined;
  return { translation: t, classification };
}
