/**
 * A worker thread of `kms-lens check` and `grants` (pool.ts starts them on
 * the CLI's own script): it receives files in batches, runs the command's
 * task on each, and sends back only what is kept of them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getKmsLensService } from '../core';
import { runTask, type Task } from './fileWork';
import type { InputFile } from './files';
import { useLocale, type Locale } from './locale';
import { locateWasm } from './wasm';

/** What a worker is started with. */
export interface WorkerSetup {
  kmsLensWorker: true;
  task: Task;
  /** The main thread loaded the Terraform parser: .tf files are read here too. */
  terraform: boolean;
  /** The language of the run: findings are worded in the worker. */
  locale: Locale;
}

/** Files to read (`start` is the first one's place in the run), or null: no more files. */
export type WorkerRequest = { start: number; files: InputFile[] } | null;

/** The results of a request, in its files' order; `start` -1 (and no results): the worker is ready for files. */
export interface WorkerReply {
  start: number;
  results: Array<ReturnType<typeof runTask>>;
}

/** Is this thread a worker started by pool.ts? */
export function isKmsLensWorker(data: unknown = workerData): data is WorkerSetup {
  return typeof data === 'object' && data !== null && (data as { kmsLensWorker?: unknown }).kmsLensWorker === true;
}

/** Serves files until told there are no more. */
export async function serveFiles(setup: WorkerSetup): Promise<void> {
  const port = parentPort;
  if (!port) return;
  useLocale(setup.locale);
  if (setup.terraform) {
    // The main thread already said on stderr if the parser does not load; here it is only loaded again.
    await getKmsLensService().prepareFormats(locateWasm).catch(() => undefined);
  }
  port.on('message', (request: WorkerRequest) => {
    if (request === null) {
      port.close();
      return;
    }
    const reply: WorkerReply = { start: request.start, results: request.files.map((file) => runTask(setup.task, file)) };
    port.postMessage(reply);
  });
  const ready: WorkerReply = { start: -1, results: [] };
  port.postMessage(ready);
}
