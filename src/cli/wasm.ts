/** Where the Terraform parser's WebAssembly files are: next to the bundle (dist/), or in node_modules when run from the compiled sources. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMAT_FILES } from '../core';

export function locateWasm(file: string): string {
  const bundled = path.join(__dirname, file);
  if (fs.existsSync(bundled)) return bundled;
  return require.resolve(file === FORMAT_FILES.runtime ? `web-tree-sitter/${file}` : `@tree-sitter-grammars/tree-sitter-hcl/${file}`);
}

/** Does `kms-lens check` need the Terraform parser: a .tf file or a directory among its inputs? */
export function needsTerraform(command: string | undefined, args: readonly string[]): boolean {
  if (command !== 'check') return false;
  return args.some((a) => {
    if (/\.tf$/i.test(a)) return true;
    try {
      return !a.startsWith('-') && fs.statSync(a).isDirectory();
    } catch {
      return false;
    }
  });
}
