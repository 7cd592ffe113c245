/**
 * `npm run screenshots`: the README's pictures, taken from the offline host
 * (code-server in Chromium) on the files in samples/, so they show what a user
 * sees. Each scene opens a file, moves the cursor with the keyboard as a user
 * would, and captures the window.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, workbenchUrl } from './browser';
import { ensureCodeServer, PROJECT_ROOT, startCodeServer } from './codeServer';

const SAMPLES = path.join(PROJECT_ROOT, 'samples');
const MEDIA = path.join(PROJECT_ROOT, 'media');

export interface Scene {
  /** Output file name in media/. */
  name: string;
  /** File to open, relative to samples/. */
  file: string;
  /** 1-based line and column to put the cursor on (Ctrl+G). */
  at?: { line: number; column: number };
  /** What to show: the Problems panel, the hover at the cursor, the quick fix menu, a view. */
  show: Array<'problems' | 'hover' | 'quickfix' | 'expandTree' | 'wideSidebar' | { command: string } | { wait: number }>;
  /** Wait until this selector is visible before the picture. */
  waitFor?: string;
}

export const SCENES: Scene[] = [
  { name: 'diagnostics.png', file: 'key-policy-review.json', show: ['problems'], waitFor: '.squiggly-error' },
  { name: 'quickfix.png', file: 'key-policy-review.json', at: { line: 16, column: 40 }, show: ['quickfix'], waitFor: '.squiggly-error' },
  { name: 'hover.png', file: 'key-policy-review.json', at: { line: 19, column: 30 }, show: ['hover'], waitFor: '.squiggly-error' },
  { name: 'highlighting.png', file: 'key-policy.json', at: { line: 1, column: 1 }, show: [{ wait: 1500 }] },
  { name: 'cloudtrail.png', file: 'cloudtrail-fargate-dry-run.json', at: { line: 1, column: 1 }, show: ['hover'], waitFor: '.squiggly-warning' },
  { name: 'grants.png', file: 'grants-cloudtrail.json', show: [{ command: 'KMS Lens: Focus on KMS Grants View' }, { wait: 1500 }, 'expandTree'] },
  { name: 'lifecycle.png', file: 'key-lifecycle.json', show: [{ command: 'KMS Lens: Focus on KMS Grants View' }, { wait: 1500 }, 'expandTree'] },
];

async function runCommand(page: Page, command: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(command);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

async function shoot(page: Page, origin: string, scene: Scene): Promise<void> {
  const authority = origin.replace(/^https?:\/\//, '');
  const base = workbenchUrl(origin, SAMPLES, PROJECT_ROOT);
  const payload = JSON.parse(new URL(base).searchParams.get('payload') ?? '[]') as string[][];
  payload.push(['openFile', `vscode-remote://${authority}${path.join(SAMPLES, scene.file)}`]);
  const url = new URL(base);
  url.searchParams.set('payload', JSON.stringify(payload));
  await page.goto(url.toString());
  await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible', timeout: 60_000 });
  if (scene.waitFor) await page.waitForSelector(scene.waitFor, { state: 'attached', timeout: 30_000 });
  await page.click('.monaco-editor .view-lines');
  if (scene.at) {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${scene.at.line}:${scene.at.column}`);
    await page.keyboard.press('Enter');
  }
  for (const step of scene.show) {
    if (step === 'problems') await page.keyboard.press('Control+Shift+M');
    else if (step === 'hover') {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.waitForSelector('.monaco-hover:not(.hidden)', { state: 'visible', timeout: 10_000 });
    } else if (step === 'quickfix') {
      await page.keyboard.press('Control+.');
      await page.waitForSelector('.action-widget', { state: 'visible', timeout: 10_000 });
    } else if (step === 'wideSidebar') {
      // Drag the sash between the side bar and the editor, so the tree's descriptions are readable.
      const box = await page.locator('.part.sidebar').boundingBox();
      if (box) {
        await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + 720, box.y + box.height / 2, { steps: 8 });
        await page.mouse.up();
      }
    } else if (step === 'expandTree') {
      // Once the view has its keys, expand the first key and its first grant, as a user clicking through the view would.
      await page.waitForSelector('.part.sidebar .monaco-list-row', { state: 'visible', timeout: 30_000 });
      for (const row of [0, 1, 2]) {
        const rows = page.locator('.monaco-list-row[aria-expanded="false"]');
        if ((await rows.count()) <= row) break;
        await rows.nth(0).click();
        await page.waitForTimeout(400);
      }
    } else if ('command' in step) await runCommand(page, step.command);
    else await page.waitForTimeout(step.wait);
  }
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(MEDIA, scene.name) });
  console.log(`wrote media/${scene.name}`);
}

async function main(): Promise<void> {
  const only = process.argv[2];
  fs.mkdirSync(MEDIA, { recursive: true });
  const bin = ensureCodeServer((s) => console.log(s));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-shots-'));
  const server = await startCodeServer(bin, dataDir, { 'workbench.colorTheme': 'Default Dark Modern', 'window.commandCenter': false, 'editor.minimap.enabled': false, 'editor.wordWrap': 'on', 'editor.stickyScroll.enabled': false, 'git.enabled': false, 'git.openRepositoryInParentFolders': 'never' });
  const browser = await launchBrowser();
  try {
    for (const scene of SCENES.filter((s) => !only || s.name.startsWith(only))) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      try {
        await shoot(page, server.origin, scene);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
