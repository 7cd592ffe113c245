import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFile, type CheckedFile, type Task } from '../../src/cli/fileWork';
import type { InputFile } from '../../src/cli/files';
import { batchSize, runFiles } from '../../src/cli/pool';
import { DEFAULT_SETTINGS } from '../../src/core';
import { CLI, CORPUS } from './helpers';

describe('the CLI thread pool (src/cli/pool.ts)', function () {
  this.timeout(60000);

  describe('batchSize', () => {
    it('sends at most 32 files in one message, and never an empty batch while files are left', () => {
      assert.equal(batchSize(2000, 2), 32);
      for (const remaining of [1, 2, 3, 7, 8, 9, 100]) {
        const b = batchSize(remaining, 4);
        assert.ok(b >= 1 && b <= 32, `${remaining} left: ${b}`);
      }
    });
    it('sends smaller batches towards the end, so no thread is left with a long one', () => {
      assert.equal(batchSize(7, 2), 1);
      assert.ok(batchSize(64, 2) < batchSize(2000, 2));
    });
  });

  describe('runFiles', () => {
    let dir: string;
    let files: InputFile[];
    const task: Task = { kind: 'check', options: { settings: DEFAULT_SETTINGS, kinds: {}, fix: false, quiet: false } };
    before(() => {
      // Policies of the corpus and a file that cannot be read, many times over, so that workers and this thread share them.
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-pool-'));
      const sources = fs.readdirSync(path.join(CORPUS, 'awsdocs')).filter((f) => f.endsWith('.json')).slice(0, 10);
      files = [];
      for (let i = 0; i < 150; i++) {
        const name = `p${String(i).padStart(3, '0')}.json`;
        if (i === 77) {
          files.push({ display: name, absolute: path.join(dir, 'missing.json') });
          continue;
        }
        fs.copyFileSync(path.join(CORPUS, 'awsdocs', sources[i % sources.length]), path.join(dir, name));
        files.push({ display: name, absolute: path.join(dir, name) });
      }
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const jobs of [2, 3]) {
      it(`hands every file's result once, in the files' order, the same as in this thread alone (--jobs ${jobs})`, async () => {
        assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm run build)');
        const seen: string[] = [];
        const results: CheckedFile[] = [];
        await runFiles(files, task, { jobs, workerFile: CLI, terraform: false }, (r, f) => {
          seen.push(f.display);
          results.push(r as CheckedFile);
        });
        assert.deepEqual(seen, files.map((f) => f.display));
        const alone = files.map((f) => checkFile(f, task.kind === 'check' ? task.options : (undefined as never)));
        assert.deepEqual(results, alone);
        assert.equal(results[77].errors.length, 1, 'the missing file is an error on that file');
      });
    }

    it('shares a long run out: the workers read part of the files, this thread the rest', async () => {
      // 1,000 files: far more than this thread reads while a worker starts.
      const many = Array.from({ length: 1000 }, (_, i) => files[i % files.length]);
      let handed = 0;
      const run = await runFiles(many, task, { jobs: 2, workerFile: CLI, terraform: false }, () => void handed++);
      assert.equal(handed, many.length);
      assert.ok(run.inWorkers > 0 && run.inWorkers < many.length, `read in the worker: ${run.inWorkers}`);
    });

    it('rejects, and stops the workers, when handing a result on fails', async () => {
      let handed = 0;
      await assert.rejects(
        runFiles(files, task, { jobs: 2, workerFile: CLI, terraform: false }, () => {
          if (++handed === 40) throw new Error('the caller failed');
        }),
        /the caller failed/,
      );
      assert.equal(handed, 40);
    });
  });
});
