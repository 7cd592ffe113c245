/**
 * Renders media/icon.svg to media/icon.png (128x128, the size the Marketplace
 * and the Extensions view show) with a headless Chromium, so the icon's only
 * source is the SVG. Run with `npm run icon` after editing the SVG; the PNG is
 * committed, because vsce needs a PNG and the build must not need a browser.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SIZE = 128;

function chromium(): string {
  for (const candidate of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('No Chromium found: set CHROMIUM to its path.');
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-icon-'));
  try {
    fs.copyFileSync(path.join(ROOT, 'media', 'icon.svg'), path.join(dir, 'icon.svg'));
    const html = path.join(dir, 'icon.html');
    fs.writeFileSync(html, `<!doctype html><body style="margin:0;background:transparent"><img src="icon.svg" width="${SIZE}" height="${SIZE}" style="display:block"></body>`);
    const out = path.join(ROOT, 'media', 'icon.png');
    const r = spawnSync(chromium(), [
      '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
      '--default-background-color=00000000', `--window-size=${SIZE},${SIZE}`,
      `--screenshot=${out}`, `file://${html}`,
    ], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`Chromium failed (${r.status}): ${r.stderr}`);
    console.log(`wrote ${path.relative(ROOT, out)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
