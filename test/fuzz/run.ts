/**
 * `npm run fuzz -- --docs N --seed S [--out DIR] [--max-size BYTES]`: a long
 * fuzzing run. Prints `N docs, T throws, S slow, R bad ranges, F fix-all
 * problems`, each distinct problem once, and writes a shrunk reproduction of
 * each to DIR (default fuzz-reproductions/): the document, and a .json file
 * with its hints and the problem. Exits 1 when a problem was found.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz, shrink, summaryLine } from './fuzz';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'fuzz-reproductions' },
    'max-size': { type: 'string', default: String(1024 * 1024) },
  },
});
const docs = Number(values.docs);
const seed = Number(values.seed);
const maxSize = Number(values['max-size']);
if (!Number.isInteger(docs) || docs < 1 || !Number.isInteger(seed) || !Number.isInteger(maxSize) || maxSize < 1) {
  process.stderr.write('usage: npm run fuzz -- --docs N --seed S [--out DIR] [--max-size BYTES]\n');
  process.exit(2);
}

const started = Date.now();
let done = 0;
const summary = fuzz(seed, docs, {
  maxSize,
  onDoc: (doc, problems) => {
    done++;
    for (const p of problems) process.stderr.write(`  ${p.kind} in ${p.call}: ${p.detail} (${doc.label})\n`);
    if (done % 100 === 0) process.stderr.write(`${done}/${docs} documents, ${Math.round((Date.now() - started) / 1000)} s\n`);
  },
});

if (summary.distinct.size > 0) {
  fs.mkdirSync(values.out, { recursive: true });
  let n = 0;
  for (const { problem, doc } of summary.distinct.values()) {
    const small = shrink(doc, problem);
    const base = path.join(values.out, `seed${seed}-${++n}-${problem.kind}-${problem.call.replace(/\W+/g, '_')}`);
    fs.writeFileSync(`${base}.txt`, small.text);
    fs.writeFileSync(`${base}.json`, JSON.stringify({ problem, hints: small.hints, from: doc.label, originalLength: doc.text.length, length: small.text.length }, null, 2) + '\n');
    process.stdout.write(`${problem.kind} in ${problem.call}: ${problem.detail}\n  reproduction: ${base}.txt (${small.text.length} of ${doc.text.length} characters, from ${doc.label})\n`);
  }
}
process.stdout.write(`${summaryLine(summary)} (seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s)\n`);
process.exitCode = summary.distinct.size > 0 ? 1 : 0;
