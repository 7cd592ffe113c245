/**
 * `npm run bench`: runs every benchmark module in test/bench (`*.bench.ts`),
 * each printing its own table of ratios to same-run baselines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

async function main(): Promise<void> {
  const only = process.argv[2];
  const modules = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.js') && (!only || f.startsWith(only))).sort();
  for (const m of modules) {
    const mod = (await import(path.join(__dirname, m))) as { run(): Promise<void> | void };
    await mod.run();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
