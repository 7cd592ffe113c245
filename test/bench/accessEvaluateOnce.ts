/**
 * What `kms-lens simulate` will do with one log, run by access.bench.ts in its
 * own process: read, document model (the fast path, no parse tree), the
 * requests of every event, and each evaluated against a 30-statement key
 * policy; with `--grants`, also the log's grants model, the grants given to
 * the evaluator. Prints the phases and the decisions on stderr.
 */
import * as fs from 'node:fs';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { compilePolicy, Evaluator, grantInputOf, policyFromText, requestsFromEvent, type Decision, type GrantInput } from '../../src/core/access';
import { buildGrantsModel } from '../../src/core/keys/build';
import { thirtyStatementPolicy } from './accessPolicy';

function main(file: string, withGrants: boolean): void {
  const t0 = performance.now();
  const text = fs.readFileSync(file, 'utf8');
  const model = buildModel(text, { languageId: 'json', fileName: file }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  if (model.root !== undefined) throw new Error('a full parse tree was built');
  const t1 = performance.now();
  let grants: GrantInput[] = [];
  if (withGrants) grants = buildGrantsModel([{ id: file, model }]).keys.flatMap((k) => k.grants.map((g) => grantInputOf(g, k.key.arn)));
  const t2 = performance.now();
  const policy = policyFromText(thirtyStatementPolicy());
  if (!policy) throw new Error('the benchmark policy does not parse');
  const evaluator = new Evaluator({ keyPolicy: compilePolicy(policy), grants });
  const counts: Partial<Record<Decision, number>> = {};
  let evaluations = 0;
  for (const record of model.records) {
    for (const request of requestsFromEvent(record.value)) {
      const d = evaluator.evaluate(request).decision;
      counts[d] = (counts[d] ?? 0) + 1;
      evaluations++;
    }
  }
  const t3 = performance.now();
  process.stderr.write(`records=${model.records.length} grants=${grants.length} evaluations=${evaluations} ${JSON.stringify(counts)} `
    + `read+model=${(t1 - t0).toFixed(0)}ms grants=${(t2 - t1).toFixed(0)}ms evaluate=${(t3 - t2).toFixed(0)}ms\n`);
}

main(process.argv[2], process.argv.includes('--grants'));
