/**
 * Finds the policies in a document, so every policy rule sees them without
 * knowing where they came from:
 * - the document itself when it is a policy: a whole policy, one statement,
 *   an array of statements, or any of these as one JSON string;
 * - the policies a CloudFormation template embeds (policy/cloudFormation.ts);
 * - the `policy` string of PutKeyPolicy (and CreateKey, ReplicateKey) events.
 *
 * A policy inside a JSON string is decoded and analysed as text of its own,
 * with offsets and fix text mapped back through the string's escapes
 * (`policyInString`). That is the one way in for every policy that sits in a
 * string, wherever the string is: the AWS CLI's `{"Policy": "<escaped JSON>"}`
 * (get-key-policy, Lambda's get-policy, ...: document/cliOutput.ts) is the
 * same call with the literal at another path.
 */
import { asString } from '../jsonValues';
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { configHeldPolicies, yamlHeldPolicies } from '../document/heldPolicies';
import { detailsPolicies } from '../document/iamDetails';
import { policyShapeOf, type PolicyShape } from '../classify';
import { eventRecords, recordTree, type DocumentModel, type JsonRecord } from '../document/model';
import { soundTree } from '../document/sound';
import { findSyntaxProblems, type SyntaxProblem } from '../document/syntax';
import { isPolicyDocument } from '../types';
import { templatePolicies, type TemplatePolicy } from './cloudFormation';
import { decodeJsonString, encodeJsonStringContent } from './jsonString';
import type { KindDecision } from './kinds';
import { buildPolicy, type PolicyContext, type PolicyModel } from './model';
import type { Translation } from '../document/translation';
import { display } from '../text/display';

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

const fragmentOf = (shape: PolicyShape): PolicyModel['fragment'] => (shape === 'policy' ? undefined : shape);

function locate(model: DocumentModel): PolicyModel[] {
  if (isPolicyDocument(model.kind)) {
    const placed = model.policy;
    // A template that is not JSON until rendered: the policy of its rendered view, findings on the template's characters.
    const view = model.template;
    if (view?.root && placed && !placed.inString) {
      return [buildPolicy({ text: view.text, root: view.root, decision: placed.decision, fragment: fragmentOf(placed.shape), origin: 'document', toDocument: view.toDocument, syntaxProblems: view.problems })];
    }
    // A policy kept as YAML (yaml/policyDocument.ts): read in its JSON translation, findings and fixes put back on the YAML.
    const t = model.translation;
    if (t?.root && placed && model.format === 'yaml') {
      return [buildPolicy({ text: t.text, root: t.root, decision: placed.decision, fragment: fragmentOf(placed.shape), origin: 'document', toDocument: t.toDocument, mapEdits: t.mapEdits })];
    }
    if (!model.root || !placed) return [];
    if (placed.inString) {
      // The document's own string, or the member of AWS CLI output that holds the policy (get-key-policy's "Policy").
      const node = placed.path && placed.path.length > 0 ? findNodeAtLocation(model.root, placed.path) : model.root;
      const p = node?.type === 'string' ? policyInString(model.text, node.offset, node.length, placed.decision, {}) : undefined;
      return p ? [p] : [];
    }
    if (placed.path && placed.path.length > 0) {
      // A policy object inside AWS CLI output (IAM's get-policy-version Document): the rest of the output is not policy.
      const node = findNodeAtLocation(model.root, placed.path);
      return node?.type === 'object' ? [buildPolicy({ text: model.text, root: node, decision: placed.decision, fragment: fragmentOf(placed.shape), origin: 'embedded', syntaxProblems: within(model, node) })] : [];
    }
    return [buildPolicy({ text: model.text, root: model.root, decision: placed.decision, fragment: fragmentOf(placed.shape), origin: 'document', syntaxProblems: model.syntaxProblems })];
  }
  switch (model.kind) {
    case 'cloudFormation':
      if (model.translation) return translatedPolicies(model.translation);
      return model.root ? templatePolicies(model.root).flatMap((p) => templatePolicy(model, p) ?? []) : [];
    case 'iamOutput':
      return model.root ? detailsPolicies(model.root).map((p) => buildPolicy({ text: model.text, root: p.node, decision: p.decision, origin: 'embedded', syntaxProblems: within(model, p.node) })) : [];
    case 'configuration':
      return heldPolicies(model);
    case 'terraform':
    {
      const written = (model.terraformPolicies ?? []).flatMap(({ translation: t, decision, fragment }) => (t.root ? [buildPolicy({ text: t.text, root: t.root, decision, fragment, origin: 'embedded', context: { terraform: true }, toDocument: t.toDocument, mapEdits: t.mapEdits })] : []));
      if (!model.terraformJsonPolicies) return written;
      // A .tf.json module: its policies in strings too, all in document order.
      return [...terraformJsonPolicies(model, model.terraformJsonPolicies), ...written].sort((a, b) => a.toDocument(0) - b.toDocument(0));
    }
    case 'cloudTrail':
      return eventRecords(model).flatMap((r) => eventPolicy(model, r) ?? []);
    default:
      return [];
  }
}

/** The policies of a Terraform JSON module (`*.tf.json`): JSON strings, as every policy in a string is read, or objects. */
function terraformJsonPolicies(model: DocumentModel, found: NonNullable<DocumentModel['terraformJsonPolicies']>): PolicyModel[] {
  const root = model.root;
  if (!root) return [];
  return found.flatMap(({ path, decision }) => {
    const node = findNodeAtLocation(root, path);
    if (node?.type === 'string') return policyInString(model.text, node.offset, node.length, decision, { terraform: true }) ?? [];
    return node?.type === 'object' ? [buildPolicy({ text: model.text, root: node, decision, origin: 'embedded', context: { terraform: true }, syntaxProblems: within(model, node) })] : [];
  });
}

/** A template slot that holds one statement, or a list of them, is checked as part of a policy. */
function fragmentOfSlot(p: TemplatePolicy): PolicyModel['fragment'] {
  return p.statement ? 'statement' : p.statements ? 'statements' : undefined;
}

function templatePolicy(model: DocumentModel, p: TemplatePolicy): PolicyModel | undefined {
  const { node, decision } = p;
  if (node.type === 'string') return policyInString(model.text, node.offset, node.length, decision, { template: true, serverless: p.serverless });
  return buildPolicy({ text: model.text, root: node, decision, fragment: fragmentOfSlot(p), origin: 'embedded', context: { template: true, serverless: p.serverless }, syntaxProblems: within(model, node) });
}

/**
 * The policies of a template written in another language (CloudFormation
 * YAML), found in its JSON translation: their offsets go back to the
 * document through the translation, and their fixes through its edit map.
 */
function translatedPolicies(t: Translation): PolicyModel[] {
  if (!t.root) return [];
  return templatePolicies(t.root).flatMap((p) => {
    if (p.node.type === 'string') {
      const inner = policyInString(t.text, p.node.offset, p.node.length, p.decision, { template: true, serverless: p.serverless });
      // A policy in a string (`PolicyDocument: |` with JSON in it): findings are placed, fixes are not offered.
      return inner ? [{ ...inner, toDocument: (o: number) => t.toDocument(inner.toDocument(o)), mapEdits: () => undefined }] : [];
    }
    return [buildPolicy({ text: t.text, root: p.node, decision: p.decision, fragment: fragmentOfSlot(p), origin: 'embedded', context: { template: true, serverless: p.serverless }, toDocument: t.toDocument, mapEdits: t.mapEdits })];
  });
}

/**
 * The policies of Kubernetes manifests, Ansible tasks (YAML, through their JSON
 * translation) and AWS Config items (JSON): each held in a string, or in a
 * YAML mapping (an Ansible task's `policy_json:`), at the places
 * document/heldPolicies.ts knows.
 */
function heldPolicies(model: DocumentModel): PolicyModel[] {
  const t = model.translation;
  if (t) {
    const root = t.root;
    const held = root && 'value' in t ? yamlHeldPolicies((t as { value: unknown }).value) : undefined;
    return (held?.policies ?? []).flatMap(({ path, decision }) => {
      const node = findNodeAtLocation(root!, path);
      if (node?.type === 'string') {
        const inner = policyInString(t.text, node.offset, node.length, decision, {});
        // A policy in a YAML string (`policy: |` with JSON in it): findings are placed, fixes are not offered.
        return inner ? [{ ...inner, toDocument: (o: number) => t.toDocument(inner.toDocument(o)), mapEdits: () => undefined }] : [];
      }
      return node?.type === 'object' ? [buildPolicy({ text: t.text, root: node, decision, origin: 'embedded', toDocument: t.toDocument, mapEdits: t.mapEdits })] : [];
    });
  }
  if (!model.root) return [];
  return (configHeldPolicies(model.value)?.policies ?? []).flatMap(({ path, decision }) => {
    const node = findNodeAtLocation(model.root!, path);
    const p = node?.type === 'string' ? policyInString(model.text, node.offset, node.length, decision, {}) : undefined;
    return p ? [p] : [];
  });
}

/** The document's syntax problems inside a node (for the shape rules to stay quiet about broken statements). */
function within(model: DocumentModel, node: Node): SyntaxProblem[] {
  return model.syntaxProblems.filter((p) => p.start >= node.offset && p.start <= node.offset + node.length);
}

/**
 * The policy (or statement, or list of statements) written inside the JSON
 * string literal at [literalStart, literalStart + length) of `documentText`,
 * as a policy of its own: its text is the decoded string, its JSON problems are
 * reported by policy-string-syntax, and its findings and fixes are mapped back
 * onto the literal's characters.
 */
export function policyInString(documentText: string, literalStart: number, length: number, decision: KindDecision, context: PolicyContext): PolicyModel | undefined {
  const { text, map } = decodeJsonString(documentText.slice(literalStart, literalStart + length));
  const root = soundTree(text, parseTree(text, [], { allowTrailingComma: true, disallowComments: false }));
  if (!root) return undefined;
  // A policy so damaged that it no longer looks like one is still read as one object, to report its JSON errors.
  const shape = policyShapeOf(getNodeValue(root)) ?? (root.type === 'object' ? 'policy' : undefined);
  if (!shape) return undefined;
  const last = map.length - 1;
  return buildPolicy({
    text,
    root,
    decision,
    fragment: fragmentOf(shape),
    origin: 'string',
    toDocument: (o) => literalStart + map[Math.max(0, Math.min(o, last))],
    encode: encodeJsonStringContent,
    context,
    syntaxProblems: findSyntaxProblems(text, 0, text.length, false),
  });
}

type Obj = Record<string, unknown>;

function eventContext(event: Obj): PolicyContext {
  const identity = (event.userIdentity ?? {}) as Obj;
  const resources = Array.isArray(event.resources) ? (event.resources as Obj[]) : [];
  const keyArn = resources.map((r) => asString(r?.ARN)).find((a) => a?.startsWith('arn:'));
  return {
    account: asString(event.recipientAccountId) ?? asString(identity.accountId),
    region: asString(event.awsRegion),
    keyArn,
  };
}

function keyPolicyOfEvent(eventName: string): KindDecision {
  return { kind: 'keyPolicy', certain: true, alternatives: [], reason: l10n.t('It is the policy of a {0} request: a key policy.', eventName), source: 'event' };
}

/** The key policy in an event's request parameters, as a policy of its own. */
function eventPolicy(model: DocumentModel, record: JsonRecord): PolicyModel | undefined {
  const event = record.value as Obj;
  if (!POLICY_EVENTS.has(asString(event.eventName) ?? '')) return undefined;
  const params = event.requestParameters as Obj | null | undefined;
  if (!params || typeof params.policy !== 'string') return undefined;
  const tree = recordTree(model, record);
  const node = tree && findNodeAtLocation(tree, ['requestParameters', 'policy']);
  if (!node || node.type !== 'string') return undefined;
  return policyInString(model.text, record.start + node.offset, node.length, keyPolicyOfEvent(display(event.eventName)), eventContext(event));
}
