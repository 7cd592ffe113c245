/**
 * The policies of a Terraform module, each read as JSON with a map back to
 * the .tf text (as yaml/translate.ts does for CloudFormation YAML), in the
 * three ways Terraform writes them:
 *
 * - a heredoc holding JSON (`<<EOF`, `<<-EOF`): the JSON is the text itself;
 * - `jsonencode({...})` of an HCL object: written out as JSON;
 * - `data "aws_iam_policy_document"` blocks: `statement` blocks become
 *   statements (`actions` -> Action, `principals { type identifiers }` ->
 *   Principal, `condition { test variable values }` -> Condition, `effect`
 *   defaulting to Allow as the provider does), with the kind of the resource
 *   whose `policy` refers to `data.aws_iam_policy_document.NAME.json`.
 *
 * A reference, a function call or any other expression is a string
 * `${expression}` on the expression's characters: one unknown part, as an
 * interpolation is. Interpolations in strings stay as written.
 */
import { getNodeValue, parseTree } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { templateView, touchesConstruct, type TemplateView } from '../document/template';
import type { Translation } from '../document/translation';
import { mentionsKms } from '../policy/cloudFormation';
import { detectPolicyKind } from '../policy/detectKind';
import type { KindDecision, PolicyKind } from '../policy/kinds';
import type { TextEdit } from '../types';
import { indexNodes, translateEdits, type NodeIndex, type SourceWriting } from '../translation/edits';
import { MAX_DEPTH, Writer } from '../translation/writer';
import type { HclNode as TsNode } from './syntax';
import { attributes, blockHead, blocks, isQuoted, quotedString, text, unwrap } from './hcl';

export interface TerraformPolicy {
  translation: Translation;
  decision: KindDecision;
  /** Only some of the policy's statements are known (a composed document): they are checked as part of a policy. */
  fragment?: 'statements';
  /**
   * Where the policy is written as JSON text in the module, as is (a heredoc
   * with no template construct): the provider sends that text, so its JSON
   * syntax is checked there.
   */
  json?: TextRange;
}

interface TextRange {
  start: number;
  end: number;
}

/** A heredoc's policy, with the range of the module's text that is its JSON as written. */
interface HeredocTranslation extends Translation {
  json?: TextRange;
}

export interface Slot {
  kind: PolicyKind;
  service?: string;
}

/** Resource types and the kind of policy their `policy` (or `assume_role_policy`) attribute holds. [Terraform AWS provider, each resource's arguments] */
const KEY: Slot = { kind: 'keyPolicy' };
const IDENTITY: Slot = { kind: 'identityPolicy' };
const resource = (service: string): Slot => ({ kind: 'resourcePolicy', service });
export const SLOTS: Readonly<Record<string, Readonly<Record<string, Slot>>>> = {
  aws_kms_key: { policy: KEY },
  aws_kms_replica_key: { policy: KEY },
  aws_kms_external_key: { policy: KEY },
  aws_kms_replica_external_key: { policy: KEY },
  aws_kms_key_policy: { policy: KEY },
  // The Cloud Control provider (awscc) names the argument after CloudFormation's KeyPolicy.
  awscc_kms_key: { key_policy: KEY },
  awscc_kms_replica_key: { key_policy: KEY },
  aws_iam_policy: { policy: IDENTITY },
  aws_iam_role_policy: { policy: IDENTITY },
  aws_iam_user_policy: { policy: IDENTITY },
  aws_iam_group_policy: { policy: IDENTITY },
  aws_iam_role: { assume_role_policy: { kind: 'trustPolicy' } },
  aws_ssoadmin_permission_set_inline_policy: { inline_policy: IDENTITY },
  aws_s3_bucket_policy: { policy: resource('s3') },
  // The bucket's own `policy` argument is deprecated but still in many modules.
  aws_s3_bucket: { policy: resource('s3') },
  aws_s3_access_point: { policy: resource('s3') },
  aws_s3control_access_point_policy: { policy: resource('s3') },
  aws_sqs_queue_policy: { policy: resource('sqs') },
  aws_sqs_queue: { policy: resource('sqs') },
  aws_sns_topic_policy: { policy: resource('sns') },
  aws_sns_topic: { policy: resource('sns') },
  aws_secretsmanager_secret_policy: { policy: resource('secretsmanager') },
  aws_secretsmanager_secret: { policy: resource('secretsmanager') },
  aws_ecr_repository_policy: { policy: resource('ecr') },
  aws_cloudwatch_log_resource_policy: { policy_document: resource('logs') },
  aws_cloudwatch_event_bus_policy: { policy: resource('events') },
  aws_backup_vault_policy: { policy: resource('backup') },
  aws_efs_file_system_policy: { policy: resource('elasticfilesystem') },
  aws_glacier_vault: { access_policy: resource('glacier') },
  aws_opensearch_domain_policy: { access_policies: resource('es') },
  aws_opensearch_domain: { access_policies: resource('es') },
  aws_elasticsearch_domain_policy: { access_policies: resource('es') },
  aws_elasticsearch_domain: { access_policies: resource('es') },
  aws_codeartifact_repository_permissions_policy: { policy_document: resource('codeartifact') },
  aws_api_gateway_rest_api_policy: { policy: resource('execute-api') },
  aws_api_gateway_rest_api: { policy: resource('execute-api') },
  aws_vpc_endpoint: { policy: { kind: 'vpcEndpointPolicy' } },
  aws_vpc_endpoint_policy: { policy: { kind: 'vpcEndpointPolicy' } },
  // The kind comes from `type` (organizationsSlot).
  aws_organizations_policy: {},
};

/** Policies in nested blocks of a resource: `inline_policy { name policy }` of an IAM role. */
export const NESTED_SLOTS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, Slot>>>>>> = {
  aws_iam_role: { inline_policy: { policy: IDENTITY } },
};

/**
 * aws_organizations_policy holds an SCP or an RCP by its `type` (SERVICE_CONTROL_POLICY when left out, as
 * the provider does), or a tag, backup or other policy that is not IAM's language: nothing to read. A `type`
 * given by an expression is not known, and the content is not read.
 */
export const ORGANIZATIONS_TYPES: Readonly<Record<string, PolicyKind>> = {
  SERVICE_CONTROL_POLICY: 'serviceControlPolicy',
  RESOURCE_CONTROL_POLICY: 'resourceControlPolicy',
};

/**
 * The slots of an aws_organizations_policy, from its `type` as HCL or Terraform JSON gives it:
 * undefined when left out (SERVICE_CONTROL_POLICY), null when it is not a literal string.
 */
export function organizationsSlotsOf(type: string | null | undefined): Record<string, Slot> {
  if (type === null) return {};
  const kind = ORGANIZATIONS_TYPES[type ?? 'SERVICE_CONTROL_POLICY'];
  return kind ? { content: { kind } } : {};
}

function organizationsSlots(src: string, attrs: Map<string, { name: TsNode; value: TsNode }>): Record<string, Slot> {
  const type = attrs.get('type');
  if (!type) return organizationsSlotsOf(undefined);
  const t = unwrap(type.value);
  return organizationsSlotsOf(t.type === 'string_lit' ? quotedString(src, t.startIndex, t.endIndex).value : null);
}


type Attribute = { name: TsNode; value: TsNode };

/** A resource argument that holds a policy, and the kind of policy the provider sends there. */
export interface PolicyArgument {
  /** The resource type (`aws_kms_key`) and name. */
  type: string;
  name: string;
  /** The nested block that holds the argument (an IAM role's `inline_policy`), if any. */
  blockType?: string;
  argument: string;
  attr: Attribute;
  slot: Slot;
}

/**
 * Every argument of the module's resources that holds a policy (SLOTS, NESTED_SLOTS, an Organizations policy's
 * `content` by its `type`), in the order of the text: a resource's own arguments, then its nested blocks'.
 */
export function policyArguments(src: string, body: TsNode | undefined): PolicyArgument[] {
  const out: PolicyArgument[] = [];
  const collect = (type: string, name: string, attrs: Map<string, Attribute>, slots: Readonly<Record<string, Slot>>, blockType?: string): void => {
    for (const [argument, attr] of attrs) if (Object.hasOwn(slots, argument)) out.push({ type, name, blockType, argument, attr, slot: slots[argument] });
  };
  for (const block of blocks(src, body, 'resource')) {
    const { labels, body: resourceBody } = blockHead(src, block);
    const type = labels[0] ?? '';
    if (!Object.hasOwn(SLOTS, type)) continue;
    const attrs = attributes(src, resourceBody);
    collect(type, labels[1] ?? '', attrs, type === 'aws_organizations_policy' ? organizationsSlots(src, attrs) : SLOTS[type]);
    const nested = Object.hasOwn(NESTED_SLOTS, type) ? NESTED_SLOTS[type] : {};
    for (const blockType of Object.keys(nested)) {
      for (const inner of blocks(src, resourceBody, blockType)) collect(type, labels[1] ?? '', attributes(src, blockHead(src, inner).body), nested[blockType], blockType);
    }
  }
  return out;
}

/** Writes an HCL expression as JSON. */
function emitExpression(w: Writer, src: string, node: TsNode, depth: number): void {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) {
    w.put('null', n.startIndex);
    return;
  }
  const jsonStart = w.at;
  switch (n.type) {
    case 'string_lit':
    case 'quoted_template': {
      const s = quotedString(src, n.startIndex, n.endIndex);
      w.putString(s.value, s.map, n.startIndex, n.endIndex - 1, n.endIndex);
      w.nodes.push({ kind: 'scalar', jsonStart, jsonEnd: w.literalEnd, yamlStart: n.startIndex, yamlEnd: n.endIndex, style: 'HCL', value: s.value, exact: s.exact, inFlow: true });
      return;
    }
    case 'numeric_lit':
      w.put(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text(src, n)) ? text(src, n) : JSON.stringify(text(src, n)), n.startIndex);
      return;
    case 'bool_lit':
      w.put(text(src, n) === 'true' ? 'true' : 'false', n.startIndex);
      return;
    case 'null_lit':
      w.put('null', n.startIndex);
      return;
    case 'tuple': {
      w.put('[', n.startIndex);
      const items = n.children.filter((c) => c.type !== 'tuple_start' && c.type !== 'tuple_end');
      items.forEach((item, i) => {
        if (i > 0) w.put(',', -1);
        emitExpression(w, src, item, depth + 1);
      });
      w.close(']', n.endIndex - 1, n.endIndex);
      w.nodes.push({ kind: 'seq', jsonStart, jsonEnd: w.literalEnd, yamlStart: n.startIndex, yamlEnd: n.endIndex, inFlow: true, flow: true });
      return;
    }
    case 'object': {
      w.put('{', n.startIndex);
      const elems = n.children.filter((c) => c.type === 'object_elem');
      elems.forEach((elem, i) => {
        const [key, value] = elem.children;
        if (!key || !value) return;
        if (i > 0) w.put(',', -1);
        const k = unwrap(key);
        const propStart = w.at;
        if (isQuoted(k)) {
          const s = quotedString(src, k.startIndex, k.endIndex);
          const keyStart = w.at;
          w.putString(s.value, s.map, k.startIndex, k.endIndex - 1, k.endIndex);
          w.nodes.push({ kind: 'scalar', jsonStart: keyStart, jsonEnd: w.literalEnd, yamlStart: k.startIndex, yamlEnd: k.endIndex, style: 'HCL', value: s.value, exact: s.exact, inFlow: true });
        } else {
          // A bare name (`Effect = ...`) is the key as written; renaming it is not offered.
          const name = k.type === 'variable_expr' ? text(src, k) : `\${${text(src, k)}}`;
          w.putString(name, identityMap(name, k.startIndex), k.startIndex, k.endIndex);
        }
        w.put(':', key.endIndex);
        emitExpression(w, src, value, depth + 1);
        w.nodes.push({ kind: 'property', jsonStart: propStart, jsonEnd: w.at, yamlStart: elem.startIndex, yamlEnd: elem.endIndex, inFlow: true });
      });
      w.close('}', n.endIndex - 1, n.endIndex);
      w.nodes.push({ kind: 'map', jsonStart, jsonEnd: w.literalEnd, yamlStart: n.startIndex, yamlEnd: n.endIndex, inFlow: true, flow: false });
      return;
    }
    default: {
      // A reference, a call, a conditional...: one unknown part, `${...}` on the expression's characters.
      const text = `\${${src.slice(node.startIndex, node.endIndex)}}`;
      const map = new Int32Array(text.length + 1);
      for (let i = 0; i < text.length; i++) map[i] = Math.min(node.endIndex - 1, node.startIndex + Math.max(0, i - 2));
      map[0] = map[1] = node.startIndex;
      map[text.length] = node.endIndex;
      w.putString(text, map, node.startIndex, node.endIndex);
      w.nodes.push({ kind: 'scalar', jsonStart, jsonEnd: w.literalEnd, yamlStart: node.startIndex, yamlEnd: node.endIndex, style: 'expression', inFlow: true });
    }
  }
}

function identityMap(text: string, start: number): Int32Array {
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = start + i;
  return map;
}

/** Strings as HCL writes them (a JSON string is a valid HCL string; interpolations stay interpolations); a reference is never rewritten. */
const HCL_WRITING: SourceWriting = {
  string: (node, v) => (node.style === 'HCL' ? JSON.stringify(v) : undefined),
  flowMayReplace: () => true,
};

function translation(src: string, w: Writer): Translation {
  const { text, map } = w.finish();
  const nodes = w.nodes.sort((a, b) => a.jsonStart - b.jsonStart || b.jsonEnd - a.jsonEnd);
  const last = map.length - 1;
  let index: NodeIndex | undefined;
  return {
    text,
    root: parseTree(text, [], { allowTrailingComma: true }),
    toDocument: (o) => map[Math.max(0, Math.min(o, last))],
    mapEdits: (edits) => translateEdits(src, text, (index ??= indexNodes(nodes)), edits, HCL_WRITING),
  };
}

/** A member written from an attribute: its JSON name on the attribute name's characters. */
function member(w: Writer, src: string, jsonName: string, attr: { name: TsNode; value: TsNode }, first: boolean): void {
  if (!first) w.put(',', -1);
  w.putString(jsonName, undefined, attr.name.startIndex, attr.name.endIndex);
  w.put(':', attr.name.endIndex);
  emitExpression(w, src, attr.value, 0);
}

/** The elements of a list attribute, written into a JSON array being built (principals of one type in several blocks are one list). */
function listElements(w: Writer, src: string, value: TsNode, first: boolean): boolean {
  const v = unwrap(value);
  const items = v.type === 'tuple' ? v.children.filter((c) => c.type !== 'tuple_start' && c.type !== 'tuple_end') : [value];
  for (const item of items) {
    if (!first) w.put(',', -1);
    emitExpression(w, src, item, 0);
    first = false;
  }
  return first;
}

const STATEMENT_LISTS: ReadonlyArray<[string, string]> = [['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']];

/**
 * The arguments of a document or statement block that the provider writes into the JSON: `null` is an argument
 * not set, and so is an empty list (`not_actions = []`) or an empty `sid`, which the data source leaves out of
 * the document it renders. [Terraform AWS provider, aws_iam_policy_document: lists are written when not empty]
 */
function setArguments(src: string, body: TsNode | undefined): Map<string, { name: TsNode; value: TsNode }> {
  const attrs = attributes(src, body);
  for (const [name, attr] of attrs) {
    const v = unwrap(attr.value);
    const empty = v.type === 'null_lit'
      || (v.type === 'tuple' && !v.children.some((c) => c.type !== 'tuple_start' && c.type !== 'tuple_end'))
      || (isQuoted(v) && v.endIndex - v.startIndex === 2);
    if (empty) attrs.delete(name);
  }
  return attrs;
}

/**
 * The identifier of a `principals` block that is `type = "*"` with `identifiers = ["*"]`: the provider renders
 * that block, when it is the statement's only one, as `"Principal": "*"` (not `{"*": "*"}`, which IAM would
 * reject). [Terraform AWS provider, aws_iam_policy_document, principals and not_principals]
 */
function everyone(src: string, block: TsNode): { node: TsNode; map: Int32Array } | undefined {
  const pa = attributes(src, blockHead(src, block).body);
  const type = pa.get('type');
  const ids = pa.get('identifiers');
  if (!type || !ids) return undefined;
  const t = unwrap(type.value);
  if (!isQuoted(t) || quotedString(src, t.startIndex, t.endIndex).value !== '*') return undefined;
  const v = unwrap(ids.value);
  if (v.type !== 'tuple') return undefined;
  const items = v.children.filter((c) => c.type !== 'tuple_start' && c.type !== 'tuple_end' && c.type !== ',');
  if (items.length !== 1) return undefined;
  const item = unwrap(items[0]);
  if (!isQuoted(item)) return undefined;
  const s = quotedString(src, item.startIndex, item.endIndex);
  return s.value === '*' ? { node: item, map: s.map } : undefined;
}

/**
 * A member of a statement, written when its turn comes: the writer's map only goes forward, so members are
 * written in the order of their source characters (`effect` after `actions` in HCL; the alphabetical order
 * of Terraform JSON, where `sid` comes last).
 */
interface StatementPart {
  at: number;
  write(first: boolean): void;
}

/** A key written before its value although it stands after it in the source (`type` after `identifiers` in JSON): on the value's first character, not editable. */
function keyBefore(w: Writer, src: string, key: TsNode, value: TsNode): void {
  const k = unwrap(key);
  const name = isQuoted(k) ? quotedString(src, k.startIndex, k.endIndex).value : `\${${text(src, k)}}`;
  w.putString(name, undefined, value.startIndex, value.startIndex);
}

function principalPart(w: Writer, src: string, name: string, blockType: string, list: TsNode[]): void {
  w.putString(name, undefined, list[0].startIndex, list[0].startIndex + blockType.length);
  const star = list.length === 1 ? everyone(src, list[0]) : undefined;
  if (star) {
    // `type = "*"` with `identifiers = ["*"]` alone is how the provider writes `"Principal": "*"`.
    w.put(':', list[0].startIndex);
    w.putString('*', star.map, star.node.startIndex, star.node.endIndex);
    return;
  }
  w.put(':{', list[0].startIndex);
  const byType = new Map<string, Array<{ value: TsNode }>>();
  const typeNodes = new Map<string, { name: TsNode; value: TsNode }>();
  for (const p of list) {
    const pa = attributes(src, blockHead(src, p).body);
    const type = pa.get('type');
    const ids = pa.get('identifiers');
    if (!type || !ids) continue;
    const t = unwrap(type.value);
    // A type from a reference (`type = var.principal_type`) is one unknown part, as in a condition's test.
    const key = isQuoted(t) ? quotedString(src, t.startIndex, t.endIndex).value : `\${${text(src, t)}}`;
    if (!byType.has(key)) {
      byType.set(key, []);
      typeNodes.set(key, type);
    }
    byType.get(key)!.push({ value: ids.value });
  }
  let firstType = true;
  for (const [type, idLists] of byType) {
    if (!firstType) w.put(',', -1);
    firstType = false;
    const typeNode = typeNodes.get(type)!.value;
    const t = unwrap(typeNode);
    if (t.startIndex > idLists[0].value.startIndex) {
      keyBefore(w, src, typeNode, idLists[0].value);
      w.put(':[', idLists[0].value.startIndex);
    } else {
      const s = isQuoted(t) ? quotedString(src, t.startIndex, t.endIndex) : undefined;
      const keyStart = w.at;
      w.putString(type, s?.map, t.startIndex, t.endIndex);
      // The type of the first block of that type: what a fix or a completion of the key rewrites.
      if (s) w.nodes.push({ kind: 'scalar', jsonStart: keyStart, jsonEnd: w.literalEnd, yamlStart: t.startIndex, yamlEnd: t.endIndex, style: 'HCL', value: s.value, exact: s.exact, inFlow: true });
      w.put(':[', t.endIndex);
    }
    let firstId = true;
    for (const ids of idLists) firstId = listElements(w, src, ids.value, firstId);
    w.put(']', -1);
  }
  w.put('}', -1);
}

/** `"${dynamic "condition"}"`: one unknown part on the characters of a dynamic block's head. */
function unknownString(w: Writer, src: string, dynamic: TsNode): void {
  const head = blockHead(src, dynamic).body?.startIndex ?? dynamic.endIndex;
  const end = Math.max(dynamic.startIndex + 1, dynamic.startIndex + src.slice(dynamic.startIndex, head).replace(/\s*\{?\s*$/, '').length);
  const text = `\${${src.slice(dynamic.startIndex, end)}}`;
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) map[i] = Math.min(end - 1, dynamic.startIndex + Math.max(0, i - 2));
  map[0] = map[1] = dynamic.startIndex;
  map[text.length] = end;
  const jsonStart = w.at;
  w.putString(text, map, dynamic.startIndex, end);
  w.nodes.push({ kind: 'scalar', jsonStart, jsonEnd: w.literalEnd, yamlStart: dynamic.startIndex, yamlEnd: end, style: 'expression', inFlow: true });
}

/**
 * The statement's condition blocks; `dynamic "condition"` blocks beside them add conditions only Terraform knows:
 * one more operator, unknown, whose one key and values are unknown too.
 */
function conditionPart(w: Writer, src: string, conditions: TsNode[], dynamic?: TsNode): void {
  const at = Math.min(conditions[0]?.startIndex ?? Infinity, dynamic?.startIndex ?? Infinity);
  w.putString('Condition', undefined, at, at + (conditions[0]?.startIndex === at ? 'condition' : 'dynamic').length);
  w.put(':{', at);
  const byTest = new Map<string, Array<{ test: TsNode; variable: TsNode; values: TsNode }>>();
  for (const c of conditions) {
    const ca = attributes(src, blockHead(src, c).body);
    const test = ca.get('test');
    const variable = ca.get('variable');
    const values = ca.get('values');
    if (!test || !variable || !values) continue;
    const t = unwrap(test.value);
    const key = isQuoted(t) ? quotedString(src, t.startIndex, t.endIndex).value : `\${${text(src, t)}}`;
    if (!byTest.has(key)) byTest.set(key, []);
    byTest.get(key)!.push({ test: test.value, variable: variable.value, values: values.value });
  }
  let firstTest = true;
  for (const entries of byTest.values()) {
    if (!firstTest) w.put(',', -1);
    firstTest = false;
    const first = entries[0];
    const earliest = first.variable.startIndex < first.values.startIndex ? first.variable : first.values;
    if (first.test.startIndex > earliest.startIndex) keyBefore(w, src, first.test, earliest);
    else emitExpression(w, src, first.test, 0);
    w.put(':{', -1);
    entries.forEach((e, i) => {
      if (i > 0) w.put(',', -1);
      if (e.variable.startIndex > e.values.startIndex) keyBefore(w, src, e.variable, e.values);
      else emitExpression(w, src, e.variable, 0);
      w.put(':', -1);
      emitExpression(w, src, e.values, 0);
    });
    w.put('}', -1);
  }
  if (dynamic) {
    if (!firstTest) w.put(',', -1);
    unknownString(w, src, dynamic);
    w.put(':{', -1);
    unknownString(w, src, dynamic);
    w.put(':', -1);
    unknownString(w, src, dynamic);
    w.put('}', -1);
  }
  w.put('}', -1);
}

/**
 * A member whose value only Terraform knows: one unknown part `${dynamic "principals"}` on the characters of the
 * first `dynamic` block's head. What the static blocks of that type beside it say is not written either: the
 * value as a whole is unknown.
 */
function unknownMember(w: Writer, src: string, name: string, dynamic: TsNode, first: boolean): void {
  if (!first) w.put(',', -1);
  w.putString(name, undefined, dynamic.startIndex, dynamic.startIndex + 'dynamic'.length);
  w.put(':', dynamic.startIndex);
  unknownString(w, src, dynamic);
}

/** Is the argument's value written out (a string or a list), rather than an expression that may be null? */
function written(attr: { value: TsNode }): boolean {
  const v = unwrap(attr.value);
  return isQuoted(v) || v.type === 'tuple';
}

function emitStatement(w: Writer, src: string, block: TsNode): void {
  const { body } = blockHead(src, block);
  const attrs = setArguments(src, body);
  const parts: StatementPart[] = [];
  const attributePart = (name: string, attr: { name: TsNode; value: TsNode } | undefined): void => {
    if (attr) parts.push({ at: attr.name.startIndex, write: (first) => member(w, src, name, attr, first) });
  };
  attributePart('Sid', attrs.get('sid'));
  const effect = attrs.get('effect');
  if (effect) attributePart('Effect', effect);
  else {
    // The provider's default, on the block's first character.
    parts.push({
      at: block.startIndex,
      write: (first) => {
        if (!first) w.put(',', -1);
        w.putString('Effect', undefined, block.startIndex, block.startIndex);
        w.put(':', block.startIndex);
        w.putString('Allow', undefined, block.startIndex, block.startIndex);
      },
    });
  }
  // `actions = try(each.value.actions, null)` beside `not_actions = try(each.value.not_actions, null)`: a statement of
  // a module's input has one of the pair, the other is null and left out. An expression that may be null is not
  // written beside the other of its pair (the one written out, or the first).
  for (const [[attr, name], [notAttr, notName]] of [[STATEMENT_LISTS[0], STATEMENT_LISTS[1]], [STATEMENT_LISTS[2], STATEMENT_LISTS[3]]]) {
    const a = attrs.get(attr);
    const b = attrs.get(notAttr);
    const mayBeNull = a !== undefined && b !== undefined && (!written(a) || !written(b));
    const dropA = mayBeNull && !written(a) && written(b);
    attributePart(name, dropA ? undefined : a);
    attributePart(notName, mayBeNull && !dropA ? undefined : b);
  }
  const dynamicOf = (type: string): TsNode | undefined => blocks(src, body, 'dynamic').find((d) => blockHead(src, d).labels[0] === type);
  // Dynamic principals or not_principals may write no block at all: beside the other of the pair, they are left out.
  const principalsToo = blocks(src, body, 'principals').length > 0 || dynamicOf('principals') !== undefined;
  for (const [blockType, name] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
    const list = blocks(src, body, blockType);
    const dynamic = dynamicOf(blockType);
    if (blockType === 'not_principals' && principalsToo && list.length === 0) continue;
    if (blockType === 'principals' && list.length === 0 && dynamic && blocks(src, body, 'not_principals').length > 0) continue;
    if (dynamic) parts.push({ at: Math.min(dynamic.startIndex, list[0]?.startIndex ?? dynamic.startIndex), write: (first) => unknownMember(w, src, name, dynamic, first) });
    else if (list.length > 0) parts.push({ at: list[0].startIndex, write: (first) => {
      if (!first) w.put(',', -1);
      principalPart(w, src, name, blockType, list);
    } });
  }
  const conditions = blocks(src, body, 'condition');
  const dynamicConditions = dynamicOf('condition');
  if (conditions.length > 0 || dynamicConditions) parts.push({ at: Math.min(conditions[0]?.startIndex ?? Infinity, dynamicConditions?.startIndex ?? Infinity), write: (first) => {
    if (!first) w.put(',', -1);
    conditionPart(w, src, conditions, dynamicConditions);
  } });
  w.put('{', block.startIndex);
  parts.sort((a, b) => a.at - b.at).forEach((p, i) => p.write(i === 0));
  w.put('}', block.endIndex - 1);
}

/** A `data "aws_iam_policy_document"` block as a policy. */
function policyDocument(src: string, block: TsNode): Translation {
  const w = new Writer((block.endIndex - block.startIndex) * 2);
  const { body } = blockHead(src, block);
  const attrs = setArguments(src, body);
  w.put('{', block.startIndex);
  const version = attrs.get('version');
  if (version) member(w, src, 'Version', version, true);
  else {
    w.putString('Version', undefined, block.startIndex, block.startIndex);
    w.put(':', block.startIndex);
    w.putString('2012-10-17', undefined, block.startIndex, block.startIndex);
  }
  const id = attrs.get('policy_id');
  if (id) member(w, src, 'Id', id, false);
  w.put(',', -1);
  const statements = blocks(src, body, 'statement');
  w.putString('Statement', undefined, statements[0]?.startIndex ?? block.startIndex, statements[0]?.startIndex ?? block.startIndex);
  w.put(':[', -1);
  statements.forEach((s, i) => {
    if (i > 0) w.put(',', -1);
    emitStatement(w, src, s);
  });
  w.put(']}', block.endIndex - 1);
  return translation(src, w);
}

/**
 * The statements of a composed document that are written in it: its
 * `statement` blocks and the `content` of its `dynamic "statement"` blocks,
 * as a list of statements. Whether a dynamic one exists, and what the merged
 * documents add, is only known when Terraform runs: each statement is still
 * checked as written, the policy as a whole is not.
 */
function writtenStatements(src: string, block: TsNode): Translation | undefined {
  const { body } = blockHead(src, block);
  const dynamic = blocks(src, body, 'dynamic').filter((d) => blockHead(src, d).labels[0] === 'statement');
  const written = [...blocks(src, body, 'statement'), ...dynamic.flatMap((d) => blocks(src, blockHead(src, d).body, 'content'))].sort((a, b) => a.startIndex - b.startIndex);
  if (written.length === 0) return undefined;
  const w = new Writer((block.endIndex - block.startIndex) * 2);
  w.put('[', written[0].startIndex);
  written.forEach((s, i) => {
    if (i > 0) w.put(',', -1);
    emitStatement(w, src, s);
  });
  w.put(']', block.endIndex - 1);
  return translation(src, w);
}

/** A heredoc with template constructs, read through its rendered view; an edit that touches a construct is not offered. */
function heredocTemplate(start: number, view: TemplateView): Translation {
  const at = (o: number): number => start + view.toDocument(o);
  return {
    text: view.text,
    root: parseTree(view.text, [], { allowTrailingComma: true }),
    toDocument: (o) => at(Math.max(0, Math.min(o, view.text.length))),
    mapEdits: (edits) =>
      edits.some((e) => touchesConstruct(view, view.toDocument(e.start), view.toDocument(e.end)))
        ? undefined
        : edits.map((e) => ({ start: at(e.start), end: at(e.end), newText: e.newText })),
  };
}

/** The JSON of a heredoc (`<<EOF` ... `EOF`): the lines between its first and last line, as they are. */
function heredocJson(src: string, heredoc: TsNode): HeredocTranslation | undefined {
  const ids = heredoc.children.filter((c) => c.type === 'heredoc_identifier');
  if (ids.length < 2) return undefined;
  const nl = src.indexOf('\n', ids[0].endIndex);
  const start = nl + 1;
  const end = src.lastIndexOf('\n', ids[ids.length - 1].startIndex) + 1;
  if (nl === -1 || end <= start) return undefined;
  const text = src.slice(start, end);
  if (!/^\s*[{[]/.test(text)) return undefined;
  // A heredoc is a Terraform template: `%{ for }`/`%{ if }` directives and unquoted `${...}` values are read
  // as in a .tpl file (document/template.ts), not as JSON errors.
  const view = templateView(text);
  if (view) return heredocTemplate(start, view);
  const shift = (e: TextEdit): TextEdit => ({ start: e.start + start, end: e.end + start, newText: e.newText });
  return {
    text,
    root: parseTree(text, [], { allowTrailingComma: true }),
    toDocument: (o) => start + Math.max(0, Math.min(o, text.length)),
    mapEdits: (edits) => edits.map(shift),
    json: { start, end },
  };
}

/**
 * A policy written as one quoted string of JSON (`policy = "{\"Version\": ...}"`), as generators and
 * remediation tools write it: the string's value, each character mapped to the HCL characters that wrote it.
 * Fixes are not offered there (an edit would have to be written back with HCL's escapes).
 */
function quotedJson(src: string, v: TsNode): HeredocTranslation | undefined {
  const s = quotedString(src, v.startIndex, v.endIndex);
  if (!/^\s*\{/.test(s.value) || !s.value.includes('"Statement"')) return undefined;
  const { map } = s;
  return {
    text: s.value,
    root: parseTree(s.value, [], { allowTrailingComma: true }),
    toDocument: (o) => map[Math.max(0, Math.min(o, map.length - 1))],
    mapEdits: () => undefined,
  };
}

/** The policy written as an attribute's value, when it is JSON Terraform shows: a heredoc, `jsonencode({...})`, or a quoted JSON string. */
function inlinePolicy(src: string, value: TsNode, quoted: boolean): HeredocTranslation | undefined {
  const v = unwrap(value);
  if (v.type === 'heredoc_template') return heredocJson(src, v);
  if (quoted && (v.type === 'string_lit' || v.type === 'quoted_template')) return quotedJson(src, v);
  if (v.type === 'function_call' && text(src, v.children[0]) === 'jsonencode') {
    const args = v.children.find((c) => c.type === 'function_arguments');
    const arg = args ? args.children[0] : undefined;
    if (!arg || unwrap(arg).type !== 'object') return undefined;
    const w = new Writer((arg.endIndex - arg.startIndex) * 2);
    emitExpression(w, src, arg, 0);
    return translation(src, w);
  }
  return undefined;
}

const COMPOSING = new Set(['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']);

function isComposed(src: string, block: TsNode): boolean {
  const { body } = blockHead(src, block);
  return [...setArguments(src, body).keys()].some((k) => COMPOSING.has(k)) || blocks(src, body, 'dynamic').length > 0;
}

/** `data.aws_iam_policy_document.NAME.json` (`NAME[0]` and Terraform 0.11's `NAME.0` too), NAME captured. */
const DOCUMENT_REFERENCE = String.raw`data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)(?:\[[^\]]*\]|\.\d+)?\.(?:minified_)?json`;
/** Every document reference in an expression. */
const DOCUMENT_REFERENCES = new RegExp(String.raw`\b${DOCUMENT_REFERENCE}\b`, 'g');
/** An expression (white space removed) that is a document reference and nothing else. */
export const WHOLE_DOCUMENT_REFERENCE = new RegExp(`^${DOCUMENT_REFERENCE}$`);

/** `data.aws_iam_policy_document.NAME.json` -> NAME. */
function documentReference(src: string, value: TsNode): string | undefined {
  const expression = text(src, value).replace(/\s+/g, '');
  const m = WHOLE_DOCUMENT_REFERENCE.exec(expression);
  if (m) return m[1];
  // The document of a module that makes its policy optional: `coalesce(var.policy, data.aws_iam_policy_document.this[0].json)`,
  // `var.create ? data.aws_iam_policy_document.this[0].json : null` (`this.0.json` in Terraform 0.11's index syntax).
  // The one document it names is the policy when it is used.
  const named = [...expression.matchAll(DOCUMENT_REFERENCES)].map((x) => x[1]);
  return named.length > 0 && named.every((n) => n === named[0]) ? named[0] : undefined;
}

export function decision(slot: Slot, reason: string, certain = true): KindDecision {
  return { kind: slot.kind, service: slot.service, certain, alternatives: [], reason, source: 'template' };
}

function valueOf(t: Translation): unknown {
  try {
    return JSON.parse(t.text);
  } catch {
    return undefined;
  }
}

/** The top-level blocks that may hold a policy; the others are not read inside. */
export function policyBlock(type: string, labels: readonly string[]): boolean {
  if (type === 'resource') return Object.hasOwn(SLOTS, labels[0] ?? '');
  if (type === 'module') return true;
  return type === 'data' && labels[0] === 'aws_iam_policy_document';
}

/** Every policy of a Terraform module that KMS Lens analyses (key policies always, the others when they mention KMS), from its tree as syntax.ts reads it (with policyBlock among the blocks it reads inside). */
/**
 * `quotedStrings`: read a policy written as one quoted JSON string. The JSON syntax reader (json.ts) reads
 * those itself, with JSON's escapes, and passes false.
 */
export function readPolicies(src: string, root: TsNode, quotedStrings = true): TerraformPolicy[] {
  const out: TerraformPolicy[] = [];
  const referenced = new Map<string, { slot: Slot; reason: string }>();
  const documents: Array<{ name: string; block: TsNode }> = [];
  const body = root.children.find((c) => c.type === 'body');
  const add = (t: HeredocTranslation | undefined, slot: Slot, reason: string, certain = true, fragment?: 'statements'): void => {
    if (!t?.root) return;
    const v = valueOf(t);
    if (slot.kind === 'keyPolicy' || mentionsKms(fragment ? { Statement: v } : v)) out.push({ translation: t, decision: decision(slot, reason, certain), fragment, json: t.json });
  };
  for (const { type, blockType, argument, attr, slot } of policyArguments(src, body)) {
    const reason = blockType ? l10n.t('It is the {0} of an {1} block of a {2} resource.', argument, blockType, type) : l10n.t('It is the {0} of a {1} resource.', argument, type);
    const name = documentReference(src, attr.value);
    if (name) {
      if (!referenced.has(name) || slot.kind === 'keyPolicy') referenced.set(name, { slot, reason });
    } else add(inlinePolicy(src, attr.value, quotedStrings), slot, reason);
  }
  // A policy written into a module call (`module "kms" { key_policy = <<POLICY ... POLICY }`, `policy = jsonencode({...})`):
  // the module's variables decide where it goes, and the module may add statements of its own, so its kind is told by
  // its content and is not certain (what depends on the kind is information at most). Its JSON and its statements are
  // checked as any other's.
  for (const block of blocks(src, body, 'module')) {
    const { labels, body: moduleBody } = blockHead(src, block);
    for (const [attrName, attr] of attributes(src, moduleBody)) {
      if (!/policy/i.test(attrName)) continue;
      const t = inlinePolicy(src, attr.value, quotedStrings);
      // A heredoc with a JSON error (a trailing comma) still tells its kind by what it holds.
      const v = t && (valueOf(t) ?? (t.root ? getNodeValue(t.root) : undefined));
      if (!t || v === null || typeof v !== 'object') continue;
      // Only what is written as IAM's JSON: a module may take its own shape (`{ statements = [{ actions = [...] }] }`).
      const looksLikePolicy = Array.isArray(v) ? v.some((x) => x !== null && typeof x === 'object' && 'Effect' in x) : 'Statement' in v;
      if (!looksLikePolicy) continue;
      const list: unknown[] = Array.isArray(v) ? v : Array.isArray((v as { Statement?: unknown }).Statement) ? (v as { Statement: unknown[] }).Statement : [(v as { Statement?: unknown }).Statement];
      const detected = detectPolicyKind({ statements: list });
      const before = out.length;
      add(t, { kind: detected.kind, service: detected.service }, l10n.t('It is the {0} argument of module {1}, read by its content: {2}', attrName, labels[0] ?? '', detected.reason), false, Array.isArray(v) ? 'statements' : undefined);
      if (out.length > before) out[out.length - 1].decision.alternatives = detected.alternatives;
    }
  }
  for (const block of blocks(src, body, 'data')) {
    const { labels } = blockHead(src, block);
    if (labels[0] === 'aws_iam_policy_document' && labels[1]) documents.push({ name: labels[1], block });
  }
  // A document merged into a referenced one (`source_policy_documents`, `override_policy_documents`) is part of
  // that policy: it is read as the same kind, as statements of it (it is not the whole policy).
  const parts = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const { name, block } of documents) {
      const ref = referenced.get(name);
      if (!ref) continue;
      for (const [attrName, attr] of attributes(src, blockHead(src, block).body)) {
        if (!COMPOSING.has(attrName)) continue;
        for (const m of text(src, attr.value).matchAll(DOCUMENT_REFERENCES)) {
          const part = m[1];
          if (referenced.has(part)) continue;
          referenced.set(part, { slot: ref.slot, reason: l10n.t('{0} It is merged into data.aws_iam_policy_document.{1} by its {2}.', ref.reason, name, attrName) });
          parts.add(part);
          changed = true;
        }
      }
    }
  }
  // A document no resource here uses (a module output, a policy passed to a module): what it says tells its kind.
  // Statements that name principals are not an IAM policy's (IAM rejects a Principal there): read as the kind
  // they fit, still uncertain, so what depends on the kind is information at most. `t` holds its statements.
  const unreferenced = (t: Translation | undefined, name: string, fragment: 'statements'): void => {
    const v = t && valueOf(t);
    const list: unknown[] = Array.isArray(v) ? v : [];
    const detected = detectPolicyKind({ statements: list });
    if (!list.some((x) => x !== null && typeof x === 'object' && ('Principal' in x || 'NotPrincipal' in x))) {
      add(t, IDENTITY, l10n.t('No resource in this file refers to data.aws_iam_policy_document.{0}: read as an IAM policy.', name), false, fragment);
      return;
    }
    add(t, { kind: detected.kind, service: detected.service }, l10n.t('No resource in this file refers to data.aws_iam_policy_document.{0}, and its statements name principals: {1}', name, detected.reason), false, fragment);
    const last = out[out.length - 1];
    if (last?.translation === t) last.decision.alternatives = detected.alternatives;
  };
  for (const { name, block } of documents) {
    const ref = referenced.get(name);
    // Statements merged in from other documents or written by `dynamic` blocks are known only when Terraform
    // runs: the statements written here are checked one by one, the document as a whole is not judged on
    // part of it (a lockout that is not one).
    // A document no resource here uses may be merged into another one or passed to a module that adds statements
    // of its own: its statements are checked, the policy as a whole (a lockout, its Version) is not judged either.
    const composed = isComposed(src, block) || parts.has(name) || !ref;
    const t = composed ? writtenStatements(src, block) : policyDocument(src, block);
    const fragment = composed ? 'statements' : undefined;
    if (ref) add(t, ref.slot, l10n.t('{0} It is written as data.aws_iam_policy_document.{1}.', ref.reason, name), true, fragment);
    else unreferenced(t, name, 'statements');
  }
  return out.sort((a, b) => a.translation.toDocument(0) - b.translation.toDocument(0));
}
