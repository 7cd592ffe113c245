/** Shared helpers for the unit tests: run the core the way the CLI and the extension do. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_SETTINGS, LineIndex, type AnalysisSettings, type DocumentHints, type Finding } from '../../src/core';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
export const CORPUS = path.join(FIXTURES, 'corpus');

/** The bundled CLI: tests run it as users do, in a child process (`npm run build` first). */
export const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** Runs `kms-lens ARGS` in `cwd`, without colours; `input` is its standard input. */
export function runCli(args: string[], cwd = process.cwd(), input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(...segments: string[]): string {
  return fs.readFileSync(path.join(FIXTURES, ...segments), 'utf8');
}

export function findings(text: string, hints: DocumentHints = { languageId: 'json', fileName: 'test.json' }, settings: Partial<AnalysisSettings> = {}): Finding[] {
  return analyze(text, hints, { ...DEFAULT_SETTINGS, ...settings }).findings;
}

/** `code@line:col-line:col` for compact assertions (0-based, as in VS Code). */
export function brief(text: string, fs: readonly Finding[]): string[] {
  const idx = new LineIndex(text);
  return fs.map((f) => {
    const a = idx.positionAt(f.start);
    const b = idx.positionAt(f.end);
    return `${f.code}@${a.line}:${a.character}-${b.line}:${b.character}`;
  });
}

export function codes(fs: readonly Finding[]): string[] {
  return fs.map((f) => f.code);
}

/** Text with every finding of one code marked, for readable failure messages. */
export function marked(text: string, f: Finding): string {
  return `${text.slice(Math.max(0, f.start - 20), f.start)}⟦${text.slice(f.start, f.end)}⟧${text.slice(f.end, f.end + 20)}`;
}
