/**
 * The extension's engine: the rules, hovers, completions, quick fixes,
 * semantic tokens and statement summaries, the grants and key-policy indexes,
 * the grants view and every command. Activation (extension.ts) does not load
 * it: it starts on first need (the first KMS document analysed or hovered,
 * the grants view opened, a command run). The Node build ships it as
 * dist/engine.js, which takes every module activation already loaded (the
 * l10n configuration, the model cache, the diagnostics controller) from
 * dist/extension.js instead of a copy of its own (esbuild.js); the browser
 * build keeps it in its one file.
 */
import * as vscode from 'vscode';
import { getKmsLensService, type AnalysisContext } from '../core';
import { alarmPatternCommand } from './alarmPattern';
import { cloudTrailCommands } from './cloudtrailCommands';
import { CodeActionProvider } from './codeActions';
import { SummaryCodeLensProvider } from './codeLensProvider';
import type { CommandHandlers } from './commands';
import { CompletionProvider } from './completionProvider';
import type { DiagnosticsController, DiagnosticsEngine } from './diagnostics';
import { editingCommands } from './editingCommands';
import { generatePolicyCommand } from './generatePolicy';
import { GrantsIndex } from './grantsIndex';
import { GrantsView } from './grantsView';
import { HoverProvider } from './hoverProvider';
import type { LongWork } from './longWork';
import type { ModelCache } from './modelCache';
import { PolicyIndex } from './policyIndex';
import { GRANTS_VIEW_IDS } from './registration';
import { RuleDocs } from './ruleDocs';
import { SemanticTokensProvider } from './semanticTokens';

const core = getKmsLensService();

/** What activation built and hands over: the engine works with these, never with copies. */
export interface Shell {
  context: vscode.ExtensionContext;
  cache: ModelCache;
  longWork: LongWork;
  diagnostics: DiagnosticsController;
  /** The grants views, created at activation (their provider asks for the engine when a view is opened). */
  grantsViews: readonly vscode.TreeView<unknown>[];
}

export interface Engine {
  diagnostics: DiagnosticsEngine;
  hover: HoverProvider;
  completion: CompletionProvider;
  codeActions: CodeActionProvider;
  semanticTokens: SemanticTokensProvider;
  lenses: SummaryCodeLensProvider;
  grantsIndex: GrantsIndex;
  grantsView: GrantsView;
  policyIndex: PolicyIndex;
  commands: CommandHandlers;
}

/** Builds the engine once, over the shell's objects; everything it starts is disposed with the extension. */
export function startEngine(shell: Shell): Engine {
  const { context, cache, longWork, diagnostics } = shell;
  const docs = new RuleDocs(context.extensionUri);
  const semanticTokens = new SemanticTokensProvider(cache);
  const lenses = new SummaryCodeLensProvider(cache, diagnostics);
  const grantsIndex = new GrantsIndex(cache, GRANTS_VIEW_IDS, longWork);
  const grantsView = new GrantsView(grantsIndex, shell.grantsViews);
  const policyIndex = new PolicyIndex(cache, grantsIndex);
  context.subscriptions.push(
    semanticTokens,
    lenses,
    grantsIndex,
    grantsView,
    policyIndex,
    policyIndex.onDidChange((c) => {
      diagnostics.refreshLogs(c.keys);
      diagnostics.refreshDocuments(c.documents);
    }),
    // The open logs changed: the files holding a key's current policy are judged against them again (only those files).
    grantsIndex.onDidChange(() => diagnostics.refreshDocuments(policyIndex.documentsWithKeys)),
  );
  diagnostics.useContext((doc) => analysisContext(doc, policyIndex, grantsIndex));
  return {
    diagnostics: {
      findings: (model, settings, analysisContext) => core.findings(model, settings, analysisContext),
      findingsInChunks: (model, settings, control, analysisContext) => core.findingsInChunks(model, settings, control, analysisContext),
      link: (code) => docs.link(code),
      keysOfLogs: (logs) => core.keysOfLogs(logs),
    },
    hover: new HoverProvider(cache, () => policyIndex.known),
    completion: new CompletionProvider(cache),
    codeActions: new CodeActionProvider(diagnostics),
    semanticTokens,
    lenses,
    grantsIndex,
    grantsView,
    policyIndex,
    commands: {
      ...editingCommands(),
      ...cloudTrailCommands(cache, longWork),
      ...alarmPatternCommand(grantsIndex),
      ...generatePolicyCommand(grantsIndex),
      ...grantsView.commands(),
      ...docs.commands(),
    },
  };
}

/** What the workspace says about a document: the known key policies, and for a key's current policy the open logs. */
function analysisContext(doc: vscode.TextDocument, policyIndex: PolicyIndex, grantsIndex: GrantsIndex): AnalysisContext {
  const keys = policyIndex.keysOfDocument(doc.uri);
  const logs = keys ? grantsIndex.sources.filter((s) => s.model.kind === 'cloudTrail') : [];
  return keys && logs.length > 0 ? { known: policyIndex.known, usage: { logs, keys } } : { known: policyIndex.known };
}
