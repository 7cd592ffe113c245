/**
 * The offline VS Code: code-server 4.100.3 (VS Code 1.100.3), installed from
 * the npm registry into a cache folder on first use. Its ripgrep postinstall
 * would download a binary; it first looks for a cached archive, so we give it
 * one made from the system `rg` (Debian package ripgrep).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

export function codeServerDir(): string {
  return process.env.KMS_LENS_CODE_SERVER_DIR ?? path.join(PROJECT_ROOT, '.vscode-test', 'code-server');
}

function binPath(dir: string): string {
  return path.join(dir, 'node_modules', '.bin', 'code-server');
}

function installedVersion(dir: string): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return pkg.version;
  } catch {
    return undefined;
  }
}

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Puts the system rg where @vscode/ripgrep's postinstall looks before downloading. */
function seedRipgrepCache(tmp: string): void {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is not installed: on Debian, `apt-get install -y ripgrep` (see .ci/run).');
  const target = process.arch === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cacheDir = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(cacheDir, { recursive: true });
  const archive = path.join(cacheDir, `ripgrep-v13.0.0-10-${target}.tar.gz`);
  if (fs.existsSync(archive)) return;
  const stage = fs.mkdtempSync(path.join(tmp, 'rg-stage-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const r = spawnSync('tar', ['-C', stage, '-czf', archive, 'rg'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not create the ripgrep cache archive');
}

/** Installs code-server into the cache folder if it is not there yet; returns the binary. */
export function ensureCodeServer(log: (s: string) => void): string {
  const dir = codeServerDir();
  if (installedVersion(dir) === CODE_SERVER_VERSION && fs.existsSync(binPath(dir))) return binPath(dir);
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (first run only, about a minute)...`);
  fs.mkdirSync(dir, { recursive: true });
  // npm 11 runs dependency install scripts only when allowed: code-server and argon2 need theirs.
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-cs-install-'));
  seedRipgrepCache(tmp);
  const args = ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`];
  // As root, code-server's postinstall refuses to run unless npm is told it may.
  if (process.getuid?.() === 0) args.push('--unsafe-perm');
  const r = spawnSync('npm', args, {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true' },
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0 || installedVersion(dir) !== CODE_SERVER_VERSION) {
    throw new Error(`installing code-server failed (exit ${r.status}). It needs the Debian packages libkrb5-dev, python3, make and g++ (see .ci/run).`);
  }
  return binPath(dir);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  port: number;
  origin: string;
  /** Everything the server printed (its own log and the extension host's stdout/stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** User settings for a quiet, offline VS Code. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'json.schemaDownload.enable': false,
  'workbench.editor.languageDetection': false,
  'chat.disableAIFeatures': true,
};

/**
 * Makes `locale` a display language VS Code can start in, offline. VS Code
 * (the web workbench included) takes a display language other than English
 * only from a language pack listed in languagepacks.json of its user data
 * folder; the workbench then reports it as vscode.env.language, and the
 * extension host hands each extension its l10n/bundle.l10n.<locale>.json.
 * Language packs come from the Marketplace, which is out of reach here, so
 * this writes the entry of a pack that translates none of VS Code's own
 * strings: VS Code's menus stay English, everything else is as with a real pack.
 */
export function installDisplayLanguage(userData: string, locale: string): void {
  const pack = path.join(userData, 'offline-language-pack', locale);
  fs.mkdirSync(pack, { recursive: true });
  const translations = path.join(pack, 'main.i18n.json');
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const entry = {
    hash: `offline-${locale}`,
    extensions: [{ extensionIdentifier: { id: `kms-lens-test.language-pack-${locale}` }, version: '0.0.0' }],
    translations: { vscode: translations },
    label: locale,
  };
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({ [locale]: entry }, null, 2));
}

export interface ServerOptions {
  /** The display language (`--locale`); other than English, a language pack entry is written for it first. */
  locale?: string;
}

export async function startCodeServer(bin: string, dataDir: string, extraSettings: Record<string, unknown> = {}, options: ServerOptions = {}): Promise<RunningServer> {
  const userData = path.join(dataDir, 'user-data');
  const extensions = path.join(dataDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extraSettings }, null, 2));
  if (options.locale && !options.locale.startsWith('en')) installDisplayLanguage(userData, options.locale);
  const port = await freePort();
  const child = spawn(bin, [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    ...(options.locale ? ['--locale', options.locale] : []),
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: path.join(dataDir, 'config') }, detached: true });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const started = Date.now();
  while (!/HTTP server listening/.test(out)) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${out}`);
    if (Date.now() - started > 60_000) throw new Error(`code-server did not start within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}
