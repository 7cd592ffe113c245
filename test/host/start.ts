/**
 * `npm start`: opens a fresh copy of samples/ in a VS Code with the extension
 * under development loaded (edits and auto-save go to the copy, never to the
 * repository's samples). The desktop `code` when it is on PATH; otherwise the
 * local code-server (installed on first use, as for the tests), printing the
 * address to open.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { workbenchUrl } from './browser';
import { ensureCodeServer, PROJECT_ROOT, startCodeServer } from './codeServer';
import { freshSamples } from './samples';

function hasDesktopCode(): boolean {
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0 && !process.argv.includes('--web');
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-start-'));
  const samples = freshSamples(dataDir);
  // --dry-run: say which folder would open, and stop (the unit tests check it is a copy).
  if (process.argv.includes('--dry-run')) {
    console.log(samples);
    return;
  }
  if (hasDesktopCode()) {
    console.log(`Opening a fresh copy of samples/ (${samples}) in VS Code with KMS Lens loaded...`);
    spawn('code', ['--extensionDevelopmentPath', PROJECT_ROOT, samples], { stdio: 'inherit', detached: true }).unref();
    return;
  }
  const bin = ensureCodeServer((s) => console.log(s));
  const server = await startCodeServer(bin, dataDir);
  const url = workbenchUrl(server.origin, samples, PROJECT_ROOT);
  console.log(`\nKMS Lens is running in code-server (VS Code 1.100.3), on a fresh copy of samples/ (${samples}):\nwhat you change there never touches the repository. Open this address in your browser:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
  const stop = async (): Promise<void> => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(`npm start failed: ${(err as Error).message}`);
  process.exit(1);
});
