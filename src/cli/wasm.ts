/** Where the Terraform parser's WebAssembly files are: next to the bundle (dist/), or in node_modules when run from the compiled sources. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMAT_FILES } from '../core';

export function locateWasm(file: string): string {
  const bundled = path.join(__dirname, file);
  if (fs.existsSync(bundled)) return bundled;
  return require.resolve(file === FORMAT_FILES.runtime ? `web-tree-sitter/${file}` : `@tree-sitter-grammars/tree-sitter-hcl/${file}`);
}

/** The commands that read key or IAM policies, which a Terraform module can hold. */
const READS_POLICIES = new Set(['check', 'access', 'simulate']);

/**
 * Does the command need the Terraform parser: a .tf file (also as simulate's
 * `--key-policy ARN=main.tf`) or a directory among its arguments?
 */
export function needsTerraform(command: string | undefined, args: readonly string[]): boolean {
  if (!command || !READS_POLICIES.has(command)) return false;
  return args.some((a) => {
    if (/\.tf$/i.test(a)) return true;
    try {
      return !a.startsWith('-') && fs.statSync(a).isDirectory();
    } catch {
      return false;
    }
  });
}
