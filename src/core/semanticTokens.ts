/**
 * Semantic tokens for policies: what a string means where its meaning depends
 * on the key it sits under, which the TextMate grammar (syntaxes/) cannot know.
 * `"kms:Decrypt"` is an action only under Action or NotAction; a key is a
 * condition operator only directly under Condition and a condition key only one
 * level below; `"*"` is a wildcard under Principal, Action and Resource; `Decrypt`
 * is an enumerated value only under `kms:GrantOperations`.
 *
 * Token types and modifiers are VS Code's standard ones, so every theme with
 * semantic highlighting colours them (and VS Code maps them to TextMate scopes
 * for the others). ARNs get no token: the grammar colours their parts, and a
 * token over the whole ARN would hide that.
 */
import type { Node } from 'jsonc-parser';
import { conditionKeyInfo, expandKmsActions } from './data/iam';
import { CONDITION_KEY_ENUMS, KMS_ENUMS } from './data/kmsFacts';
import type { DocumentModel } from './document/model';
import { couldBeServicePrincipal } from './kms/identifiers';
import { policiesOf } from './policy/locate';
import type { PolicyModel, StringValue } from './policy/model';
import type { PolicyValue } from './policy/value';

import type { TokenModifier, TokenType } from './semanticTokenTypes';

export { TOKEN_MODIFIERS, TOKEN_TYPES, type TokenModifier, type TokenType } from './semanticTokenTypes';

export interface SemanticToken {
  /** Document offsets; a token never spans lines (it lies inside one JSON string). */
  start: number;
  end: number;
  type: TokenType;
  modifiers: readonly TokenModifier[];
}

/** [ForAllValues:|ForAnyValue:]Base[IfExists], with the IAM condition operators as Base. */
const CONDITION_OPERATOR = new RegExp(
  '^(?:(ForAllValues|ForAnyValue):)?(' +
    'String(?:Not)?Equals(?:IgnoreCase)?|String(?:Not)?Like|Numeric(?:Not)?Equals|Numeric(?:Less|Greater)Than(?:Equals)?' +
    '|Date(?:Not)?Equals|Date(?:Less|Greater)Than(?:Equals)?|Bool|BinaryEquals|(?:Not)?IpAddress|Arn(?:Not)?(?:Equals|Like)|Null' +
    ')(IfExists)?$',
);

const enumOfKey = new Map(Object.entries(CONDITION_KEY_ENUMS).map(([k, e]) => [k.toLowerCase(), KMS_ENUMS[e] as readonly string[]]));

/** Tokens of every policy in the document, sorted by offset. Empty for documents that hold no policy. */
export function semanticTokens(model: DocumentModel): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  for (const policy of policiesOf(model)) tokensOfPolicy(policy, tokens);
  tokens.sort((a, b) => a.start - b.start);
  // Two statements never share a node, but a principal type key is reached once per value: keep one token per place.
  return tokens.filter((t, i) => i === 0 || t.start >= tokens[i - 1].end);
}

function tokensOfPolicy(policy: PolicyModel, out: SemanticToken[]): void {
  /** Adds a token over [from, to) of a string node's content (offsets relative to the content). */
  const add = (node: Node, from: number, to: number, type: TokenType, modifiers: readonly TokenModifier[] = []): void => {
    if (to <= from) return;
    const contentStart = node.offset + 1;
    const start = policy.toDocument(contentStart + from);
    const end = policy.toDocument(contentStart + to);
    // Text the format implies but nobody wrote (the default Allow of an aws_iam_policy_document
    // statement) maps to no characters, or not to as many: it gets no token.
    if (end - start !== to - from) return;
    out.push({ start, end, type, modifiers });
  };
  /** The string's text as written, or undefined when escapes make it differ from its value (then offsets inside it are not the value's). */
  const raw = (node: Node): string | undefined => {
    if (node.type !== 'string') return undefined;
    const text = policy.text.slice(node.offset + 1, node.offset + node.length - 1);
    return text === node.value ? text : undefined;
  };

  /** Tokens over the known characters of a value, so the grammar still colours its placeholders. */
  const knownRuns = (v: PolicyValue, type: TokenType, modifiers: readonly TokenModifier[]): void => {
    const re = /[^\uE000]+/g;
    for (let m = re.exec(v.shape); m; m = re.exec(v.shape)) {
      const span = v.span(m.index, m.index + m[0].length);
      // Only where the characters are written as they read (no escapes, one string).
      if (span.end - span.start !== m[0].length || policy.text.slice(span.start, span.end) !== m[0]) continue;
      out.push({ start: policy.toDocument(span.start), end: policy.toDocument(span.end), type, modifiers });
    }
  };

  for (const st of policy.statements) {
    if (st.effect && (st.effect.value === 'Allow' || st.effect.value === 'Deny') && raw(st.effect.node)) {
      add(st.effect.node, 0, st.effect.value.length, 'keyword');
    }
    for (const a of [...st.actions, ...st.notActions]) actionTokens(a, a.parts.known ? raw(a.node) : undefined, add);
    for (const p of [...st.principals, ...st.notPrincipals]) {
      if (p.typeNode && raw(p.typeNode)) add(p.typeNode, 0, p.type.length, 'type');
      const text = raw(p.node);
      if (text === '*') add(p.node, 0, 1, 'operator');
      else if (p.type === 'Service' && couldBeServicePrincipal(p.parts.shape)) knownRuns(p.parts, 'class', ['defaultLibrary']);
    }
    for (const r of [...st.resources, ...st.notResources]) if (raw(r.node) === '*') add(r.node, 0, 1, 'operator');
    const operators = new Set<Node>();
    for (const c of st.conditions) {
      if (!operators.has(c.operatorNode)) {
        operators.add(c.operatorNode);
        const op = raw(c.operatorNode);
        const m = op ? CONDITION_OPERATOR.exec(op) : null;
        if (m) {
          const [, set, base, ifExists] = m;
          const baseStart = set ? set.length + 1 : 0;
          if (set) add(c.operatorNode, 0, set.length, 'modifier');
          add(c.operatorNode, baseStart, baseStart + base.length, 'operator');
          if (ifExists) add(c.operatorNode, baseStart + base.length, baseStart + base.length + ifExists.length, 'modifier');
        }
      }
      const key = raw(c.keyNode);
      if (key) conditionKeyTokens(c.keyNode, key, add);
      const values = enumOfKey.get(c.key.toLowerCase());
      if (values) {
        for (const v of c.values) {
          const text = raw(v.node);
          if (text && values.includes(text)) add(v.node, 0, text.length, 'enumMember', ['defaultLibrary']);
        }
      }
    }
  }
}

type Add = (node: Node, from: number, to: number, type: TokenType, modifiers?: readonly TokenModifier[]) => void;

/** `kms:GenerateDataKey*` -> namespace `kms`, function `GenerateDataKey`, operator `*`. */
function actionTokens(a: StringValue, text: string | undefined, add: Add): void {
  if (!text) return;
  if (text === '*') return add(a.node, 0, 1, 'operator');
  const colon = text.indexOf(':');
  if (colon <= 0) return;
  const service = text.slice(0, colon);
  const name = text.slice(colon + 1);
  add(a.node, 0, colon, 'namespace');
  // A KMS action, or a pattern that matches at least one, is part of the AWS "library"; anything else is just a name.
  const known = service.toLowerCase() === 'kms' && name.length > 0 && expandKmsActions(name).length > 0;
  const modifiers: TokenModifier[] = known ? ['defaultLibrary'] : [];
  const re = /[*?]+|[^*?]+/g;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    const from = colon + 1 + m.index;
    const to = from + m[0].length;
    add(a.node, from, to, /^[*?]/.test(m[0]) ? 'operator' : 'function', /^[*?]/.test(m[0]) ? [] : modifiers);
  }
}

/** `kms:EncryptionContext:aws:ecs:clusterName` -> namespace `kms`, variable `EncryptionContext`, parameter `aws:ecs:clusterName`. */
function conditionKeyTokens(node: Node, key: string, add: Add): void {
  const m = /^([A-Za-z0-9-]+):([A-Za-z0-9_-]+)(?:([:/])(.+))?$/.exec(key);
  if (!m) return;
  const [, service, name, sep, qualifier] = m;
  const known = conditionKeyInfo(key) !== undefined;
  add(node, 0, service.length, 'namespace');
  const nameStart = service.length + 1;
  add(node, nameStart, nameStart + name.length, 'variable', known ? ['defaultLibrary', 'readonly'] : ['readonly']);
  if (sep && qualifier) add(node, nameStart + name.length + 1, key.length, 'parameter');
}
