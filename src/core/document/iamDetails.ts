/**
 * `aws iam get-account-authorization-details` output: every user, group and
 * role of an account with its inline policies, each role's trust policy, and
 * the managed policies with their versions. Responders fetch it to see who
 * may use a key; KMS Lens reads the policies in it that are about KMS, each
 * with the kind its place gives it, and leaves the rest alone.
 */
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { mentionsKms } from '../policy/cloudFormation';
import type { KindDecision, PolicyKind } from '../policy/kinds';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** The output's shape: its lists, and at least one of them there. */
export function isAuthorizationDetails(v: Obj): boolean {
  return LISTS.some((l) => Array.isArray(v[l])) && LISTS.every((l) => !(l in v) || Array.isArray(v[l]));
}

/** A policy of the output, where it is, and whose it is. */
export interface DetailsPolicy {
  node: Node;
  decision: KindDecision;
}

interface Place {
  /** The list of principals or policies, and inside each element the list of policies (or none). */
  list: (typeof LISTS)[number];
  inner?: string;
  member: string;
  kind: PolicyKind;
  /** The name of the element, for the reason. */
  nameOf: string;
  /** Only the version in force (the other versions of a managed policy grant nothing). */
  defaultOnly?: boolean;
}

const PLACES: readonly Place[] = [
  { list: 'UserDetailList', inner: 'UserPolicyList', member: 'PolicyDocument', kind: 'identityPolicy', nameOf: 'UserName' },
  { list: 'GroupDetailList', inner: 'GroupPolicyList', member: 'PolicyDocument', kind: 'identityPolicy', nameOf: 'GroupName' },
  { list: 'RoleDetailList', inner: 'RolePolicyList', member: 'PolicyDocument', kind: 'identityPolicy', nameOf: 'RoleName' },
  { list: 'RoleDetailList', member: 'AssumeRolePolicyDocument', kind: 'trustPolicy', nameOf: 'RoleName' },
  { list: 'Policies', inner: 'PolicyVersionList', member: 'Document', kind: 'identityPolicy', nameOf: 'PolicyName', defaultOnly: true },
];

function reason(place: Place, owner: string): string {
  switch (place.list) {
    case 'UserDetailList': return l10n.t('It is an inline policy of the IAM user {0} in aws iam get-account-authorization-details output.', owner);
    case 'GroupDetailList': return l10n.t('It is an inline policy of the IAM group {0} in aws iam get-account-authorization-details output.', owner);
    case 'RoleDetailList': return place.kind === 'trustPolicy'
      ? l10n.t('It is the trust policy of the IAM role {0} in aws iam get-account-authorization-details output.', owner)
      : l10n.t('It is an inline policy of the IAM role {0} in aws iam get-account-authorization-details output.', owner);
    case 'Policies': return l10n.t('It is the default version of the managed policy {0} in aws iam get-account-authorization-details output.', owner);
  }
}

function elements(array: Node | undefined): Node[] {
  return array?.type === 'array' ? (array.children ?? []).filter((n) => n.type === 'object') : [];
}

/** Plain-value test for the classifier: the output holds a policy about KMS. */
export function detailsHaveKmsPolicy(v: Obj): boolean {
  for (const place of PLACES) {
    const list = v[place.list];
    if (!Array.isArray(list)) continue;
    for (const e of list) {
      if (!isObj(e)) continue;
      const holders = place.inner ? (Array.isArray(e[place.inner]) ? (e[place.inner] as unknown[]) : []) : [e];
      for (const h of holders) {
        if (!isObj(h) || (place.defaultOnly && h.IsDefaultVersion !== true)) continue;
        if (isObj(h[place.member]) && mentionsKms(h[place.member])) return true;
      }
    }
  }
  return false;
}

/** The policies about KMS in the output's tree, each with the kind its place gives it. */
export function detailsPolicies(root: Node): DetailsPolicy[] {
  const out: DetailsPolicy[] = [];
  const valueOf = (n: Node | undefined): unknown => n?.value;
  for (const place of PLACES) {
    for (const e of elements(findNodeAtLocation(root, [place.list]))) {
      const owner = String(valueOf(findNodeAtLocation(e, [place.nameOf])) ?? '?');
      const holders = place.inner ? elements(findNodeAtLocation(e, [place.inner])) : [e];
      for (const h of holders) {
        if (place.defaultOnly && valueOf(findNodeAtLocation(h, ['IsDefaultVersion'])) !== true) continue;
        const node = findNodeAtLocation(h, [place.member]);
        if (node?.type !== 'object' || !mentionsKms(getNodeValue(node))) continue;
        out.push({ node, decision: { kind: place.kind, certain: true, alternatives: [], reason: reason(place, owner), source: 'cli' } });
      }
    }
  }
  return out.sort((a, b) => a.node.offset - b.node.offset);
}
