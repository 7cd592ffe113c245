/**
 * Finds the policies in a document, so every policy rule sees them without
 * knowing where they came from:
 * - the document itself when it is a policy;
 * - `KeyPolicy` and KMS-granting `PolicyDocument` objects in a CloudFormation template;
 * - the `policy` string of PutKeyPolicy (and CreateKey, ReplicateKey) events,
 *   decoded, with offsets and fix text mapped back through the string's escapes.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { eventRecords, recordTree, type DocumentModel, type JsonRecord } from '../document/model';
import { soundTree } from '../document/sound';
import { findSyntaxProblems, type SyntaxProblem } from '../document/syntax';
import { templatePolicies } from './cloudFormation';
import { decodeJsonString, encodeJsonStringContent } from './jsonString';
import { buildPolicy, type PolicyContext, type PolicyModel } from './model';

const cache = new WeakMap<DocumentModel, PolicyModel[]>();

/** Events whose request carries a key policy as a JSON string. */
const POLICY_EVENTS = new Set(['PutKeyPolicy', 'CreateKey', 'ReplicateKey']);

export function policiesOf(model: DocumentModel): PolicyModel[] {
  let policies = cache.get(model);
  if (!policies) {
    policies = locate(model);
    cache.set(model, policies);
  }
  return policies;
}

function locate(model: DocumentModel): PolicyModel[] {
  switch (model.kind) {
    case 'keyPolicy':
    case 'identityPolicy':
      return model.root ? [buildPolicy({ text: model.text, root: model.root, kind: model.kind, origin: 'document', syntaxProblems: model.syntaxProblems })] : [];
    case 'cloudFormation':
      return model.root
        ? templatePolicies(model.root).map((p) => buildPolicy({ text: model.text, root: p.node, kind: p.kind, origin: 'embedded', context: { template: true }, syntaxProblems: within(model, p.node) }))
        : [];
    case 'cloudTrail':
      return eventRecords(model).flatMap((r) => eventPolicy(model, r) ?? []);
    default:
      return [];
  }
}

/** The document's syntax problems inside a node (for the shape rules to stay quiet about broken statements). */
function within(model: DocumentModel, node: Node): SyntaxProblem[] {
  return model.syntaxProblems.filter((p) => p.start >= node.offset && p.start <= node.offset + node.length);
}

type Obj = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function eventContext(event: Obj): PolicyContext {
  const identity = (event.userIdentity ?? {}) as Obj;
  const resources = Array.isArray(event.resources) ? (event.resources as Obj[]) : [];
  const keyArn = resources.map((r) => str(r?.ARN)).find((a) => a?.startsWith('arn:'));
  return {
    account: str(event.recipientAccountId) ?? str(identity.accountId),
    region: str(event.awsRegion),
    keyArn,
  };
}

/** The key policy in an event's request parameters, as a policy of its own. */
function eventPolicy(model: DocumentModel, record: JsonRecord): PolicyModel | undefined {
  const event = record.value as Obj;
  if (!POLICY_EVENTS.has(str(event.eventName) ?? '')) return undefined;
  const params = event.requestParameters as Obj | null | undefined;
  if (!params || typeof params.policy !== 'string') return undefined;
  const tree = recordTree(model, record);
  const node = tree && findNodeAtLocation(tree, ['requestParameters', 'policy']);
  if (!node || node.type !== 'string') return undefined;
  const literalStart = record.start + node.offset;
  const { text, map } = decodeJsonString(model.text.slice(literalStart, literalStart + node.length));
  const root = soundTree(text, parseTree(text, [], { allowTrailingComma: true, disallowComments: false }));
  if (!root) return undefined;
  const last = map.length - 1;
  return buildPolicy({
    text,
    root,
    kind: 'keyPolicy',
    origin: 'string',
    toDocument: (o) => literalStart + map[Math.max(0, Math.min(o, last))],
    encode: encodeJsonStringContent,
    context: eventContext(event),
    syntaxProblems: findSyntaxProblems(text, 0, text.length, false),
  });
}
