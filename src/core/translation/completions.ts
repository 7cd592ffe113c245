/**
 * Completions inside a policy written in CloudFormation YAML or Terraform.
 *
 * The policy is read as a JSON translation (yaml/translate.ts,
 * terraform/translate.ts). The cursor is placed in that JSON, the JSON
 * completions say what fits there (policy/complete.ts: actions, condition
 * operators and keys, principal types and forms), and each item is written
 * back as an edit of the source through the translation's own edit mapping,
 * so that it keeps the language's syntax: a YAML scalar keeps its style
 * (plain where YAML reads it back as the same string, quoted otherwise), a
 * Terraform string stays an HCL string.
 *
 * Only a value or key that is being typed (a string in the translation) is
 * completed: what the source language writes between values (YAML
 * indentation, HCL `=`) is not the JSON's, so nothing is inserted where no
 * string stands yet.
 */
import type { DocumentModel } from '../document/model';
import { completionsInPolicy, type CompletionItem } from '../policy/complete';
import { snippetLiteral } from '../policy/completeItems';
import { policiesOf } from '../policy/locate';
import type { PolicyModel } from '../policy/model';
import { isPolicyDocument } from '../types';

/** Documents whose policies are translations of another language (a template or a policy kept as YAML, Terraform). */
export function isTranslatedDocument(model: DocumentModel): boolean {
  return (model.format === 'yaml' && (model.kind === 'cloudFormation' || isPolicyDocument(model.kind))) || model.kind === 'terraform';
}

/**
 * The JSON offset for a source offset: just after the last JSON character
 * written from before it, so that a cursor at the end of a word being typed
 * is inside the JSON string written from that word.
 */
function localOffset(policy: PolicyModel, offset: number): number | undefined {
  const last = policy.text.length;
  if (offset <= policy.toDocument(0) || offset > policy.toDocument(last)) return undefined;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (policy.toDocument(mid) < offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(lo + 1, last);
}

/** The text a snippet inserts with its placeholders' defaults, and the first placeholder's default. */
function plainSnippet(snippet: string): { text: string; placeholder?: string } {
  const placeholder = /\$\{1:([^}]*)\}/.exec(snippet)?.[1];
  const text = snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
  return { text, placeholder };
}

/** An item computed in the JSON translation, as an edit of the source; undefined when it cannot be written there. */
function inSource(model: DocumentModel, policy: PolicyModel, item: CompletionItem, offset: number): CompletionItem | undefined {
  // Only a whole string replaced by another string.
  if (policy.text[item.start] !== '"' || item.end <= item.start || !policy.mapEdits) return undefined;
  const { text: json, placeholder } = item.snippet ? plainSnippet(item.insertText) : { text: item.insertText, placeholder: undefined };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  // In Terraform `${` starts an interpolation: a policy variable is written `$${aws:username}`.
  const written = model.kind === 'terraform' ? value.replace(/\$\{/g, '$${') : value;
  const edits = policy.mapEdits([{ start: item.start, end: item.end, newText: JSON.stringify(written) }]);
  const edit = edits?.length === 1 ? edits[0] : undefined;
  if (!edit || edit.start > offset || edit.end < offset || /[\r\n]/.test(model.text.slice(edit.start, edit.end))) return undefined;
  let insertText = edit.newText;
  let snippet = false;
  const at = placeholder ? insertText.lastIndexOf(placeholder) : -1;
  if (placeholder && at !== -1) {
    insertText = `${snippetLiteral(insertText.slice(0, at))}\${1:${placeholder}}${snippetLiteral(insertText.slice(at + placeholder.length))}`;
    snippet = true;
  }
  const quote = model.text[edit.start];
  const filterText = quote === '"' || quote === "'" ? `${quote}${item.label}` : item.label;
  return { ...item, insertText, snippet, start: edit.start, end: edit.end, filterText };
}

/** Completion items at `offset` of a YAML template or a Terraform module, inside one of its policies. */
export function completionsInSource(model: DocumentModel, offset: number): CompletionItem[] {
  if (!isTranslatedDocument(model)) return [];
  for (const policy of policiesOf(model)) {
    const local = localOffset(policy, offset);
    if (local === undefined || local < policy.root.offset || local > policy.root.offset + policy.root.length) continue;
    return completionsInPolicy(policy, local).flatMap((item) => inSource(model, policy, item, offset) ?? []);
  }
  return [];
}
