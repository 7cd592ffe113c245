/**
 * Completions in a policy: where the cursor is (jsonc-parser's getLocation
 * works on half-typed JSON), what fits there (completeItems.ts), and the exact
 * text to insert so that the result is still valid JSON: quotes when the
 * cursor is not in a string, a comma before or after when a neighbour needs one.
 */
import { findNodeAtLocation, getLocation, getNodePath, type Node } from 'jsonc-parser';
import type { DocumentModel } from '../document/model';
import { isPolicyDocument } from '../types';
import {
  actionSuggestions, awsPrincipalSuggestions, conditionKeySuggestions, conditionValueSuggestions, documentFacts, operatorSuggestions, principalTypeSuggestions,
  principalValueSuggestions, resourceSuggestions, servicePrincipalSuggestions, snippetLiteral, statementElementSuggestions, topLevelSuggestions,
  type CompletionKind, type Suggestion,
} from './completeItems';
import * as l10n from '@vscode/l10n';
import { policiesOf } from './locate';
import { toPolicyOffset } from './target';
import { SAME_OFFSET, type PolicyModel, type Statement } from './model';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** What replaces [start, end): JSON text, in snippet syntax when `snippet`. */
  insertText: string;
  snippet: boolean;
  start: number;
  end: number;
  /** Matched against the text from `start` to the cursor (it starts with a quote when the range does). */
  filterText: string;
  detail?: string;
  documentation?: string;
  sortText?: string;
}

type Place =
  | { at: 'key'; suggestions: Suggestion[] }
  | { at: 'value'; suggestions: Suggestion[]; /** The value is an array element (commas between siblings). */ inArray: boolean; /** Suggestions are whole JSON values, not strings. */ raw?: boolean };

function isValueEnd(ch: string | undefined): boolean {
  return ch !== undefined && /["}\]0-9a-z]/.test(ch);
}

function isValueStart(ch: string | undefined): boolean {
  return ch !== undefined && /["{[0-9tfn-]/.test(ch);
}

function prevChar(text: string, pos: number): string | undefined {
  let i = pos - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i >= 0 ? text[i] : undefined;
}

function nextChar(text: string, pos: number): string | undefined {
  let i = pos;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i < text.length ? text[i] : undefined;
}

/** The statement the path points into, and the rest of the path inside it. */
function statementOf(policy: PolicyModel, path: Array<string | number>): { statement?: Statement; rest: Array<string | number> } | undefined {
  // A statement saved on its own is its own root; an array of statements is indexed from the root.
  if (policy.fragment === 'statement') return { statement: policy.statements[0], rest: path };
  if (policy.fragment === 'statements') {
    if (typeof path[0] !== 'number') return undefined;
    const node = policy.root.children?.[path[0]];
    return { statement: policy.statements.find((s) => s.node.offset === node?.offset), rest: path.slice(1) };
  }
  if (path[0] !== 'Statement') return undefined;
  const indexed = typeof path[1] === 'number';
  const nodePath = indexed ? ['Statement', path[1]] : ['Statement'];
  const node: Node | undefined = findNodeAtLocation(policy.root, nodePath);
  const statement = node ? policy.statements.find((s) => s.node.offset === node.offset) : undefined;
  return { statement, rest: path.slice(indexed ? 2 : 1) };
}

function placeFor(policy: PolicyModel, path: Array<string | number>, atKey: boolean): Place | undefined {
  const facts = documentFacts(policy);
  // At a key, the last path segment is the half-typed key itself.
  const where = atKey ? path.slice(0, -1) : path;
  if (where.length === 0 && !policy.fragment) return atKey ? { at: 'key', suggestions: topLevelSuggestions(policy) } : undefined;
  if (where.length === 1 && where[0] === 'Version' && !atKey && !policy.fragment) return { at: 'value', inArray: false, suggestions: [{ label: '2012-10-17', kind: 'value', value: '2012-10-17', detail: l10n.t('the current policy language version') }] };
  const inStatement = statementOf(policy, where);
  if (!inStatement) return undefined;
  const { statement, rest } = inStatement;
  const [element, a, b] = rest;
  if (atKey) {
    if (rest.length === 0) return { at: 'key', suggestions: statementElementSuggestions(policy, statement, facts) };
    if (rest.length === 1 && element === 'Condition') return { at: 'key', suggestions: operatorSuggestions() };
    if (rest.length === 2 && element === 'Condition' && typeof a === 'string') return { at: 'key', suggestions: conditionKeySuggestions(statement, a) };
    if (rest.length === 1 && (element === 'Principal' || element === 'NotPrincipal')) return { at: 'key', suggestions: principalTypeSuggestions(facts) };
    return undefined;
  }
  const inArray = typeof rest[rest.length - 1] === 'number';
  const depth = inArray ? rest.length - 1 : rest.length;
  if (depth === 1 && (element === 'Action' || element === 'NotAction')) {
    const present = new Set((element === 'Action' ? statement?.actions : statement?.notActions)?.map((v) => v.value.toLowerCase()) ?? []);
    return { at: 'value', inArray, suggestions: actionSuggestions(present) };
  }
  if (depth === 1 && element === 'Effect') {
    return { at: 'value', inArray, suggestions: [{ label: 'Allow', kind: 'value', value: 'Allow', sortText: '0' }, { label: 'Deny', kind: 'value', value: 'Deny', sortText: '1' }] };
  }
  if (depth === 1 && (element === 'Resource' || element === 'NotResource')) return { at: 'value', inArray, suggestions: resourceSuggestions(policy, facts) };
  if (depth === 1 && (element === 'Principal' || element === 'NotPrincipal') && !inArray) return { at: 'value', inArray: false, raw: true, suggestions: principalValueSuggestions(facts) };
  if (depth === 2 && (element === 'Principal' || element === 'NotPrincipal') && a === 'AWS') return { at: 'value', inArray, suggestions: awsPrincipalSuggestions(facts) };
  if (depth === 2 && (element === 'Principal' || element === 'NotPrincipal') && a === 'Service') return { at: 'value', inArray, suggestions: servicePrincipalSuggestions(facts) };
  if (depth === 3 && element === 'Condition' && typeof b === 'string') return { at: 'value', inArray, suggestions: conditionValueSuggestions(b, statement, facts) };
  return undefined;
}

function quoted(value: string, snippet: boolean): string {
  // Snippet values are our own templates (no quotes or backslashes); plain values get JSON escaping.
  return snippet ? `"${value}"` : JSON.stringify(value);
}

/**
 * Completion items at `offset` of a policy document. Empty when the cursor is
 * not in a place KMS Lens knows, or the document is not a policy.
 */
export function completionsAt(model: DocumentModel, offset: number): CompletionItem[] {
  if (!isPolicyDocument(model.kind)) return [];
  for (const policy of policiesOf(model)) {
    // A policy in a string (get-key-policy output, a policy saved as a string) is completed in its decoded text.
    const local = toPolicyOffset(policy, offset);
    if (local === undefined || local < policy.root.offset || local > policy.root.offset + policy.root.length) continue;
    const items = completionsInPolicy(policy, local);
    if (policy.origin === 'string') return items.map((item) => inString(policy, item));
    // A template's rendered view: its ranges are put back on the template's own characters. A range that
    // would replace a template construct (an interpolation that spans lines, the cursor inside one) is no
    // place to complete: an editor takes ranges on the cursor's line only, and the construct is not ours to rewrite.
    if (policy.toDocument !== SAME_OFFSET) {
      return items
        .map((item) => ({ ...item, start: policy.toDocument(item.start), end: policy.toDocument(item.end) }))
        .filter((item) => item.start <= offset && offset <= item.end && !/[\r\n]/.test(model.text.slice(item.start, item.end)));
    }
    return items;
  }
  return [];
}

/**
 * An item computed in a policy's decoded text, written for the string the
 * policy is in: its range mapped back through the escapes, its text escaped
 * (a snippet keeps its tab stops: its quotes are escaped as any others).
 */
function inString(policy: PolicyModel, item: CompletionItem): CompletionItem {
  const plainSnippet = item.snippet && /[\\\n\t]/.test(item.insertText.replace(/\\[$}\\]/g, ''));
  const insertText = item.snippet && !plainSnippet ? item.insertText.replace(/"/g, '\\"') : policy.encode(plainSnippet ? snippetText(item.insertText) : item.insertText);
  return { ...item, insertText, snippet: item.snippet && !plainSnippet, start: policy.toDocument(item.start), end: policy.toDocument(item.end), filterText: policy.encode(item.filterText) };
}

/** The text a snippet inserts with its placeholders' defaults and no tab stops. */
function snippetText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

export function completionsInPolicy(policy: PolicyModel, offset: number): CompletionItem[] {
  const text = policy.text;
  const location = getLocation(text, offset);
  // A policy inside a larger JSON text (a YAML template's translation): the path from the policy's own root.
  const rootPath = policy.root.parent ? getNodePath(policy.root) : [];
  if (rootPath.some((segment, i) => location.path[i] !== segment)) return [];
  let path = location.path.slice(rootPath.length);
  let atKey = location.isAtPropertyKey;

  // Inside a string token: replace the whole token, quotes included.
  const prev = location.previousNode;
  let start = offset;
  let end = offset;
  let inString = false;
  if (prev && (prev.type === 'string' || prev.type === 'property') && offset > prev.offset && offset <= prev.offset + prev.length) {
    const closed = prev.length >= 2 && text[prev.offset + prev.length - 1] === '"';
    if (offset < prev.offset + prev.length || !closed) {
      inString = true;
      start = prev.offset;
      end = closed ? prev.offset + prev.length : offset;
      // A backslash before a line break lets the tolerant scanner read a string on past it
      // (`"kms:Enc\` + newline): the range stays on the cursor's line, as an editor's ranges must.
      start = Math.max(start, text.lastIndexOf('\n', offset - 1) + 1);
      const lineEnd = text.slice(offset, end).search(/[\r\n]/);
      if (lineEnd !== -1) end = offset + lineEnd;
    }
  }
  if (!inString) {
    const before = prevChar(text, offset);
    const after = nextChar(text, offset);
    // Between a key and its colon, or before a value that is already there: nothing to insert.
    if (atKey && after === ':') return [];
    if (!atKey && typeof path[path.length - 1] === 'string' && before === ':' && isValueStart(after)) return [];
    // Right after a complete member value with no comma yet (`"Effect": "Allow" |`): the next member's key goes here.
    if (!atKey && typeof path[path.length - 1] === 'string' && isValueEnd(before) && before !== undefined) {
      path = [...path.slice(0, -1), ''];
      atKey = true;
    }
  }
  const place = placeFor(policy, path, atKey);
  if (!place || place.suggestions.length === 0) return [];
  const keyHasColon = place.at === 'key' && nextChar(text, end) === ':';

  const before = prevChar(text, start);
  const after = nextChar(text, end);
  // A comma is needed before the new element when it follows another one, and after it when another one follows.
  const commaBefore = place.at === 'key' ? isValueEnd(before) && before !== undefined && !inString : place.inArray && isValueEnd(before) && !inString;
  const commaAfter = place.at === 'key' ? !keyHasColon && after === '"' : place.inArray && isValueStart(after);

  return place.suggestions.map((s) => {
    let body: string;
    let snippet = s.snippet === true;
    if (place.at === 'key') {
      const key = `"${s.value}"`;
      body = keyHasColon || !s.after ? key : `${key}: ${s.after}`;
      if (keyHasColon && s.after) snippet = s.snippet === true;
    } else if (place.at === 'value' && place.raw) {
      body = s.value;
    } else {
      body = quoted(s.value, snippet);
    }
    const escapeIfSnippet = (lit: string): string => (snippet ? snippetLiteral(lit) : lit);
    const insertText = `${commaBefore ? escapeIfSnippet(', ') : ''}${body}${commaAfter ? escapeIfSnippet(',') : ''}`;
    const filterText = inString ? `"${s.label}` : s.label;
    return { label: s.label, kind: s.kind, insertText, snippet, start, end, filterText, detail: s.detail, documentation: s.documentation, sortText: s.sortText };
  });
}
