/**
 * The access evaluator on the 40 MiB CloudTrail log, against a 30-statement
 * key policy (test/bench/accessPolicy.ts). `npm run bench access`.
 *
 * 1. In process, after warm-up: evaluations per second on the requests of
 *    every event (built once), and the time of evaluating them all beside a
 *    `JSON.parse` of the same log measured in the same run.
 * 2. Whole processes, as `kms-lens simulate` will run: read + model + requests
 *    + evaluation (with and without the log's grants), beside `node -e
 *    JSON.parse(file)` and `kms-lens grants --format json` on the same log.
 *    Issue 16's goal: at most 1.5 times `kms-lens grants`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compilePolicy, Evaluator, grantInputOf, policyFromText, requestsFromEvent, type AccessRequest } from '../../src/core/access';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { buildGrantsModel } from '../../src/core/keys/build';
import { thirtyStatementPolicy } from './accessPolicy';
import { generateLog } from './generateLog';
import { measureCpu } from './grants.bench';
import { cachedFile, CLI, LOG_40MIB, measureInTurns, measureNode, printTable } from './harness';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function inProcess(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const parseTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    JSON.parse(text);
    parseTimes.push(performance.now() - t);
  }
  const model = buildModel(text, { languageId: 'json', fileName: file }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const grants = buildGrantsModel([{ id: file, model }]).keys.flatMap((k) => k.grants.map((g) => grantInputOf(g, k.key.arn)));
  const policy = policyFromText(thirtyStatementPolicy());
  if (!policy) throw new Error('the benchmark policy does not parse');
  const compiled = compilePolicy(policy);
  const requests: AccessRequest[] = model.records.flatMap((r) => requestsFromEvent(r.value));
  const buildTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    for (const r of model.records) requestsFromEvent(r.value);
    buildTimes.push(performance.now() - t);
  }
  const evalTimes: number[] = [];
  const evalGrantTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Fresh request objects each round: a request's context is built once and cached on the object.
    const fresh = requests.map((r) => ({ ...r }));
    const plain = new Evaluator({ keyPolicy: compiled });
    let t = performance.now();
    for (const r of fresh) plain.evaluate(r);
    evalTimes.push(performance.now() - t);
    const again = requests.map((r) => ({ ...r }));
    const withGrants = new Evaluator({ keyPolicy: compiled, grants });
    t = performance.now();
    for (const r of again) withGrants.evaluate(r);
    evalGrantTimes.push(performance.now() - t);
  }
  const parse = median(parseTimes);
  const build = median(buildTimes);
  const evaluate = median(evalTimes);
  const evaluateGrants = median(evalGrantTimes);
  const perSecond = (ms: number): string => Math.round(requests.length / (ms / 1000)).toLocaleString('en-US');
  console.log(`\nAccess evaluation in process, 40 MiB log: ${model.records.length} events, ${requests.length} requests, a 30-statement key policy, ${grants.length} grants from the log (median of the runs)`);
  console.log('| step | ms | x JSON.parse of the log | evaluations per second |');
  console.log('|---|---:|---:|---:|');
  console.log(`| JSON.parse of the log (baseline) | ${parse.toFixed(0)} | 1.00 | |`);
  console.log(`| requests from every event | ${build.toFixed(0)} | ${(build / parse).toFixed(2)} | |`);
  console.log(`| evaluate every request | ${evaluate.toFixed(0)} | ${(evaluate / parse).toFixed(2)} | ${perSecond(evaluate)} |`);
  console.log(`| evaluate every request, with the log's grants | ${evaluateGrants.toFixed(0)} | ${(evaluateGrants / parse).toFixed(2)} | ${perSecond(evaluateGrants)} |`);
}

export function run(): void {
  const file = cachedFile(LOG_40MIB, () => generateLog(40 * 1024 * 1024));
  inProcess(file);
  const once = path.join(__dirname, 'accessEvaluateOnce.js');
  for (const extra of [[], ['--grants']]) {
    const r = spawnSync(process.execPath, [once, file, ...extra], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`evaluation failed: ${r.stderr}`);
    console.log(`\nOne run${extra.length ? ' with grants' : ''}: ${r.stderr.trim()}`);
  }
  const parse = measureNode('node -e JSON.parse(file) (baseline)', ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], 5);
  const grants = measureNode('kms-lens grants --format json', [CLI, 'grants', '--format', 'json', file], 5);
  const simulate = measureNode('read + model + requests + evaluate (30 statements)', [once, file], 5);
  const simulateGrants = measureNode('the same, with the log\'s grants model and grants', [once, file, '--grants'], 5);
  // The command itself, as users run it: policy file, grants of the log, JSON output of every event.
  const policyFile = cachedFile('access-30-statements.json', () => thirtyStatementPolicy());
  const cli = measureNode('kms-lens simulate --format json --policy (30 statements)', [CLI, 'simulate', '--format', 'json', '--policy', policyFile, file], 5);
  printTable('Access evaluation of every event of the 40 MiB log, whole processes (wall time)', [parse, grants, simulate, simulateGrants, cli], parse);
  const vsGrants = (m: { ms: number }): string => `${(m.ms / grants.ms).toFixed(2)}x kms-lens grants (goal <= 1.5x)`;
  console.log(`\nwall: evaluation without grants ${vsGrants(simulate)}; with grants ${vsGrants(simulateGrants)}; kms-lens simulate ${vsGrants(cli)}`);

  // Issue 16's comparison again, the two commands in turns (harness.ts says why), with the baseline.
  const turns = measureInTurns([
    { label: 'node -e JSON.parse(file) (baseline)', args: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`] },
    { label: 'kms-lens grants --format json', args: [CLI, 'grants', '--format', 'json', file] },
    { label: 'kms-lens simulate --format json --policy (30 statements)', args: [CLI, 'simulate', '--format', 'json', '--policy', policyFile, file] },
  ], 7);
  const [tParse, tGrants, tSimulate] = turns;
  console.log('\nkms-lens simulate and kms-lens grants in turns (7 rounds, medians)');
  console.log('| command | wall ms | CPU ms | peak MB | wall x grants | CPU x grants | wall x JSON.parse | CPU x JSON.parse | peak MB x JSON.parse |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of turns) {
    console.log(`| ${m.label} | ${m.ms.toFixed(0)} | ${m.cpuMs.toFixed(0)} | ${m.maxRssMB.toFixed(0)} | ${(m.ms / tGrants.ms).toFixed(2)} | ${(m.cpuMs / tGrants.cpuMs).toFixed(2)} | ${(m.ms / tParse.ms).toFixed(2)} | ${(m.cpuMs / tParse.cpuMs).toFixed(2)} | ${(m.maxRssMB / tParse.maxRssMB).toFixed(2)} |`);
  }
  console.log(`in turns: kms-lens simulate ${(tSimulate.ms / tGrants.ms).toFixed(2)}x kms-lens grants wall, ${(tSimulate.cpuMs / tGrants.cpuMs).toFixed(2)}x CPU (goal <= 1.5x)`);

  // Wall time swings with a shared machine's load; CPU time (user + system) much less.
  const cpu = [
    measureCpu('node -e JSON.parse(file) (baseline)', [process.execPath, '-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], 5),
    measureCpu('kms-lens grants --format json', [process.execPath, CLI, 'grants', '--format', 'json', file], 5),
    measureCpu('read + model + requests + evaluate (30 statements)', [process.execPath, once, file], 5),
    measureCpu('the same, with the log\'s grants model and grants', [process.execPath, once, file, '--grants'], 5),
    measureCpu('kms-lens simulate --format json --policy (30 statements)', [process.execPath, CLI, 'simulate', '--format', 'json', '--policy', policyFile, file], 5),
  ];
  if (cpu.every((m) => m !== undefined)) {
    const [base, grantsCpu, plain, withGrants, command] = cpu as Array<{ label: string; cpuMs: number }>;
    console.log('\nThe same, CPU time (user + system)');
    console.log('| command | median CPU ms | x JSON.parse | x kms-lens grants |');
    console.log('|---|---:|---:|---:|');
    for (const m of [base, grantsCpu, plain, withGrants, command]) console.log(`| ${m.label} | ${m.cpuMs.toFixed(0)} | ${(m.cpuMs / base.cpuMs).toFixed(2)} | ${(m.cpuMs / grantsCpu.cpuMs).toFixed(2)} |`);
  }
}
