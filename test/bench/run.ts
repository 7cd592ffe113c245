/**
 * `npm run bench`: runs every benchmark module in test/bench (`*.bench.ts`),
 * each printing its own table of ratios to same-run baselines, then the goals
 * of issue 13 with PASS or FAIL (targets.ts). `npm run bench grants` runs one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { targetTable } from './targets';

async function main(): Promise<void> {
  const only = process.argv[2];
  const modules = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.js') && (!only || f.startsWith(only))).sort();
  for (const m of modules) {
    const mod = (await import(path.join(__dirname, m))) as { run(): Promise<void> | void };
    await mod.run();
  }
  for (const line of targetTable()) console.log(line);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
