/** Completions from the core (src/core/policy/complete.ts), over the cached model of the current version. */
import * as vscode from 'vscode';
import { getKmsLensService, type CompletionItem as CoreItem } from '../core';
import { toRange } from './convert';
import { isCandidate } from './documents';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

const core = getKmsLensService();

const KINDS: Record<CoreItem['kind'], vscode.CompletionItemKind> = {
  action: vscode.CompletionItemKind.Function,
  wildcard: vscode.CompletionItemKind.Constant,
  operator: vscode.CompletionItemKind.Operator,
  key: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.Value,
  property: vscode.CompletionItemKind.Property,
  principal: vscode.CompletionItemKind.Reference,
};

export class CompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly cache: ModelCache) {}

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    try {
      const settings = readSettings(doc.uri);
      if (!settings.enable || !isCandidate(doc)) return [];
      const model = this.cache.get(doc, settings.analysis.maxFileSize);
      return core.complete(model, doc.offsetAt(position)).map((c) => toItem(doc, c));
    } catch (err) {
      console.error('[kms-lens] completion failed', err);
      return [];
    }
  }
}

function toItem(doc: vscode.TextDocument, c: CoreItem): vscode.CompletionItem {
  const item = new vscode.CompletionItem(c.label, KINDS[c.kind]);
  item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
  item.range = toRange(doc, c.start, c.end);
  item.filterText = c.filterText;
  item.detail = c.detail;
  if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
  item.sortText = c.sortText;
  return item;
}
