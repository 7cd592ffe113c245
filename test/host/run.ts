/**
 * `npm run test:integration`: runs test/integration inside a real VS Code.
 *
 * Hosts:
 * - electron: @vscode/test-electron with a desktop VS Code. Used when one is
 *   available without a download (KMS_LENS_VSCODE_EXECUTABLE, or a copy cached
 *   in .vscode-test/ by an earlier download), or when asked with `--host electron`
 *   (which downloads VS Code, and fails fast with a clear message if it cannot).
 * - offline: code-server 4.100.3 in Debian Chromium via playwright-core; what
 *   CI uses, since it needs nothing beyond the npm registry and Debian packages.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, runTestsInPage, workbenchUrl } from './browser';
import { ensureCodeServer, installDisplayLanguage, PROJECT_ROOT, startCodeServer } from './codeServer';
import { bundleWebTests, WEB_TESTS_MODULE } from './webTests';

const TESTS_MODULE = path.join(PROJECT_ROOT, 'out', 'test', 'integration', 'index.js');
/** The suites that need a VS Code started in Italian (test/integration/*.locale.ts). */
const ITALIAN_TESTS_MODULE = path.join(PROJECT_ROOT, 'out', 'test', 'integration', 'localeIndex.js');
const FIXTURE_WORKSPACE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'workspace');
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

function log(s: string): void {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
}

/** A fresh copy of the fixture workspace, so tests can edit files without touching the repository. */
function copyWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-ws-'));
  fs.cpSync(FIXTURE_WORKSPACE, dir, { recursive: true });
  return dir;
}

function cachedDesktopVsCode(): string | undefined {
  if (process.env.KMS_LENS_VSCODE_EXECUTABLE) return process.env.KMS_LENS_VSCODE_EXECUTABLE;
  const cache = path.join(PROJECT_ROOT, '.vscode-test');
  if (!fs.existsSync(cache)) return undefined;
  for (const entry of fs.readdirSync(cache)) {
    if (!entry.startsWith('vscode-')) continue;
    for (const exe of ['code', 'VSCode-linux-x64/code', 'Visual Studio Code.app/Contents/MacOS/Electron', 'Code.exe']) {
      const p = path.join(cache, entry, exe);
      if (fs.existsSync(p)) return p;
    }
  }
  return undefined;
}

async function runElectron(executable: string | undefined): Promise<number> {
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  let vscodeExecutablePath = executable;
  if (!vscodeExecutablePath) {
    log('Downloading VS Code for @vscode/test-electron...');
    try {
      vscodeExecutablePath = await Promise.race([
        downloadAndUnzipVSCode({ cachePath: path.join(PROJECT_ROOT, '.vscode-test'), timeout: 15_000 }),
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no answer within 30 s')), 30_000)),
      ]);
    } catch (err) {
      log(`Cannot download VS Code (${(err as Error).message}). This machine has no access to update.code.visualstudio.com.`);
      log('Run `npm run test:integration`: it uses the offline host (code-server in Chromium) instead.');
      return 1;
    }
  }
  const session = async (testsModule: string, locale?: string): Promise<number> => {
    const workspace = copyWorkspace();
    const userData = locale ? fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-vsc-')) : undefined;
    if (userData && locale) installDisplayLanguage(userData, locale);
    try {
      return await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: PROJECT_ROOT,
        extensionTestsPath: testsModule,
        launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes', ...(userData && locale ? [`--user-data-dir=${userData}`, `--locale=${locale}`] : [])],
      });
    } catch (err) {
      log(`Integration tests failed in VS Code desktop: ${(err as Error).message}`);
      return 1;
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
      if (userData) fs.rmSync(userData, { recursive: true, force: true });
    }
  };
  const english = await session(TESTS_MODULE);
  if (!wantsItalian()) return english;
  const italian = await session(ITALIAN_TESTS_MODULE, 'it');
  return english !== 0 ? english : italian;
}

function formatConsoleArgs(message: string): string {
  try {
    const args = JSON.parse(message);
    if (Array.isArray(args)) return format(...(args as unknown[]));
  } catch {
    // not JSON: printed as is
  }
  return message;
}

/**
 * One code-server session: a fresh workspace copy, the workbench in Chromium, the tests module run in it.
 * `web`: the extension under development runs in the browser's web worker extension host (its browser
 * build, as in vscode.dev), with the web tests module (test/web). `locale`: VS Code's display language.
 */
async function runOfflineSession(bin: string, testsModule: string, options: { locale?: string; web?: boolean } = {}): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-cs-'));
  const workspace = copyWorkspace();
  const settings = options.web ? { 'remote.extensionKind': { 'kms-lens.kms-lens': ['web'] } } : {};
  const server = await startCodeServer(bin, dataDir, settings, { locale: options.locale });
  const browser = await launchBrowser();
  let exitCode = 1;
  try {
    if (options.web) await bundleWebTests();
    const url = workbenchUrl(server.origin, workspace, PROJECT_ROOT, testsModule);
    const run = await runTestsInPage(browser, url, (level, message) => {
      // The extension host's console (mocha's reporter among it) arrives here, as console.log's arguments in JSON.
      const text = formatConsoleArgs(message);
      // The workbench's own complaints about having no network are expected offline.
      if (/ENOTFOUND|open-vsx\.org|marketplace/.test(text)) return;
      log(level === 'error' || level === 'warn' ? `[${level}] ${text}` : text);
    }, RUN_TIMEOUT_MS);
    exitCode = run.exitCode;
    if (exitCode === -1) {
      log(`The integration tests did not finish within ${RUN_TIMEOUT_MS / 60000} minutes.`);
      const shot = path.join(PROJECT_ROOT, '.vscode-test', 'timeout.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await run.page.screenshot({ path: shot }).catch(() => undefined);
      log(`Screenshot of the workbench: ${shot}`);
      exitCode = 1;
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (exitCode !== 0) log(`code-server output:\n${server.output().slice(-4000)}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return exitCode;
}

/** A KMS_LENS_TEST_GREP that names none of the Italian suites skips their VS Code session. */
function wantsItalian(): boolean {
  const grep = process.env.KMS_LENS_TEST_GREP;
  return !grep || /ital/i.test(grep);
}

export async function runOffline(web = false): Promise<number> {
  const bin = ensureCodeServer(log);
  if (web) return runOfflineSession(bin, WEB_TESTS_MODULE, { web: true });
  const english = await runOfflineSession(bin, TESTS_MODULE);
  if (!wantsItalian()) return english;
  log('Starting VS Code in Italian (--locale it) for the *.locale suites...');
  const italian = await runOfflineSession(bin, ITALIAN_TESTS_MODULE, { locale: 'it' });
  return english !== 0 ? english : italian;
}

async function main(): Promise<void> {
  const hostArg = process.argv.indexOf('--host');
  const host = hostArg >= 0 ? process.argv[hostArg + 1] : 'auto';
  let code: number;
  if (host === 'electron') code = await runElectron(cachedDesktopVsCode());
  else if (host === 'offline') code = await runOffline();
  else if (host === 'web') code = await runOffline(true);
  else {
    const desktop = cachedDesktopVsCode();
    if (desktop) log(`Using the desktop VS Code at ${desktop}`);
    else log('No desktop VS Code available without a download: using the offline host (code-server in Chromium).');
    code = desktop ? await runElectron(desktop) : await runOffline();
    // The browser build too, in the web worker extension host (skipped when a subset of the Node tests is asked for).
    if (code === 0 && !process.env.KMS_LENS_TEST_GREP) {
      log('Web extension host (the browser build):');
      code = await runOffline(true);
    }
  }
  process.exit(code);
}

if (require.main === module) {
  main().catch((err) => {
    log(`Integration run failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  });
}
