/** The tests module of the VS Code started in Italian (test/host/run.ts): the `*.locale.js` suites. */
import { runSuites } from './index';

export function run(): Promise<void> {
  return runSuites('.locale.js');
}
