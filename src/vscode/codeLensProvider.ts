/**
 * A plain-language summary above each policy statement (CodeLens), from the
 * core's statement summaries. Turned off with `kmsLens.summaryCodeLens`.
 */
import * as vscode from 'vscode';
import { getKmsLensService, isPolicyDocument } from '../core';
import { COMMAND_IDS } from './commands';
import type { DiagnosticsController } from './diagnostics';
import { isCandidate } from './documents';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

const core = getKmsLensService();

export class SummaryCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly cache: ModelCache, diagnostics: DiagnosticsController) {
    this.subscriptions.push(
      this.changed,
      // A new analysis may mean a new text: ask VS Code for fresh lenses.
      diagnostics.onDidAnalyze(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kmsLens')) this.changed.fire();
      }),
    );
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    try {
      const settings = readSettings(doc.uri);
      if (!settings.enable || !settings.summaryCodeLens || !isCandidate(doc)) return [];
      const model = this.cache.get(doc, settings.analysis.maxFileSize);
      if (!isPolicyDocument(model.kind) && model.kind !== 'cloudFormation' && model.kind !== 'terraform' && model.kind !== 'iamOutput' && model.kind !== 'configuration' && model.kind !== 'cloudTrail') return [];
      return core.summaries(model).map((l) => {
        const at = doc.positionAt(l.start);
        // The line is short (a lens never wraps); the tooltip has it all, and a click shows the statement's hover.
        return new vscode.CodeLens(new vscode.Range(at, at), { title: l.title, tooltip: l.tooltip, command: COMMAND_IDS.showStatementSummary, arguments: [doc.uri, l.start] });
      });
    } catch (err) {
      console.error('[kms-lens] code lens failed', err);
      return [];
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
