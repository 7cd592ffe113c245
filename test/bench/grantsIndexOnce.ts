/**
 * Indexes one log for grants, as the editor does on opening it: read, document
 * model (fast path, no parse tree), grants model. Run by grants.bench.ts in its
 * own process; prints the phases on stderr and fails if a parse tree was built.
 */
import * as fs from 'node:fs';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { buildGrantsModel } from '../../src/core/keys';

/** With `--model-only`, stops after the document model: the part shared with diagnostics. */
function main(file: string, modelOnly: boolean): void {
  const t0 = performance.now();
  const text = fs.readFileSync(file, 'utf8');
  const t1 = performance.now();
  const model = buildModel(text, { languageId: 'json', fileName: file }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const t2 = performance.now();
  if (model.root !== undefined) throw new Error('a full parse tree was built');
  if (modelOnly) return;
  const grants = buildGrantsModel([{ id: file, model }]);
  const t3 = performance.now();
  const count = grants.keys.reduce((n, k) => n + k.grants.length, 0);
  const uses = grants.keys.reduce((n, k) => n + k.otherUses.length + k.grants.reduce((u, g) => u + g.uses.length, 0), 0);
  process.stderr.write(`records=${model.records.length} keys=${grants.keys.length} grants=${count} attempts=${grants.attempts.length} uses=${uses} `
    + `read=${(t1 - t0).toFixed(0)}ms model=${(t2 - t1).toFixed(0)}ms grants=${(t3 - t2).toFixed(0)}ms\n`);
}

main(process.argv[2], process.argv[3] === '--model-only');
