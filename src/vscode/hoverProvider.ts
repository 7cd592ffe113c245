/** Hovers from the core, over the cached model of the document's current version. */
import * as vscode from 'vscode';
import { getKmsLensService, type KnownKeyPolicies } from '../core';
import { toRange } from './convert';
import { isCandidate } from './documents';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

const core = getKmsLensService();

/** Characters above which a hover only uses an already built model. */
const BIG_DOCUMENT = 4 * 1024 * 1024;

export class HoverProvider implements vscode.HoverProvider {
  /** `known`: the workspace's key policies (policyIndex.ts), for the event hovers. */
  constructor(private readonly cache: ModelCache, private readonly known: () => KnownKeyPolicies | undefined = () => undefined) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    try {
      const settings = readSettings(doc.uri);
      if (!settings.enable || !isCandidate(doc)) return undefined;
      // In a big log a hover must not parse the whole file: while an edit is waiting to be
      // analysed, hovers pause until the analysis has built the model of the new version.
      const big = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > BIG_DOCUMENT;
      const model = big ? this.cache.fresh(doc, settings.analysis.maxFileSize) : this.cache.get(doc, settings.analysis.maxFileSize);
      if (!model || model.kind === 'other') return undefined;
      const h = core.hover(model, doc.offsetAt(position), this.known());
      if (!h) return undefined;
      const md = new vscode.MarkdownString(h.markdown);
      md.supportHtml = false;
      return new vscode.Hover(md, toRange(doc, h.start, h.end));
    } catch (err) {
      console.error('[kms-lens] hover failed', err);
      return undefined;
    }
  }
}
