/**
 * What activation registers with VS Code in place of the engine's providers,
 * commands and grants view: each hands the request to the engine, and loads
 * it only when the engine could have something to say. For a document that
 * is not a KMS document (package.json, tsconfig.json, a YAML workflow) every
 * provider of the engine answers nothing (each checks the same three things:
 * KMS Lens is on, the document is a candidate, its model is not `other`), so
 * these answer nothing for it without loading the engine.
 */
import * as vscode from 'vscode';
import { COMMAND_IDS, type CommandHandlers, type CommandName } from './commands';
import { isCandidate } from './documents';
import type { Engine } from './engine';
import type { EngineLoader } from './engineLoader';
import type { GrantsNode } from './grantsTree';
import type { ModelCache } from './modelCache';
import { GRANTS_VIEW_IDS } from './registration';
import { readSettings } from './settings';

/**
 * Documents longer than this are not parsed here to decide (a hover in a big log uses only a model the
 * analysis built; semantic tokens skip documents over 1 MB): without a model the engine decides.
 */
const PARSE_LIMIT = 1024 * 1024;

/** Could the engine's providers say anything about this document? Loads nothing; parses small documents (the model is cached for the analysis). */
export function mayBeOurs(doc: vscode.TextDocument, cache: ModelCache): boolean {
  const settings = readSettings(doc.uri);
  if (!settings.enable || !isCandidate(doc)) return false;
  const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
  const model = cache.fresh(doc, settings.analysis.maxFileSize) ?? (length <= PARSE_LIMIT ? cache.get(doc, settings.analysis.maxFileSize) : undefined);
  return model === undefined || model.kind !== 'other';
}

/** An event that fires whenever the engine's own event fires, once the engine has loaded. */
function forwarded<T>(loader: EngineLoader, event: (e: Engine) => vscode.Event<T>, subscriptions: vscode.Disposable[]): vscode.Event<T> {
  const emitter = new vscode.EventEmitter<T>();
  subscriptions.push(emitter, loader.onDidLoad((engine) => subscriptions.push(event(engine)((value) => emitter.fire(value)))));
  return emitter.event;
}

export class LazyProviders implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly hover: vscode.HoverProvider;
  readonly completion: vscode.CompletionItemProvider;
  readonly codeActions: vscode.CodeActionProvider;
  readonly semanticTokens: vscode.DocumentSemanticTokensProvider;
  readonly lenses: vscode.CodeLensProvider;
  /** The grants view's provider: opening the view is a need for the engine (its grants index). */
  readonly grantsTree: vscode.TreeDataProvider<GrantsNode>;

  constructor(private readonly loader: EngineLoader, private readonly cache: ModelCache) {
    this.hover = {
      provideHover: (doc, position) => this.engineFor(doc)?.hover.provideHover(doc, position),
    };
    this.completion = {
      provideCompletionItems: (doc, position) => this.engineFor(doc)?.completion.provideCompletionItems(doc, position) ?? [],
    };
    this.codeActions = {
      provideCodeActions: (doc, range, context) => this.engineFor(doc)?.codeActions.provideCodeActions(doc, range, context) ?? [],
      // Only the engine's actions get here, so the engine has loaded.
      resolveCodeAction: (action) => loader.get().codeActions.resolveCodeAction(action),
    };
    this.semanticTokens = {
      onDidChangeSemanticTokens: forwarded(loader, (e) => e.semanticTokens.onDidChangeSemanticTokens, this.subscriptions),
      provideDocumentSemanticTokens: (doc, token) => this.engineFor(doc)?.semanticTokens.provideDocumentSemanticTokens(doc, token),
    };
    this.lenses = {
      onDidChangeCodeLenses: forwarded(loader, (e) => e.lenses.onDidChangeCodeLenses, this.subscriptions),
      provideCodeLenses: (doc) => this.engineFor(doc)?.lenses.provideCodeLenses(doc) ?? [],
    };
    this.grantsTree = {
      onDidChangeTreeData: forwarded(loader, (e) => e.grantsView.provider.onDidChangeTreeData, this.subscriptions),
      getTreeItem: (node) => loader.get().grantsView.provider.getTreeItem(node),
      getChildren: (node) => loader.get().grantsView.provider.getChildren(node),
      getParent: (node) => loader.get().grantsView.provider.getParent(node),
    };
  }

  /** The engine, when the document may be ours or the engine has loaded anyway; undefined otherwise. */
  private engineFor(doc: vscode.TextDocument): Engine | undefined {
    try {
      return this.loader.current ?? (mayBeOurs(doc, this.cache) ? this.loader.get() : undefined);
    } catch (err) {
      console.error('[kms-lens] the engine did not load', err);
      return undefined;
    }
  }

  /** Every command of the table: running one loads the engine and runs its handler. */
  commands(): CommandHandlers {
    const handlers = {} as CommandHandlers;
    for (const name of Object.keys(COMMAND_IDS) as CommandName[]) handlers[name] = (...args: unknown[]) => this.loader.get().commands[name](...args);
    return handlers;
  }

  /** The grants views, created now so that they have a provider when the user opens them. */
  createGrantsViews(): vscode.TreeView<GrantsNode>[] {
    const views = GRANTS_VIEW_IDS.map((id) => vscode.window.createTreeView(id, { treeDataProvider: this.grantsTree, showCollapseAll: true }));
    this.subscriptions.push(...views);
    return views;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
