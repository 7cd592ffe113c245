/**
 * Debian Chromium driven by playwright-core (never a browser download):
 * opens code-server with the extension under development and the test
 * module, forwards the workbench log, and resolves with the exit code VS Code
 * reports when the tests' run() settles.
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumPath(): string {
  const candidates = [process.env.KMS_LENS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: on Debian, `apt-get install -y chromium` (see .ci/run), or set KMS_LENS_CHROMIUM.');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** The workbench URL that loads `extensionPath` in development mode and runs `testsModule` (absolute paths). */
export function workbenchUrl(origin: string, folder: string, extensionPath?: string, testsModule?: string): string {
  const authority = origin.replace(/^https?:\/\//, '');
  const params = new URLSearchParams({ folder });
  const payload: string[][] = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`]);
  if (testsModule) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsModule}`]);
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `${origin}/?${params.toString()}`;
}

export interface TestRun {
  exitCode: number;
  page: Page;
}

/** Opens the workbench and waits for VS Code to call codeAutomationExit (or the timeout). */
export async function runTestsInPage(browser: Browser, url: string, onLog: (level: string, message: string) => void, timeoutMs: number): Promise<TestRun> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let resolveExit!: (code: number) => void;
  const exit = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => onLog(level, typeof message === 'string' ? message : JSON.stringify(message)));
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  page.on('pageerror', (e) => onLog('pageerror', String(e)));
  await page.goto(url);
  const timer = new Promise<number>((r) => setTimeout(() => r(-1), timeoutMs));
  const exitCode = await Promise.race([exit, timer]);
  return { exitCode, page };
}
