/**
 * Long work (a big log's analysis, indexing big logs for the grants view,
 * opening a folder of archives) runs under one progress notification in the
 * window's progress area, with a Cancel button. Each task gets a
 * cancellation token that its Cancel button, a newer run of the same work,
 * or the extension's shutdown cancels; the work checks it between its steps.
 *
 * The running tasks are listed (and can be cancelled) through the
 * extension's API, so the integration tests can do what the Cancel button
 * does and check what follows.
 */
import * as vscode from 'vscode';

/** A task as the API shows it. */
export interface LongWorkTask {
  readonly title: string;
  /** What the Cancel button does. */
  cancel(): void;
}

/** What the work is given: a way to say how far it is, and whether to stop. */
export interface WorkProgress {
  /** `done` of `total` steps, with an optional word about the step. */
  report(done: number, total: number, message?: string): void;
  readonly token: vscode.CancellationToken;
}

export class LongWork implements vscode.Disposable {
  private readonly running = new Set<LongWorkTask>();
  private readonly sources = new Set<vscode.CancellationTokenSource>();
  private readonly started = new vscode.EventEmitter<LongWorkTask>();

  /** Fires when a task starts (its notification is up). */
  readonly onDidStart = this.started.event;

  /** The tasks running now. */
  tasks(): LongWorkTask[] {
    return [...this.running];
  }

  /**
   * Runs `work` under a cancellable progress notification. `cancel`, if
   * given, also cancels it (a newer run of the same work). Resolves with
   * what the work returns, even when it stopped early (it decides what a
   * cancelled run returns).
   */
  run<T>(title: string, work: (progress: WorkProgress) => Promise<T>, cancel?: vscode.CancellationToken): Thenable<T> {
    const source = new vscode.CancellationTokenSource();
    this.sources.add(source);
    const outside = cancel?.onCancellationRequested(() => source.cancel());
    const task: LongWorkTask = { title, cancel: () => source.cancel() };
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const button = token.onCancellationRequested(() => source.cancel());
      this.running.add(task);
      this.started.fire(task);
      let reported = 0;
      try {
        return await work({
          token: source.token,
          report: (done, total, message) => {
            const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
            progress.report({ increment: Math.max(0, percent - reported), message });
            reported = Math.max(reported, percent);
          },
        });
      } finally {
        this.running.delete(task);
        button.dispose();
        outside?.dispose();
        this.sources.delete(source);
        source.dispose();
      }
    });
  }

  dispose(): void {
    for (const s of this.sources) s.cancel();
    this.started.dispose();
  }
}

/** Lets the window breathe: the progress notification shows, the Cancel button is heard. */
export function yieldToWindow(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
