/** Semantic tokens from the core, over the cached model of the document's current version. */
import * as vscode from 'vscode';
import { getKmsLensService, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core';
import { SEMANTIC_TOKENS_LEGEND } from './registration';
import { isCandidate } from './documents';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

const core = getKmsLensService();


const typeIndex = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const modifierBit = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

/**
 * Policies are small (a key policy is at most 32 KB). Larger documents are logs:
 * they get no tokens, so scrolling or typing in one never waits for a parse here.
 */
const MAX_LENGTH = 1024 * 1024;

export class SemanticTokensProvider implements vscode.DocumentSemanticTokensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  readonly onDidChangeSemanticTokens = this.changed.event;

  constructor(private readonly cache: ModelCache) {
    // Turning KMS Lens off (or on) must repaint open editors without a reload.
    this.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kmsLens')) this.changed.fire();
    }));
  }

  provideDocumentSemanticTokens(doc: vscode.TextDocument, cancel: vscode.CancellationToken): vscode.SemanticTokens | undefined {
    try {
      // No result (rather than an empty one) where KMS Lens has nothing to say, so other providers may speak.
      const settings = readSettings(doc.uri);
      if (!settings.enable || !isCandidate(doc)) return undefined;
      if (doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > MAX_LENGTH) return undefined;
      const model = this.cache.get(doc, settings.analysis.maxFileSize);
      const tokens = core.semanticTokens(model);
      if (tokens.length === 0) return undefined;
      const builder = new vscode.SemanticTokensBuilder(SEMANTIC_TOKENS_LEGEND);
      for (const t of tokens) {
        if (cancel.isCancellationRequested) return undefined;
        const start = doc.positionAt(t.start);
        const end = doc.positionAt(t.end);
        if (end.line !== start.line) continue;
        const modifiers = t.modifiers.reduce((bits, m) => bits | (modifierBit.get(m) ?? 0), 0);
        builder.push(start.line, start.character, end.character - start.character, typeIndex.get(t.type) ?? 0, modifiers);
      }
      return builder.build();
    } catch (err) {
      console.error('[kms-lens] semantic tokens failed', err);
      return undefined;
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
