/** Hovers from the core, over the cached model of the document's current version. */
import * as vscode from 'vscode';
import { hoverAt } from '../core/hover';
import { toRange } from './convert';
import { isCandidate } from './documents';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: ModelCache) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    try {
      const settings = readSettings(doc.uri);
      if (!settings.enable || !isCandidate(doc)) return undefined;
      const model = this.cache.get(doc, settings.analysis.maxFileSize);
      if (model.kind === 'other') return undefined;
      const h = hoverAt(model, doc.offsetAt(position));
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
