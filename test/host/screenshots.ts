/**
 * `npm run screenshots`: the README's pictures, taken from the offline host
 * (code-server in Chromium) on the files in samples/, so they show what a user
 * sees. Each scene opens a file, moves the cursor with the keyboard as a user
 * would, and captures the part of the window that shows the feature (cropped,
 * so the picture stays readable at the README's width and small in the .vsix).
 * `npm run screenshots -- hover` retakes only the pictures whose name starts so.
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
  show: Array<'problems' | 'hover' | 'quickfix' | 'expandTree' | 'wideSidebar' | 'hideSidebar' | { command: string } | { wait: number }>;
  /** Wait until these selectors are in the page (the findings, the statement lenses) before moving the cursor. */
  waitFor?: string[];
  /**
   * What part of the window to keep: the editor with the Problems panel, the
   * editor down to the open hover or menu, or the side bar with the editor's
   * left edge. Without it, the whole window.
   */
  crop?: 'editorAndPanel' | 'editorToPopup' | 'sidebar';
  /** The window's size, when the default 1280x720 would make the picture too wide to read in the README. */
  viewport?: { width: number; height: number };
}

export const SCENES: Scene[] = [
  { name: 'diagnostics.png', file: 'key-policy-review.json', show: ['problems'], viewport: { width: 1220, height: 700 }, waitFor: ['.squiggly-error', '.codelens-decoration'], crop: 'editorAndPanel' },
  { name: 'quickfix.png', file: 'key-policy-review.json', at: { line: 16, column: 40 }, show: ['hideSidebar', 'quickfix'], viewport: { width: 1000, height: 720 }, waitFor: ['.squiggly-error', '.codelens-decoration'], crop: 'editorToPopup' },
  { name: 'hover.png', file: 'key-policy-review.json', at: { line: 19, column: 30 }, show: ['hover'], waitFor: ['.squiggly-error', '.codelens-decoration'], crop: 'editorToPopup' },
  { name: 'highlighting.png', file: 'key-policy.json', at: { line: 1, column: 1 }, show: [{ wait: 1500 }], waitFor: ['.codelens-decoration'], crop: 'editorAndPanel' },
  { name: 'cloudtrail.png', file: 'cloudtrail-fargate-dry-run.json', at: { line: 1, column: 1 }, show: ['hideSidebar', 'hover'], viewport: { width: 1000, height: 720 }, waitFor: ['.squiggly-warning'], crop: 'editorToPopup' },
  { name: 'grants.png', file: 'grants-cloudtrail.json', show: [{ command: 'KMS Lens: Focus on KMS Grants View' }, { wait: 1500 }, 'wideSidebar', 'expandTree'], crop: 'sidebar' },
  { name: 'lifecycle.png', file: 'key-lifecycle.json', show: [{ command: 'KMS Lens: Focus on KMS Grants View' }, { wait: 1500 }, 'wideSidebar', 'expandTree'], crop: 'sidebar' },
];

type Box = { x: number; y: number; width: number; height: number };

async function box(page: Page, selector: string): Promise<Box | undefined> {
  const l = page.locator(selector).first();
  return (await l.count()) > 0 ? ((await l.boundingBox()) ?? undefined) : undefined;
}

/** The smallest box around all of these, grown by `pad` and kept inside the window. */
function around(boxes: Array<Box | undefined>, pad: number, viewport: { width: number; height: number }): Box | undefined {
  const bs = boxes.filter((b): b is Box => b !== undefined && b.width > 0 && b.height > 0);
  if (bs.length === 0) return undefined;
  const x = Math.max(0, Math.min(...bs.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...bs.map((b) => b.y)) - pad);
  const right = Math.min(viewport.width, Math.max(...bs.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(viewport.height, Math.max(...bs.map((b) => b.y + b.height)) + pad);
  return { x, y, width: right - x, height: bottom - y };
}

/** The part of the window a scene's picture keeps (undefined: all of it). */
async function clipOf(page: Page, crop: Scene['crop']): Promise<Box | undefined> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  const editor = await box(page, '.part.editor');
  if (crop === 'editorAndPanel') return around([editor, await box(page, '.part.panel')], 0, viewport);
  if (crop === 'editorToPopup') {
    // The editor from its tabs down to the bottom of the hover or menu (which may reach over the side bar), and no lower.
    const popup = (await box(page, HOVER)) ?? (await box(page, '.action-widget'));
    // A wrapped cursor line has one highlight per row: keep them all.
    const cursorRows = await page.locator('.monaco-editor .current-line').evaluateAll((es) => es.map((e) => e.getBoundingClientRect().bottom));
    if (!editor) return undefined;
    // At least a screenful of the file under a hover shown above its line (the first line's hover covers the tabs).
    const bottom = Math.max(popup ? popup.y + popup.height : 0, ...cursorRows, editor.y + 320) + 12;
    return around([{ ...editor, height: Math.min(editor.height, bottom - editor.y) }, popup], 0, viewport);
  }
  if (crop === 'sidebar') {
    const sidebar = await box(page, '.part.sidebar');
    const activity = await box(page, '.part.activitybar');
    if (!sidebar) return undefined;
    // The activity bar shows the KMS Lens icon; a strip of the editor shows where a click on an event leads.
    return around([activity, sidebar, editor ? { ...editor, width: 160 } : undefined], 0, viewport);
  }
  return undefined;
}

/** The editor's hover widget when it shows something. */
const HOVER = '.monaco-editor .monaco-hover:not(.hidden)';

/**
 * Opens a hover or menu with the keyboard and waits until it stays open: the
 * first request may come before the analysis has answered, or a late lens may
 * move the line and close it, so ask up to three times.
 */
async function openPopup(page: Page, open: () => Promise<void>, selector: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await open();
    try {
      await page.waitForSelector(selector, { state: 'visible', timeout: 5_000 });
      await page.waitForTimeout(800);
      if (await page.locator(selector).first().isVisible()) return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
    if (attempt === 3) throw new Error(`${selector} did not stay open`);
    await page.keyboard.press('Escape');
  }
}

async function runCommand(page: Page, command: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(command);
  // Enter only once the palette has found the command (it fills its list after the typing).
  await page.waitForSelector('.quick-input-list .monaco-list-row.focused', { state: 'visible', timeout: 10_000 });
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
  for (const selector of scene.waitFor ?? []) await page.waitForSelector(selector, { state: 'attached', timeout: 30_000 });
  // Let the lenses and decorations settle, so the layout no longer moves under the cursor.
  await page.waitForTimeout(1000);
  await page.click('.monaco-editor .view-lines');
  if (scene.at) {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${scene.at.line}:${scene.at.column}`);
    await page.keyboard.press('Enter');
  }
  for (const step of scene.show) {
    if (step === 'problems') await page.keyboard.press('Control+Shift+M');
    else if (step === 'hover') {
      await openPopup(page, async () => {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
      }, HOVER);
    } else if (step === 'quickfix') {
      await openPopup(page, () => page.keyboard.press('Control+.'), '.action-widget');
    } else if (step === 'hideSidebar') {
      // Toggle Primary Side Bar Visibility: the editor gets the width, and a wide menu no longer spills over the file list.
      await page.keyboard.press('Control+B');
      await page.waitForTimeout(500);
      await page.click('.monaco-editor .view-lines');
      if (scene.at) {
        await page.keyboard.press('Control+G');
        await page.keyboard.type(`${scene.at.line}:${scene.at.column}`);
        await page.keyboard.press('Enter');
      }
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
      const title = (await page.locator('.part.sidebar .composite.title').first().innerText()).trim();
      if (!/KMS/i.test(title)) throw new Error(`the side bar shows ${JSON.stringify(title)}, not the KMS Grants view`);
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
  await page.screenshot({ path: path.join(MEDIA, scene.name), clip: await clipOf(page, scene.crop) });
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
      const page = await browser.newPage({ viewport: scene.viewport ?? { width: 1280, height: 720 } });
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
