/**
 * Reads the files of a run one at a time, in this process or in worker
 * threads, and hands what is kept of each back in the files' order (path
 * order), so the output is the same whatever `--jobs` says. Only the compact
 * results cross back: the texts live in a worker while it reads them.
 */
import * as l10n from '@vscode/l10n';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { runTask, type Task, type TaskResult } from './fileWork';
import type { InputFile } from './files';
import { currentLocale } from './locale';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker';

/** `--jobs` by default: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism());
}

export interface PoolOptions {
  /** `--jobs`: 1 reads every file in this process. */
  jobs: number;
  /** The script a worker runs: the CLI's own (main.ts serves files when it starts as a worker). */
  workerFile: string;
  /** The main thread loaded the Terraform parser: the workers load it too. */
  terraform: boolean;
  /** Reads standard input (`-`), in this process. */
  readStdin?: () => string;
}

/** Files each worker has queued, so that it never waits for the main thread between two files. */
const QUEUED_PER_WORKER = 2;

/**
 * Runs the task on every file and calls `onResult` for each, in the files'
 * order. Standard input, a single file and `--jobs 1` are read in this
 * process: a worker costs its start, and reads stdin from no one.
 */
export async function runFiles(files: readonly InputFile[], task: Task, options: PoolOptions, onResult: (result: TaskResult, file: InputFile) => void): Promise<void> {
  const workers = Math.min(options.jobs, files.length);
  if (workers <= 1 || files.some((f) => f.stdin)) {
    for (const file of files) onResult(runTask(task, file, options.readStdin), file);
    return;
  }
  await inWorkers(files, task, options, workers, onResult);
}

function inWorkers(files: readonly InputFile[], task: Task, options: PoolOptions, count: number, onResult: (result: TaskResult, file: InputFile) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const setup: WorkerSetup = { kmsLensWorker: true, task, terraform: options.terraform, locale: currentLocale() };
    const pending = new Map<number, TaskResult>();
    const threads: Worker[] = [];
    let nextToSend = 0;
    let nextToHand = 0;
    let failed = false;

    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      for (const t of threads) void t.terminate();
      reject(err);
    };
    const send = (worker: Worker): void => {
      const request: WorkerRequest = nextToSend < files.length ? { index: nextToSend, file: files[nextToSend++] } : null;
      worker.postMessage(request);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(options.workerFile, { workerData: setup });
      threads.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        pending.set(reply.index, reply.result);
        // Results are handed on in the files' order: one that comes early waits for those before it.
        for (let r = pending.get(nextToHand); r !== undefined; r = pending.get(nextToHand)) {
          pending.delete(nextToHand);
          try {
            onResult(r, files[nextToHand++]);
          } catch (err) {
            fail(err as Error);
            return;
          }
        }
        if (nextToHand === files.length) {
          for (const t of threads) void t.terminate();
          resolve();
        } else send(worker);
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (code !== 0 && nextToHand < files.length) fail(new Error(l10n.t('a worker thread stopped (exit code {0})', code)));
      });
      for (let q = 0; q < QUEUED_PER_WORKER; q++) send(worker);
    }
  });
}
