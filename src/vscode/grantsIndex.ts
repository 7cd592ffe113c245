/**
 * Keeps the grants model in step with the open documents: rebuilt (debounced)
 * when a document opens, changes or closes, or when settings change, from the
 * shared ModelCache, so a log parsed for diagnostics is not parsed again.
 * Facts are cached per model (one per document version), so a change to one
 * document re-reads that one only; a change that leaves every source as it
 * was (typing in a policy) does not rebuild at all.
 *
 * Indexing big logs is long work: a cancellable progress notification (and a
 * progress bar in the view). Cancelled, the logs not indexed yet are left out
 * of the view until they change or the user presses Refresh; the view says so.
 */
import * as vscode from 'vscode';
import { getKmsLensService, type GrantsModel, type GrantsSource } from '../core';
import { TYPING_DELAY } from './delays';
import { isCandidate } from './documents';
import { yieldToWindow, type LongWork, type WorkProgress } from './longWork';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

const core = getKmsLensService();

/** Delay after a document opens or closes: several at once (a folder of logs) make one rebuild. */
const OPEN_DELAY = 50;
/** Documents at least this long (characters) get a progress indicator while they are indexed. */
const BIG_DOCUMENT = 1024 * 1024;

export const EMPTY_GRANTS: GrantsModel = { keys: [], attempts: [], sources: [], duplicates: 0 };

export class GrantsIndex implements vscode.Disposable {
  private current: GrantsModel = EMPTY_GRANTS;
  private lastSources: GrantsSource[] = [];
  private readonly indexedVersions = new Map<string, number>();
  /** Versions of documents whose indexing the user cancelled: left out until they change or Refresh. */
  private readonly skipped = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private running: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<GrantsModel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** Fires after each rebuild that changed the model. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly cache: ModelCache, private readonly progressViews: readonly string[], private readonly longWork: LongWork) {
    this.subscriptions.push(
      this.changed,
      // Output channels and other documents that are not ours change all the time: they are no reason to rebuild.
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (isCandidate(d)) this.schedule(OPEN_DELAY);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.indexedVersions.delete(d.uri.toString());
        this.skipped.delete(d.uri.toString());
        if (isCandidate(d)) this.schedule(OPEN_DELAY);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isCandidate(e.document)) this.schedule(TYPING_DELAY);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kmsLens')) this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  get model(): GrantsModel {
    return this.current;
  }

  /** The open logs the model was last built from (what a least-privilege policy is generated from). */
  get sources(): readonly GrantsSource[] {
    return this.lastSources;
  }

  /** Open logs left out because the user cancelled their indexing (and that have not changed since). */
  get skippedCount(): number {
    return vscode.workspace.textDocuments.filter((d) => !d.isClosed && this.skipped.get(d.uri.toString()) === d.version).length;
  }

  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  /**
   * Rebuilds now; resolves when the model reflects the documents open at the
   * time of the call. `retry`: index again the logs whose indexing was cancelled (Refresh).
   */
  async refresh(retry = false): Promise<void> {
    if (retry) this.skipped.clear();
    const generation = ++this.generation;
    const docs = vscode.workspace.textDocuments.filter((d) => !d.isClosed && isCandidate(d) && readSettings(d.uri).enable);
    const toIndex = docs.filter((d) => this.needsIndexing(d) && lengthOf(d) >= BIG_DOCUMENT);
    const big = toIndex.length > 0;
    let work: Promise<void>;
    if (big) {
      const title = toIndex.length === 1
        ? vscode.l10n.t('KMS Lens: indexing {0} for the grants view', toIndex[0].uri.path.split('/').pop() ?? '')
        : vscode.l10n.t('KMS Lens: indexing {0} logs for the grants view', toIndex.length);
      work = Promise.resolve(this.longWork.run(title, (progress) => this.rebuild(docs, generation, progress)));
      void vscode.commands.executeCommand('setContext', 'kmsLens.grants.indexing', true);
      for (const viewId of this.progressViews) void vscode.window.withProgress({ location: { viewId } }, () => work);
    } else {
      work = this.rebuild(docs, generation);
    }
    this.running = work;
    try {
      await work;
    } finally {
      if (big) void vscode.commands.executeCommand('setContext', 'kmsLens.grants.indexing', false);
    }
  }

  /** Resolves once no rebuild is pending or running (for tests and commands that need the latest model). */
  async settled(): Promise<GrantsModel> {
    while (this.timer || this.running) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
        await this.refresh();
      } else {
        const r = this.running;
        await r;
        if (this.running === r) this.running = undefined;
      }
    }
    return this.current;
  }

  /** A document not indexed at its current version, and not left out by a cancel. */
  private needsIndexing(doc: vscode.TextDocument): boolean {
    const key = doc.uri.toString();
    return this.indexedVersions.get(key) !== doc.version && this.skipped.get(key) !== doc.version;
  }

  private async rebuild(docs: vscode.TextDocument[], generation: number, progress?: WorkProgress): Promise<void> {
    // Let the progress indicator reach the window before the parse takes the thread.
    if (progress) await yieldToWindow();
    const sources: GrantsSource[] = [];
    const skippedBefore = this.skippedCount;
    const bigOnes = docs.filter((d) => this.needsIndexing(d) && lengthOf(d) >= BIG_DOCUMENT);
    let done = 0;
    try {
      for (const doc of docs) {
        if (doc.isClosed) continue;
        const key = doc.uri.toString();
        if (this.skipped.get(key) === doc.version) continue;
        const big = bigOnes.includes(doc);
        // Cancelled: the big logs not indexed yet stay out (their parse is what takes long).
        if (big && progress?.token.isCancellationRequested) {
          this.skipped.set(key, doc.version);
          continue;
        }
        const model = this.cache.get(doc, readSettings(doc.uri).analysis.maxFileSize);
        if (big && progress) {
          progress.report(++done, bigOnes.length, doc.uri.path.split('/').pop());
          await yieldToWindow();
          // Cancelled while it was parsed: its facts are the rest of the work; leave it out too.
          if (progress.token.isCancellationRequested) {
            this.skipped.set(key, doc.version);
            continue;
          }
        }
        this.indexedVersions.set(key, doc.version);
        if (core.feedsKeys(model)) sources.push({ id: key, model });
        if (generation !== this.generation) return; // a newer rebuild started: it will finish the job
      }
      if (sameSources(sources, this.lastSources) && this.skippedCount === skippedBefore) return;
      this.lastSources = sources;
      this.current = core.grants(sources);
      this.changed.fire(this.current);
    } catch (err) {
      // The core does not throw by design; if it ever does, the view keeps its last model.
      console.error('[kms-lens] grants indexing failed', err);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The document's length without copying its text (getText() of a 40 MB log is a 40 MB string). */
function lengthOf(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

function sameSources(a: readonly GrantsSource[], b: readonly GrantsSource[]): boolean {
  return a.length === b.length && a.every((s, i) => s.id === b[i].id && s.model === b[i].model);
}
