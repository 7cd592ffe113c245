/**
 * The tests module VS Code loads in its extension host (`extensionTestsPath`).
 * Both hosts (test-electron and code-server) call run(); its promise decides
 * the exit code. This one runs the `*.test.js` suites, in an English VS Code;
 * localeIndex.ts runs the `*.locale.js` suites in a VS Code started in Italian.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Runs the suites of this folder whose compiled file name ends with `suffix`. */
export function runSuites(suffix: string): Promise<void> {
  console.log(`VS Code ${vscode.version}, display language ${vscode.env.language}`);
  // KMS_LENS_TEST_GREP runs only the matching tests (the host passes its environment on).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.KMS_LENS_TEST_GREP || undefined });
  // activation.test.js first: it checks what activation loads before any other suite opens a KMS document.
  const first = (f: string): number => (f === 'activation.test.js' ? 0 : 1);
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith(suffix)).sort((a, b) => first(a) - first(b) || (a < b ? -1 : a > b ? 1 : 0))) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}

export function run(): Promise<void> {
  return runSuites('.test.js');
}
