/**
 * The tests module of the web pass (test/host/run.ts): VS Code loads it in its
 * web worker extension host, next to the browser build of the extension
 * (dist/web/extension.js). It is bundled for the browser (test/host/webTests.ts),
 * with mocha's browser build, since nothing of Node is there.
 */
import * as vscode from 'vscode';

interface Runner {
  on(event: 'pass', listener: (test: { fullTitle(): string }) => void): void;
  on(event: 'fail', listener: (test: { fullTitle(): string }, err: Error) => void): void;
  on(event: 'end', listener: () => void): void;
}

interface BrowserMocha {
  setup(options: { ui: string; timeout: number; color: boolean }): void;
  reporter(reporter: new (runner: Runner) => unknown): void;
  run(done: (failures: number) => void): void;
}

/** Each result on the console, which the host prints (mocha's own browser reporter writes HTML, and a worker has no document). */
class ConsoleReporter {
  constructor(runner: Runner) {
    let passed = 0;
    let failed = 0;
    runner.on('pass', (test) => {
      passed++;
      console.log(`  ✔ ${test.fullTitle()}`);
    });
    runner.on('fail', (test, err) => {
      failed++;
      console.log(`  ✗ ${test.fullTitle()}\n    ${err.stack ?? err.message}`);
    });
    runner.on('end', () => console.log(`\n  ${passed} passing, ${failed} failing (web extension host)`));
  }
}

export function run(): Promise<void> {
  console.log(`VS Code ${vscode.version}, web extension host`);
  // Required here, not imported: mocha's browser build is a UMD module that would otherwise take over this module's exports.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  require('mocha/mocha');
  // It sets up the global `mocha`, as in a page.
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  mocha.setup({ ui: 'bdd', timeout: 60_000, color: false });
  mocha.reporter(ConsoleReporter);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- registered after mocha.setup, as mocha's browser build requires
  require('./terraform.web.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} web test(s) failed`)) : resolve()));
  });
}
