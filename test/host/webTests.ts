/**
 * Bundles the web pass's tests module (test/web) for the browser: VS Code's
 * web worker extension host loads one file and has nothing of Node, so the
 * tests and mocha's browser build are bundled together, `vscode` left to the host.
 */
import * as path from 'node:path';
import { PROJECT_ROOT } from './codeServer';

export const WEB_TESTS_MODULE = path.join(PROJECT_ROOT, 'out', 'test', 'web', 'bundle.js');

export async function bundleWebTests(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a build tool, loaded only for the web pass
  const esbuild = require('esbuild') as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(PROJECT_ROOT, 'test', 'web', 'index.ts')],
    outfile: WEB_TESTS_MODULE,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    // mocha's browser build reads these Node globals; the worker has none.
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"test"' },
    logLevel: 'warning',
  });
}
