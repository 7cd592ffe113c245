/**
 * Policies in CloudFormation JSON templates: `KeyPolicy` of AWS::KMS::Key and
 * AWS::KMS::ReplicaKey (key policies), and the `PolicyDocument` of IAM
 * resources (inline or managed policies) that grant `kms:` actions. The
 * classifier asks whether a template holds one (from plain values); the
 * locator finds their nodes (from the parse tree). A policy written as an
 * `Fn::If` gives both of its alternatives, each checked as a policy.
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { alternatives, isIntrinsic, isNoValue } from './intrinsics';
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

/** The values of a plain value, with both alternatives of an `Fn::If` (a template may write a policy, a statement or an action as one). */
function alternativesOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap(alternativesOf);
  if (isObject(v) && Array.isArray(v['Fn::If']) && Object.keys(v).length === 1) return (v['Fn::If'] as unknown[]).slice(1, 3).flatMap(alternativesOf);
  return [v];
}

function mentionsKms(policy: unknown): boolean {
  return alternativesOf(policy).some((p) => {
    if (!isObject(p)) return false;
    return alternativesOf(p.Statement).some((s) => {
      if (!isObject(s)) return false;
      return alternativesOf([s.Action, s.NotAction]).some((a) => typeof a === 'string' && a.toLowerCase().startsWith('kms:'));
    });
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
    if (KEY_TYPES.has(r.Type) && alternativesOf(r.Properties.KeyPolicy).some(isObject)) return true;
    if (r.Type.startsWith('AWS::IAM::') && iamDocuments(r.Properties).some(mentionsKms)) return true;
  }
  return false;
}

export interface TemplatePolicy {
  node: Node;
  kind: 'keyPolicy' | 'identityPolicy';
}

/** The nodes a node stands for: itself, or both alternatives of an `Fn::If` (arrays flattened); `Ref AWS::NoValue` stands for none. */
function nodeAlternatives(node: Node | undefined, depth = 0): Node[] {
  if (!node || isNoValue(node)) return [];
  if (node.type === 'array') return (node.children ?? []).flatMap((c) => nodeAlternatives(c, depth + 1));
  const alt = depth < 8 ? alternatives(node) : undefined;
  return alt ? alt.flatMap((a) => nodeAlternatives(a, depth + 1)) : [node];
}

function nodeMentionsKms(node: Node): boolean {
  for (const s of nodeAlternatives(findNodeAtLocation(node, ['Statement']))) {
    for (const name of ['Action', 'NotAction']) {
      if (nodeAlternatives(findNodeAtLocation(s, [name])).some((x) => x.type === 'string' && String(x.value).toLowerCase().startsWith('kms:'))) return true;
    }
  }
  return false;
}

/** A policy property's policy objects: itself, or the alternatives of an `Fn::If` that are policies. */
function policyObjects(node: Node | undefined): Node[] {
  return nodeAlternatives(node).filter((n) => n.type === 'object' && !isIntrinsic(n));
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
      for (const kp of policyObjects(findNodeAtLocation(props, ['KeyPolicy']))) out.push({ node: kp, kind: 'keyPolicy' });
    } else if (typeName.startsWith('AWS::IAM::')) {
      const docs = policyObjects(findNodeAtLocation(props, ['PolicyDocument']));
      for (const p of nodeAlternatives(findNodeAtLocation(props, ['Policies']))) docs.push(...policyObjects(findNodeAtLocation(p, ['PolicyDocument'])));
      for (const d of docs) if (nodeMentionsKms(d)) out.push({ node: d, kind: 'identityPolicy' });
    }
  }
  return out;
}
