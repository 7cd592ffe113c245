/**
 * Keeps one DiagnosticCollection in step with the open documents: debounced
 * per document, stale results dropped, cleared when a document closes or stops
 * being a policy or event file, re-run at once when settings change.
 */
import * as vscode from 'vscode';
import type { AnalysisContext, DocumentModel, Finding, RunControl } from '../core';
import { needsFormats, type AnalysisSettings } from '../core/reading';
import { toDiagnostic } from './convert';
import { TYPING_DELAY } from './delays';
import { hintsFor, isCandidate } from './documents';
import { prepareFormats } from './formats';
import { yieldToWindow, type LongWork } from './longWork';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

/**
 * What the diagnostics need of the engine (engine.ts): the rules, and the links to their pages. The
 * controller itself is part of activation; it asks for the engine, which loads it, only for a
 * document whose model is not `other`, so that package.json and tsconfig.json never load the rules.
 */
export interface DiagnosticsEngine {
  findings(model: DocumentModel, settings: AnalysisSettings, context: AnalysisContext): Finding[];
  findingsInChunks(model: DocumentModel, settings: AnalysisSettings, control: RunControl, context: AnalysisContext): Promise<Finding[] | undefined>;
  /** The code target of a finding of rule `code` (its page). */
  link(code: string): vscode.Uri | undefined;
  /** The keys the events of these logs are about (to analyse again only the logs about a changed key policy). */
  keysOfLogs(logs: ReadonlyArray<{ id: string; model: DocumentModel }>): Iterable<string>;
}

/** Documents with more events than this are analysed in chunks, with a progress notification that can cancel. */
const BIG_LOG_EVENTS = 5000;
/** Events analysed between two yields to the extension host. */
const CHUNK = 2000;

/** A longer pause for big documents: re-parsing a 40 MB log on every pause in typing helps nobody. */
function typingDelay(doc: vscode.TextDocument): number {
  const size = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
  return Math.min(3000, TYPING_DELAY + Math.floor(size / (1024 * 1024)) * 60);
}

/** Told after every analysis run, including runs that found the document is not ours. */
export interface AnalysisEvent {
  uri: vscode.Uri;
  version: number;
  kind: DocumentModel['kind'] | 'ignored';
}

export interface AnalysisResult {
  version: number;
  model: DocumentModel;
  findings: Finding[];
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kms-lens');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, AnalysisResult>();
  private readonly lastRuns = new Map<string, AnalysisEvent>();
  private readonly changed = new vscode.EventEmitter<AnalysisEvent>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Chunked runs in progress, by URI: a newer run for the same document cancels the older one. */
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  /** Versions whose analysis the user cancelled: not analysed again until they change. */
  private readonly cancelled = new Map<string, number>();

  /** What the workspace says about a document (key policies for the events, open logs for a key's policy); set once at activation. */
  private context: (doc: vscode.TextDocument) => AnalysisContext = () => ({});

  /** Fires after each analysis of a document (also when it turned out not to be a KMS document). */
  readonly onDidAnalyze = this.changed.event;

  constructor(private readonly cache: ModelCache, private readonly longWork: LongWork, private readonly engine: () => DiagnosticsEngine) {
    this.subscriptions.push(
      this.collection,
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const s = readSettings(e.document.uri);
        // Untitled documents cannot be saved, so they are analysed as they change whatever `run` says.
        if (s.run === 'onType' || e.document.isUntitled) this.schedule(e.document, typingDelay(e.document));
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kmsLens')) this.refreshAll();
      }),
    );
    this.refreshAll();
  }

  /** The latest analysis of a document, if it is current. */
  resultFor(doc: vscode.TextDocument): AnalysisResult | undefined {
    const r = this.results.get(doc.uri.toString());
    return r && r.version === doc.version ? r : undefined;
  }

  /** What the last analysis of a document found (also 'other' or 'ignored'). */
  lastRun(uri: vscode.Uri): AnalysisEvent | undefined {
    return this.lastRuns.get(uri.toString());
  }

  private announce(e: AnalysisEvent): void {
    this.lastRuns.set(e.uri.toString(), e);
    this.changed.fire(e);
  }

  /** Analyse documents with what the workspace says about them (policyIndex.ts, grantsIndex.ts) from now on. */
  useContext(context: (doc: vscode.TextDocument) => AnalysisContext): void {
    this.context = context;
    this.refreshLogs();
  }

  /**
   * Analyses the open CloudTrail logs again (the key policies they are judged
   * against changed); given `keys`, only the logs with events on one of them:
   * editing a mapped policy need not analyse a big log about other keys again.
   */
  refreshLogs(keys?: ReadonlySet<string>): void {
    if (keys?.size === 0) return;
    for (const doc of vscode.workspace.textDocuments) {
      if (this.lastRuns.get(doc.uri.toString())?.kind !== 'cloudTrail') continue;
      const model = keys && this.cache.peek(doc.uri);
      if (model && ![...this.engine().keysOfLogs([{ id: doc.uri.toString(), model }])].some((k) => keys.has(k))) continue;
      this.schedule(doc, 0);
    }
  }

  /** Analyses these open documents (URIs) again, after a short pause (what they are judged against changed). */
  refreshDocuments(uris: Iterable<string>): void {
    const wanted = new Set(uris);
    if (wanted.size === 0) return;
    for (const doc of vscode.workspace.textDocuments) if (wanted.has(doc.uri.toString())) this.schedule(doc, TYPING_DELAY);
  }

  refreshAll(): void {
    this.cancelled.clear();
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.analyze(doc);
    }, delay));
  }

  private analyze(doc: vscode.TextDocument): void {
    if (doc.isClosed) return this.clear(doc.uri);
    const settings = readSettings(doc.uri);
    if (!settings.enable || !isCandidate(doc)) return this.clear(doc.uri, doc.version);
    // A Terraform file before its parser has loaded: load it, then analyse the document again.
    if (needsFormats(hintsFor(doc))) {
      prepareFormats().then(() => this.schedule(doc, 0), (err: unknown) => console.error('[kms-lens] the Terraform parser did not load', err));
      return;
    }
    const key = doc.uri.toString();
    if (this.cancelled.get(key) === doc.version) return;
    this.running.get(key)?.cancel();
    const version = doc.version;
    let model: DocumentModel;
    let findings: Finding[] | undefined;
    try {
      model = this.cache.get(doc, settings.analysis.maxFileSize);
      if (model.records.length > BIG_LOG_EVENTS) {
        void this.analyzeInChunks(doc, version, model, settings.analysis);
        return;
      }
      // A document that is not ours has no findings (the rules' runner says so too): no need to load them.
      findings = model.kind === 'other' ? [] : this.engine().findings(model, settings.analysis, this.context(doc));
    } catch (err) {
      // The core does not throw by design; if it ever does, the editor must not notice.
      console.error('[kms-lens] analysis failed', err);
      return this.clear(doc.uri);
    }
    this.publish(doc, version, model, findings);
  }

  /**
   * A big log: the rules run in chunks of events, yielding to the extension
   * host between them, under a progress notification whose Cancel stops the
   * run (the document is then left without diagnostics until it changes).
   * A newer run for the same document cancels this one without that mark.
   */
  private async analyzeInChunks(doc: vscode.TextDocument, version: number, model: DocumentModel, analysis: ReturnType<typeof readSettings>['analysis']): Promise<void> {
    const key = doc.uri.toString();
    const source = new vscode.CancellationTokenSource();
    this.running.set(key, source);
    const name = doc.uri.path.split('/').pop() ?? doc.uri.toString();
    try {
      const findings = await this.longWork.run(vscode.l10n.t('KMS Lens: analysing {0}', name), async (progress) => {
        const stopped = (): boolean => {
          // Cancelled by the user (not by a newer run): not analysed again until the document changes.
          if (progress.token.isCancellationRequested && !source.token.isCancellationRequested) this.cancelled.set(key, version);
          return progress.token.isCancellationRequested || doc.isClosed || doc.version !== version;
        };
        return this.engine().findingsInChunks(model, analysis, {
          chunkSize: CHUNK,
          pause: yieldToWindow,
          isCancelled: stopped,
          onProgress: (done, total) => progress.report(done, total, vscode.l10n.t('{0} of {1} events', done, total)),
        }, this.context(doc));
      }, source.token);
      if (findings === undefined) {
        if (this.cancelled.get(key) === version) this.clear(doc.uri, version, model.kind);
        return;
      }
      this.publish(doc, version, model, findings);
    } catch (err) {
      console.error('[kms-lens] analysis failed', err);
      this.clear(doc.uri);
    } finally {
      if (this.running.get(key) === source) this.running.delete(key);
      source.dispose();
    }
  }

  private publish(doc: vscode.TextDocument, version: number, model: DocumentModel, findings: Finding[]): void {
    // The document may have changed while we worked: a newer run is already scheduled.
    if (doc.isClosed || doc.version !== version) return;
    if (model.kind === 'other') return this.clear(doc.uri, version, 'other');
    this.results.set(doc.uri.toString(), { version, model, findings });
    this.collection.set(doc.uri, shownFindings(doc, findings).map((f) => toDiagnostic(doc, f, (c) => this.engine().link(c))));
    this.announce({ uri: doc.uri, version, kind: model.kind });
  }

  clear(uri: vscode.Uri, version = -1, kind: AnalysisEvent['kind'] = 'ignored'): void {
    const key = uri.toString();
    if (version === -1) this.cancelled.delete(key);
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.cache.delete(uri);
    this.results.delete(key);
    this.collection.delete(uri);
    this.announce({ uri, version, kind });
  }

  dispose(): void {
    for (const r of this.running.values()) r.cancel();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * VS Code's own JSON support validates documents in JSON and JSON with Comments and reports every syntax
 * error there ("Colon expected"): KMS Lens's catch-all `json-syntax` (no quick fix) would say the same thing
 * a second time at the same place. Its other syntax rules stay: they carry the quick fixes VS Code does not
 * offer. JSON Lines, logs and plain text get no validation from VS Code, so they keep `json-syntax`, as the
 * CLI does. Only what is shown changes: Fix all and the code actions read every finding.
 */
function shownFindings(doc: vscode.TextDocument, findings: Finding[]): Finding[] {
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return findings;
  if (vscode.workspace.getConfiguration('json', doc).get<boolean>('validate.enable', true) === false) return findings;
  return findings.filter((f) => f.code !== 'json-syntax');
}
