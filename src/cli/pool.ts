/**
 * Reads the files of a run one at a time, in this process and in worker
 * threads, and hands what is kept of each back in the files' order (path
 * order), so the output is the same whatever `--jobs` says. Only the compact
 * results cross back: the texts live in a worker while it reads them.
 *
 * `--jobs N` is N threads reading files: this one and N - 1 workers. The main
 * thread has nothing else to do while the workers read, and every worker
 * pays for its start (it loads the CLI's bundle, about a tenth of a second)
 * and for warming up its own compiled code: a thread that reads files from
 * the first moment is worth one more worker started. Files go to workers in
 * batches, so that 2,000 small policies are not 4,000 messages.
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
  /** `--jobs`: the threads that read files; 1 reads every file in this process. */
  jobs: number;
  /** The script a worker runs: the CLI's own (main.ts serves files when it starts as a worker). */
  workerFile: string;
  /** The main thread loaded the Terraform parser: the workers load it too. */
  terraform: boolean;
  /** Reads standard input (`-`), in this process. */
  readStdin?: () => string;
}

/** Batches each worker has queued, so that it never waits for the main thread between two batches. */
const QUEUED_PER_WORKER = 2;
/** The most files in one message to a worker. */
const MAX_BATCH = 32;

/**
 * How many files the next batch holds: big while many files are left (fewer
 * messages), smaller towards the end, so that no thread is left with a long
 * batch while the others have finished.
 */
export function batchSize(remaining: number, threads: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(remaining / (threads * 4))));
}

/** How a run's files were shared out. */
export interface PoolRun {
  /** Files read by worker threads (the others were read in this thread). */
  inWorkers: number;
}

/**
 * Runs the task on every file and calls `onResult` for each, in the files'
 * order. Standard input, a single file and `--jobs 1` are read in this
 * process alone: a worker costs its start, and reads stdin from no one.
 */
export async function runFiles(files: readonly InputFile[], task: Task, options: PoolOptions, onResult: (result: TaskResult, file: InputFile) => void): Promise<PoolRun> {
  const threads = Math.min(options.jobs, files.length);
  if (threads <= 1 || files.some((f) => f.stdin)) {
    for (const file of files) onResult(runTask(task, file, options.readStdin), file);
    return { inWorkers: 0 };
  }
  return withWorkers(files, task, options, threads - 1, onResult);
}

function withWorkers(files: readonly InputFile[], task: Task, options: PoolOptions, workerCount: number, onResult: (result: TaskResult, file: InputFile) => void): Promise<PoolRun> {
  return new Promise((resolve, reject) => {
    const setup: WorkerSetup = { kmsLensWorker: true, task, terraform: options.terraform, locale: currentLocale() };
    const pending = new Map<number, TaskResult>();
    const threads: Worker[] = [];
    let nextToTake = 0;
    let nextToHand = 0;
    let inWorkers = 0;
    let settled = false;

    const stop = (): void => {
      settled = true;
      for (const t of threads) void t.terminate();
    };
    const fail = (err: Error): void => {
      if (settled) return;
      stop();
      reject(err);
    };
    /** Results are handed on in the files' order: one that comes early waits for those before it. */
    const done = (index: number, result: TaskResult): void => {
      pending.set(index, result);
      for (let r = pending.get(nextToHand); r !== undefined && !settled; r = pending.get(nextToHand)) {
        pending.delete(nextToHand);
        try {
          onResult(r, files[nextToHand++]);
        } catch (err) {
          fail(err as Error);
          return;
        }
      }
      if (nextToHand === files.length && !settled) {
        stop();
        resolve({ inWorkers });
      }
    };
    const send = (worker: Worker): void => {
      const count = Math.min(batchSize(files.length - nextToTake, workerCount + 1), files.length - nextToTake);
      const request: WorkerRequest = count > 0 ? { start: nextToTake, files: files.slice(nextToTake, nextToTake + count) } : null;
      nextToTake += count;
      worker.postMessage(request);
    };
    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(options.workerFile, { workerData: setup });
      threads.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        // The first message says the worker is ready (it has loaded the bundle): its queue is filled then,
        // so that files do not wait in a worker still starting while this thread could read them.
        if (reply.start < 0) {
          for (let q = 0; q < QUEUED_PER_WORKER; q++) send(worker);
          return;
        }
        inWorkers += reply.results.length;
        reply.results.forEach((r, k) => done(reply.start + k, r));
        if (!settled) send(worker);
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (code !== 0 && !settled) fail(new Error(l10n.t('a worker thread stopped (exit code {0})', code)));
      });
    }
    // This thread reads files too, one per turn of the event loop, so that the workers' results are taken in between.
    const readOne = (): void => {
      if (settled || nextToTake >= files.length) return;
      const index = nextToTake++;
      done(index, runTask(task, files[index], options.readStdin));
      setImmediate(readOne);
    };
    readOne();
  });
}
