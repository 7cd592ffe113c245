/**
 * `kms-lens grants` and `check` on a folder of CloudTrail archives laid out as
 * S3 delivers them (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz`,
 * with the digest files beside them): 2,000 hourly archives, read with one job
 * and with every core, in files per second; and peak memory on 500 and on 2,000
 * of the same archives, which stays about the same when only each file's
 * findings or key facts are kept. The baseline, in the same run: a Node process
 * that gunzips and JSON.parses every archive, one after the other.
 * `npm run bench folders`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateEvent, rng } from './generateLog';
import { BENCH_DIR, CLI, measureNode, printTable, type Measurement } from './harness';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const FILES = 2000;
const SMALL = 500;
/** Events per hourly archive: a quiet account's hour of KMS calls (about 60 KB of JSON, 10 KB gzipped). */
const EVENTS_PER_FILE = 40;
/** The name carries the layout's version, so that a tree made by an older version is not reused. */
const TREE = 'awslogs-2000-hourly-v1';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz` in `.../YYYY/MM/DD/`, one per hour from 2024-04-20. */
function archivePath(root: string, hour: number, kind: 'CloudTrail' | 'CloudTrail-Digest'): string {
  const t = new Date(Date.UTC(2024, 3, 20) + hour * 3600 * 1000);
  const day = path.join(root, 'AWSLogs', ACCOUNT, kind, REGION, String(t.getUTCFullYear()), pad(t.getUTCMonth() + 1), pad(t.getUTCDate()));
  const stamp = `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}00Z`;
  return path.join(day, `${ACCOUNT}_${kind}_${REGION}_${stamp}_${String(hour).padStart(16, 'a')}.json.gz`);
}

/** Generates the tree once (it is cached under .vscode-test/bench); returns its root. */
export function makeTree(): string {
  const root = path.join(BENCH_DIR, TREE);
  const done = path.join(root, '.complete');
  if (fs.existsSync(done)) return root;
  fs.rmSync(root, { recursive: true, force: true });
  const r = rng(13);
  // The same eight keys in every hour, as an account's keys are: grants made in one archive are used and retired in others.
  const keys = Array.from({ length: 8 }, (_, k) => `${(0x1234abcd + k).toString(16)}-12ab-34cd-56ef-${String(k).padStart(12, '0')}`);
  for (let hour = 0; hour < FILES; hour++) {
    const events = Array.from({ length: EVENTS_PER_FILE }, (_, j) => generateEvent(r, hour * 3600 + Math.floor((j * 3600) / EVENTS_PER_FILE), keys));
    const file = archivePath(root, hour, 'CloudTrail');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, gzipSync(JSON.stringify({ Records: events })));
    if (hour % 24 === 0) {
      // A digest a day: hashes of the logs, not events; a walk passes them by.
      const digest = archivePath(root, hour, 'CloudTrail-Digest');
      fs.mkdirSync(path.dirname(digest), { recursive: true });
      fs.writeFileSync(digest, gzipSync(JSON.stringify({ awsAccountId: ACCOUNT, digestStartTime: '2024-04-20T00:00:00Z', logFiles: [] })));
    }
  }
  fs.writeFileSync(done, '');
  return root;
}

/** The first `n` archives of the tree (in path order), hard-linked into a tree of their own. */
export function firstArchives(root: string, n: number): string {
  const small = path.join(BENCH_DIR, `${TREE}-first${n}`);
  const done = path.join(small, '.complete');
  if (fs.existsSync(done)) return small;
  fs.rmSync(small, { recursive: true, force: true });
  for (let hour = 0; hour < n; hour++) {
    const from = archivePath(root, hour, 'CloudTrail');
    const to = archivePath(small, hour, 'CloudTrail');
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  }
  fs.writeFileSync(done, '');
  return small;
}

/** The baseline: gunzip and JSON.parse every archive under a folder, one after the other, in one Node process. */
const PARSE_ALL = `
const fs = require('fs'), path = require('path'), zlib = require('zlib');
let n = 0;
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith('.json.gz') && !e.name.includes('_CloudTrail-Digest_')) { JSON.parse(zlib.gunzipSync(fs.readFileSync(p)).toString('utf8')); n++; }
  }
})(process.argv[1]);
`;

function perSecond(m: Measurement, files: number): string {
  return `${(files / (m.ms / 1000)).toFixed(0)} files/s`;
}

export function run(): void {
  const started = Date.now();
  const root = makeTree();
  const small = firstArchives(root, SMALL);
  const cores = os.availableParallelism();
  console.log(`\nFolders of archives: ${FILES} hourly archives of ${EVENTS_PER_FILE} KMS events (tree ready in ${((Date.now() - started) / 1000).toFixed(1)} s), ${cores} cores available (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);

  // Each run reads 2,000 files; on a busy machine FOLDERS_BENCH_RUNS=1 gives a first figure sooner.
  const runs = Number(process.env.FOLDERS_BENCH_RUNS ?? 3);
  const base = measureNode(`baseline: gunzip + JSON.parse each of ${FILES} archives, 1 thread`, ['-e', PARSE_ALL, root], runs);
  const rows: Measurement[] = [base];
  const speed: Array<{ m: Measurement; files: number }> = [{ m: base, files: FILES }];
  for (const command of ['grants', 'check'] as const) {
    for (const jobs of [1, cores]) {
      const m = measureNode(`kms-lens ${command} --jobs ${jobs}, ${FILES} archives`, [CLI, command, '--jobs', String(jobs), '--format', 'json', root], runs);
      rows.push(m);
      speed.push({ m, files: FILES });
    }
    const m = measureNode(`kms-lens ${command} --jobs 1, first ${SMALL} archives`, [CLI, command, '--jobs', '1', '--format', 'json', small], runs);
    rows.push(m);
    speed.push({ m, files: SMALL });
  }
  printTable(`Folder of ${FILES} CloudTrail archives (wall time; a shared machine's load moves it)`, rows, base);
  console.log('\n| command | files per second |\n|---|---:|');
  for (const { m, files } of speed) console.log(`| ${m.label} | ${perSecond(m, files)} |`);
  console.log('\nPeak memory, 500 against 2,000 archives (flat when the ratio is near 1):');
  for (const command of ['grants', 'check']) {
    const big = rows.find((r) => r.label === `kms-lens ${command} --jobs 1, ${FILES} archives`) as Measurement;
    const few = rows.find((r) => r.label === `kms-lens ${command} --jobs 1, first ${SMALL} archives`) as Measurement;
    console.log(`  ${command}: ${few.maxRssMB.toFixed(0)} MB on ${SMALL}, ${big.maxRssMB.toFixed(0)} MB on ${FILES} (x${(big.maxRssMB / few.maxRssMB).toFixed(2)})`);
  }
}
