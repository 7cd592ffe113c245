/** Expands the command line's files and directories into the files to analyse. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Extensions analysed when walking a directory. */
export const ANALYSED_EXTENSIONS = ['.json', '.jsonl', '.ndjson', '.log'];

/** CloudTrail delivers its logs gzipped: `<account>_CloudTrail_<region>_<time>_<id>.json.gz`. */
export function isGzipLog(file: string): boolean {
  return /\.json\.gz$/i.test(file);
}

export interface InputFile {
  /** The path as the user gave it (or the directory as given, joined with the file's relative path). */
  display: string;
  absolute: string;
}

export interface Collected {
  files: InputFile[];
  errors: string[];
}

function walk(dirDisplay: string, dirAbs: string, out: InputFile[]): void {
  const entries = fs.readdirSync(dirAbs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    // Dependencies and dot-folders (.git, .vscode-test) are not the user's policies or logs.
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const display = dirDisplay.endsWith(path.sep) || dirDisplay.endsWith('/') ? dirDisplay + e.name : `${dirDisplay}${path.sep}${e.name}`;
    const abs = path.join(dirAbs, e.name);
    if (e.isDirectory()) walk(display, abs, out);
    else if (e.isFile() && (ANALYSED_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) || isGzipLog(e.name))) out.push({ display, absolute: abs });
  }
}

export function collectFiles(args: readonly string[]): Collected {
  const files: InputFile[] = [];
  const errors: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      errors.push(`${arg}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String((err as Error).message)}`);
      continue;
    }
    try {
      if (stat.isDirectory()) walk(arg, abs, files);
      else files.push({ display: arg, absolute: abs });
    } catch (err) {
      errors.push(`${arg}: ${(err as Error).message}`);
    }
  }
  return { files, errors };
}

export function languageIdFor(file: string): string {
  switch (path.extname(file.replace(/\.gz$/i, '')).toLowerCase()) {
    case '.jsonc': return 'jsonc';
    case '.jsonl':
    case '.ndjson': return 'jsonl';
    case '.log': return 'log';
    default: return 'json';
  }
}

export interface ReadFile {
  text: string;
  /** What the core is told about the file: an archive's name without `.gz` says what its content is. */
  hints: { languageId: string; fileName: string };
  archive: boolean;
}

/** Reads a file to analyse, decompressing a `.json.gz` log. Throws with a clear message. */
export function readInput(file: InputFile): ReadFile {
  const archive = isGzipLog(file.absolute);
  const hints = { languageId: languageIdFor(file.absolute), fileName: file.absolute.replace(/\.gz$/i, '') };
  try {
    const text = archive ? gunzipSync(fs.readFileSync(file.absolute)).toString('utf8') : fs.readFileSync(file.absolute, 'utf8');
    return { text, hints, archive };
  } catch (err) {
    throw new Error(`${archive ? 'cannot read the gzip archive: ' : ''}${(err as Error).message}`, { cause: err });
  }
}
