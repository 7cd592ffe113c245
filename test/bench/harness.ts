/**
 * Benchmark helpers: every measured command runs in its own Node process, the
 * same number of times, and is reported as a ratio to a baseline measured in
 * the same run (JSON.parse of the same file, or jq), never as a bare time.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BENCH_DIR = path.join(ROOT, '.vscode-test', 'bench');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** Preloaded into measured Node processes: prints the process's peak memory on exit. */
const RSS_REPORTER = path.join(ROOT, 'test', 'bench', 'rssReporter.js');

export interface Measurement {
  label: string;
  /** Median wall time over the runs, ms. */
  ms: number;
  /** Highest peak resident memory over the runs, MB. */
  maxRssMB: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs `node args...` `runs` times; the process must exit 0. */
export function measureNode(label: string, args: string[], runs = 3): Measurement {
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', RSS_REPORTER, ...args], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
    const m = /KMS_LENS_MAX_RSS_KB=(\d+)/.exec(r.stderr);
    if (m) rss = Math.max(rss, Number(m[1]) / 1024);
  }
  return { label, ms: median(times), maxRssMB: rss };
}

/**
 * Runs several `node args...` commands in turns (a, b, a, b, ...), `runs`
 * rounds: on a shared machine the load changes during a run, and commands
 * measured one after the other (measureNode) each get a different share of
 * it; in turns, a change lands on all of them alike. Wall time and CPU time
 * (user + system, the process's own) are medians over the rounds.
 */
export function measureInTurns(commands: ReadonlyArray<{ label: string; args: string[] }>, runs = 5): Array<Measurement & { cpuMs: number }> {
  const samples = commands.map(() => ({ wall: [] as number[], cpu: [] as number[], rss: 0 }));
  for (let i = 0; i < runs; i++) {
    commands.forEach((c, k) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['--require', RSS_REPORTER, ...c.args], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
      samples[k].wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0 && r.status !== 1) throw new Error(`${c.label} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
      const cpu = /KMS_LENS_CPU_US=(\d+)/.exec(r.stderr);
      if (cpu) samples[k].cpu.push(Number(cpu[1]) / 1000);
      const m = /KMS_LENS_MAX_RSS_KB=(\d+)/.exec(r.stderr);
      if (m) samples[k].rss = Math.max(samples[k].rss, Number(m[1]) / 1024);
    });
  }
  return commands.map((c, k) => ({ label: c.label, ms: median(samples[k].wall), cpuMs: samples[k].cpu.length > 0 ? median(samples[k].cpu) : Number.NaN, maxRssMB: samples[k].rss }));
}

/** Runs an external command (such as jq) `runs` times; undefined if it is not installed. */
export function measureCommand(label: string, cmd: string, args: string[], runs = 3): Measurement | undefined {
  const probe = spawnSync('sh', ['-c', `command -v ${cmd}`]);
  if (probe.status !== 0) return undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
  }
  return { label, ms: median(times), maxRssMB: Number.NaN };
}

/** In-process timing of a function after warm-up: median ms per call. */
export function timeCall(fn: () => void, iterations: number, warmup = Math.min(200, iterations)): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  const batch = Math.max(1, Math.floor(iterations / 20));
  for (let done = 0; done < iterations; done += batch) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6 / batch);
  }
  return median(samples);
}

/**
 * The 40 MiB CloudTrail log every benchmark measures. The name carries the
 * generator's version so that a cache made by an older generator is not reused.
 */
export const LOG_40MIB = 'cloudtrail-40MiB-v2.json';

export function cachedFile(name: string, make: () => string): string {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, make());
  return file;
}

export function printTable(title: string, rows: Measurement[], baseline: Measurement): void {
  console.log(`\n${title}`);
  console.log('| command | median ms | x baseline | peak MB | x baseline |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const memRatio = Number.isFinite(r.maxRssMB) && baseline.maxRssMB > 0 ? (r.maxRssMB / baseline.maxRssMB).toFixed(2) : 'n/a';
    const mem = Number.isFinite(r.maxRssMB) ? r.maxRssMB.toFixed(0) : 'n/a';
    console.log(`| ${r.label} | ${r.ms.toFixed(0)} | ${(r.ms / baseline.ms).toFixed(2)} | ${mem} | ${memRatio} |`);
  }
}
