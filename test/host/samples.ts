/**
 * The samples a user tries KMS Lens on, as a fresh copy for each start: the
 * browser VS Code saves edits by itself (auto-save is on there by default), so
 * opening samples/ itself would write the fixes a user tries into the
 * repository, and the next start would show samples without their mistakes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './codeServer';

export const SAMPLES = path.join(PROJECT_ROOT, 'samples');

/** Copies samples/ into `parent` and returns the copy's path. */
export function freshSamples(parent: string, from = SAMPLES): string {
  const dest = path.join(parent, 'samples');
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(from, dest, { recursive: true });
  return dest;
}
