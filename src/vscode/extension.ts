/**
 * Activation: build the services once, register every provider, and push every
 * disposable to the context. The same file is the Node and the browser entry.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { alarmPatternCommand } from './alarmPattern';
import { generatePolicyCommand } from './generatePolicy';
import type { KmsLensApi } from './api';
import { ARCHIVE_EDITOR, ARCHIVE_SCHEME, ArchiveEditorProvider, ArchiveFileSystem } from './archive';
import { cloudTrailCommands } from './cloudtrailCommands';
import { CodeActionProvider } from './codeActions';
import { SummaryCodeLensProvider } from './codeLensProvider';
import { registerCommands } from './commands';
import { CompletionProvider } from './completionProvider';
import { DiagnosticsController } from './diagnostics';
import { editingCommands } from './editingCommands';
import { GrantsIndex } from './grantsIndex';
import { GRANTS_VIEW_IDS, GrantsView } from './grantsView';
import { setExtensionUri } from './formats';
import { HoverProvider } from './hoverProvider';
import { LongWork } from './longWork';
import { ModelCache } from './modelCache';
import { PolicyIndex } from './policyIndex';
import type { AnalysisContext, KnownKeyPolicies } from '../core';
import { RuleDocs } from './ruleDocs';
import { SEMANTIC_TOKENS_LEGEND, SemanticTokensProvider } from './semanticTokens';

/** Languages whose documents may be policies or CloudTrail data (YAML, Terraform: templates and modules that hold one). */
export const SELECTOR: vscode.DocumentSelector = ['json', 'jsonc', 'jsonl', 'log', 'plaintext', 'yaml', 'terraform'].map((language) => ({ language }));

export async function activate(context: vscode.ExtensionContext): Promise<KmsLensApi> {
  // Core strings go through @vscode/l10n: give it the bundle VS Code picked for the user's language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  setExtensionUri(context.extensionUri);
  const docs = new RuleDocs(context.extensionUri);
  const cache = new ModelCache();
  const longWork = new LongWork();
  const diagnostics = new DiagnosticsController(cache, docs, longWork);
  // The workspace's key policies, once the index exists (it needs the grants index, built below).
  const policies: { index?: PolicyIndex } = {};
  const knownPolicies = (): KnownKeyPolicies | undefined => policies.index?.known;
  context.subscriptions.push(
    longWork,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new CodeActionProvider(diagnostics), {
      providedCodeActionKinds: CodeActionProvider.providedCodeActionKinds,
    }),
    vscode.languages.registerHoverProvider(SELECTOR, new HoverProvider(cache, knownPolicies)),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new CompletionProvider(cache), ...CompletionProvider.triggerCharacters),
    // CloudTrail: read-only .json.gz archives.
    vscode.workspace.registerFileSystemProvider(ARCHIVE_SCHEME, new ArchiveFileSystem(), { isReadonly: true, isCaseSensitive: true }),
    vscode.window.registerCustomEditorProvider(ARCHIVE_EDITOR, new ArchiveEditorProvider(), { supportsMultipleEditorsPerDocument: true }),
  );
  const semanticTokens = new SemanticTokensProvider(cache);
  context.subscriptions.push(semanticTokens, vscode.languages.registerDocumentSemanticTokensProvider(SELECTOR, semanticTokens, SEMANTIC_TOKENS_LEGEND));
  const lenses = new SummaryCodeLensProvider(cache, diagnostics);
  context.subscriptions.push(lenses, vscode.languages.registerCodeLensProvider(SELECTOR, lenses));
  const grantsIndex = new GrantsIndex(cache, GRANTS_VIEW_IDS, longWork);
  const grantsView = new GrantsView(grantsIndex);
  context.subscriptions.push(grantsIndex, grantsView);
  const policyIndex = new PolicyIndex(cache, grantsIndex);
  policies.index = policyIndex;
  context.subscriptions.push(
    policyIndex,
    policyIndex.onDidChange((c) => {
      diagnostics.refreshLogs(c.keys);
      diagnostics.refreshDocuments(c.documents);
    }),
    // The open logs changed: the files holding a key's current policy are judged against them again (only those files).
    grantsIndex.onDidChange(() => diagnostics.refreshDocuments(policyIndex.documentsWithKeys)),
  );
  diagnostics.useContext((doc) => analysisContext(doc, policyIndex, grantsIndex));

  // Every command, from one table, registered once.
  registerCommands(context, {
    ...editingCommands(),
    ...cloudTrailCommands(cache, longWork),
    ...alarmPatternCommand(grantsIndex),
    ...generatePolicyCommand(grantsIndex),
    ...grantsView.commands(),
    ...docs.commands(),
  });

  return {
    analysis(uri) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const result = doc && diagnostics.resultFor(doc);
      return result ? { kind: result.model.kind, findings: result.findings } : undefined;
    },
    lastRun: (uri) => diagnostics.lastRun(uri),
    onDidAnalyze: diagnostics.onDidAnalyze,
    grants: () => grantsIndex.model,
    settledGrants: () => grantsIndex.settled(),
    settledKeyPolicies: async () => (await policyIndex.settled()).size,
    onDidChangeGrants: grantsIndex.onDidChange,
    grantsTree: grantsView.provider,
    grantsViewChrome: () => grantsView.chrome,
    longWork: () => longWork.tasks(),
    onDidStartLongWork: longWork.onDidStart,
  };
}

/** What the workspace says about a document: the known key policies, and for a key's current policy the open logs. */
function analysisContext(doc: vscode.TextDocument, policyIndex: PolicyIndex, grantsIndex: GrantsIndex): AnalysisContext {
  const keys = policyIndex.keysOfDocument(doc.uri);
  const logs = keys ? grantsIndex.sources.filter((s) => s.model.kind === 'cloudTrail') : [];
  return keys && logs.length > 0 ? { known: policyIndex.known, usage: { logs, keys } } : { known: policyIndex.known };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
