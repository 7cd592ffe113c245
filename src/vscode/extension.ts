/**
 * Activation: build what every document needs, register every provider, and
 * push every disposable to the context. VS Code activates KMS Lens for every
 * JSON, YAML and Terraform file, most of them no KMS document: activation
 * reads a document and tells whether it is ours (ModelCache, over
 * src/core/reading.ts) and publishes its diagnostics (DiagnosticsController);
 * the engine (engine.ts: rules, hovers, grants, commands) starts on first
 * need, through the providers of lazyProviders.ts. The same file is the Node
 * and the browser entry.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { KmsLensApi } from './api';
import { ARCHIVE_EDITOR, ARCHIVE_SCHEME, ArchiveEditorProvider, ArchiveFileSystem } from './archive';
import { registerCommands } from './commands';
import { DiagnosticsController } from './diagnostics';
import type { Shell } from './engine';
import { EngineLoader } from './engineLoader';
import { setExtensionUri } from './formats';
import { LazyProviders } from './lazyProviders';
import { LongWork } from './longWork';
import { ModelCache } from './modelCache';
import { CODE_ACTION_KINDS, COMPLETION_TRIGGERS, SEMANTIC_TOKENS_LEGEND } from './registration';

/** Languages whose documents may be policies or CloudTrail data (YAML, Terraform: templates and modules that hold one). */
export const SELECTOR: vscode.DocumentSelector = ['json', 'jsonc', 'jsonl', 'log', 'plaintext', 'yaml', 'terraform'].map((language) => ({ language }));

export async function activate(context: vscode.ExtensionContext): Promise<KmsLensApi> {
  // Core strings go through @vscode/l10n: give it the bundle VS Code picked for the user's language.
  // The engine uses this same module (esbuild.js), so its strings are translated too.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  setExtensionUri(context.extensionUri);
  const cache = new ModelCache();
  const longWork = new LongWork();
  // What the engine works with when it starts (built below; the engine never starts during activation).
  const shell = (): Shell => ({ context, cache, longWork, diagnostics, grantsViews });
  const engine: EngineLoader = new EngineLoader(shell);
  const diagnostics: DiagnosticsController = new DiagnosticsController(cache, longWork, () => engine.get().diagnostics);
  const lazy = new LazyProviders(engine, cache);
  const grantsViews = lazy.createGrantsViews();
  context.subscriptions.push(
    engine,
    lazy,
    longWork,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(SELECTOR, lazy.codeActions, { providedCodeActionKinds: CODE_ACTION_KINDS }),
    vscode.languages.registerHoverProvider(SELECTOR, lazy.hover),
    vscode.languages.registerCompletionItemProvider(SELECTOR, lazy.completion, ...COMPLETION_TRIGGERS),
    // CloudTrail: read-only .json.gz archives.
    vscode.workspace.registerFileSystemProvider(ARCHIVE_SCHEME, new ArchiveFileSystem(), { isReadonly: true, isCaseSensitive: true }),
    vscode.window.registerCustomEditorProvider(ARCHIVE_EDITOR, new ArchiveEditorProvider(), { supportsMultipleEditorsPerDocument: true }),
    vscode.languages.registerDocumentSemanticTokensProvider(SELECTOR, lazy.semanticTokens, SEMANTIC_TOKENS_LEGEND),
    vscode.languages.registerCodeLensProvider(SELECTOR, lazy.lenses),
  );

  // Every command, from one table, registered once.
  registerCommands(context, lazy.commands());

  return {
    analysis(uri) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const result = doc && diagnostics.resultFor(doc);
      return result ? { kind: result.model.kind, findings: result.findings } : undefined;
    },
    lastRun: (uri) => diagnostics.lastRun(uri),
    onDidAnalyze: diagnostics.onDidAnalyze,
    grants: () => engine.get().grantsIndex.model,
    settledGrants: () => engine.get().grantsIndex.settled(),
    settledKeyPolicies: async () => (await engine.get().policyIndex.settled()).size,
    onDidChangeGrants: (listener, thisArgs, disposables) => engine.get().grantsIndex.onDidChange(listener, thisArgs, disposables),
    grantsTree: lazy.grantsTree,
    grantsViewChrome: () => engine.get().grantsView.chrome,
    longWork: () => longWork.tasks(),
    onDidStartLongWork: longWork.onDidStart,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
