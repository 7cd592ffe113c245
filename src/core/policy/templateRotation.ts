/**
 * The `AWS::KMS::Key` resources of a CloudFormation template that ask for
 * automatic rotation (`EnableKeyRotation: true`) of a key that cannot have it
 * (kms/rotation.ts): an asymmetric or HMAC `KeySpec`, or `Origin: EXTERNAL`.
 * Only literal values count: `!Ref`, `!If`, `Fn::FindInMap` and parameters
 * leave the key unknown, and nothing is said. A Serverless Framework
 * service's `resources` are a template too.
 */
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { isLiteralTrue, noRotation, type NoRotation } from '../kms/rotation';
import { isServerlessService, isTemplate } from './cloudFormation';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The members of an object node, with their names. */
function members(node: Node | undefined): Array<{ name: string; value: Node }> {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((prop) => {
    const [key, value] = prop.children ?? [];
    return key?.type === 'string' && value ? [{ name: String(key.value), value }] : [];
  });
}

const KEY_TYPE = 'AWS::KMS::Key';

function cannotRotate(props: unknown): NoRotation | undefined {
  if (!isObject(props) || !isLiteralTrue(props.EnableKeyRotation)) return undefined;
  return noRotation(props.KeySpec, props.Origin);
}

/** Whether a template (its value) has such a key: it is then a template KMS Lens has something to say about. */
export function templateHasUnrotatableKey(v: unknown): boolean {
  // A Serverless Framework service keeps its CloudFormation resources under `resources`.
  if (isServerlessService(v)) return templateHasUnrotatableKey(v.resources);
  if (!isTemplate(v)) return false;
  return Object.values(v.Resources).some((r) => isObject(r) && r.Type === KEY_TYPE && cannotRotate(r.Properties) !== undefined);
}

export interface UnrotatableKey {
  logicalId: string;
  /** The `EnableKeyRotation` value, where the finding goes. */
  node: Node;
  why: NoRotation;
}

/** Each such key of a template's tree, in document order. */
export function unrotatableKeys(root: Node | undefined): UnrotatableKey[] {
  const out: UnrotatableKey[] = [];
  const serverless = root && findNodeAtLocation(root, ['service']) && isServerlessService(getNodeValue(root));
  for (const r of members(root && findNodeAtLocation(root, serverless ? ['resources', 'Resources'] : ['Resources']))) {
    const type = findNodeAtLocation(r.value, ['Type']);
    const props = findNodeAtLocation(r.value, ['Properties']);
    if (type?.value !== KEY_TYPE || props?.type !== 'object') continue;
    const why = cannotRotate(getNodeValue(props));
    const node = findNodeAtLocation(props, ['EnableKeyRotation']);
    if (why && node) out.push({ logicalId: r.name, node, why });
  }
  return out;
}
