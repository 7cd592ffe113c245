/**
 * Policies in CloudFormation JSON templates: `KeyPolicy` of AWS::KMS::Key and
 * AWS::KMS::ReplicaKey (key policies), and the `PolicyDocument` of IAM
 * resources (inline or managed policies) that grant `kms:` actions. The
 * classifier asks whether a template holds one (from plain values); the
 * locator finds their nodes (from the parse tree).
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { membersOf } from './model';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const KEY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey']);

/** A CloudFormation template: `Resources` whose entries have an `AWS::` `Type` (or a template format version). */
export function isTemplate(v: unknown): v is Obj & { Resources: Obj } {
  if (!isObject(v) || !isObject(v.Resources)) return false;
  if (typeof v.AWSTemplateFormatVersion === 'string') return true;
  return Object.values(v.Resources).some((r) => isObject(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::'));
}

function mentionsKms(policy: unknown): boolean {
  if (!isObject(policy)) return false;
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return statements.some((s) => {
    if (!isObject(s)) return false;
    const actions = [s.Action, s.NotAction].flat();
    return actions.some((a) => typeof a === 'string' && a.toLowerCase().startsWith('kms:'));
  });
}

/** The policy documents of one resource's properties: `PolicyDocument` and each `Policies[].PolicyDocument`. */
function iamDocuments(props: Obj): unknown[] {
  const docs: unknown[] = [props.PolicyDocument];
  if (Array.isArray(props.Policies)) for (const p of props.Policies) if (isObject(p)) docs.push(p.PolicyDocument);
  return docs;
}

/** True when a template holds a key policy, or an IAM policy that grants KMS actions. */
export function templateHasKmsPolicy(v: unknown): boolean {
  if (!isTemplate(v)) return false;
  for (const r of Object.values(v.Resources)) {
    if (!isObject(r) || typeof r.Type !== 'string' || !isObject(r.Properties)) continue;
    if (KEY_TYPES.has(r.Type) && isObject(r.Properties.KeyPolicy)) return true;
    if (r.Type.startsWith('AWS::IAM::') && iamDocuments(r.Properties).some(mentionsKms)) return true;
  }
  return false;
}

export interface TemplatePolicy {
  node: Node;
  kind: 'keyPolicy' | 'identityPolicy';
}

function nodeMentionsKms(node: Node): boolean {
  const st = findNodeAtLocation(node, ['Statement']);
  const statements = st?.type === 'array' ? (st.children ?? []) : st ? [st] : [];
  for (const s of statements) {
    for (const name of ['Action', 'NotAction']) {
      const a = findNodeAtLocation(s, [name]);
      const values = a?.type === 'array' ? (a.children ?? []) : a ? [a] : [];
      if (values.some((x) => x.type === 'string' && String(x.value).toLowerCase().startsWith('kms:'))) return true;
    }
  }
  return false;
}

/** The nodes of the KMS-related policies of a template's parse tree. */
export function templatePolicies(root: Node): TemplatePolicy[] {
  const out: TemplatePolicy[] = [];
  const resources = findNodeAtLocation(root, ['Resources']);
  for (const r of membersOf(resources)) {
    const type = findNodeAtLocation(r.value, ['Type']);
    const props = findNodeAtLocation(r.value, ['Properties']);
    if (type?.type !== 'string' || props?.type !== 'object') continue;
    const typeName = String(type.value);
    if (KEY_TYPES.has(typeName)) {
      const kp = findNodeAtLocation(props, ['KeyPolicy']);
      if (kp?.type === 'object') out.push({ node: kp, kind: 'keyPolicy' });
    } else if (typeName.startsWith('AWS::IAM::')) {
      const docs = [findNodeAtLocation(props, ['PolicyDocument'])];
      const policies = findNodeAtLocation(props, ['Policies']);
      for (const p of policies?.type === 'array' ? (policies.children ?? []) : []) docs.push(findNodeAtLocation(p, ['PolicyDocument']));
      for (const d of docs) if (d?.type === 'object' && nodeMentionsKms(d)) out.push({ node: d, kind: 'identityPolicy' });
    }
  }
  return out;
}
