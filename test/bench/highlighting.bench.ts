/**
 * What highlighting costs. The injection grammar runs on every string of every
 * JSON file, so it is measured on CloudTrail records as JSON Lines (long lines,
 * many strings) and on a key policy, against the host JSON grammar alone in the
 * same run: VS Code's own grammar when KMS_LENS_CODE_SERVER_DIR points at a
 * code-server install, the minimal test grammar otherwise. Semantic tokens are
 * measured against JSON.parse of the same policy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INITIAL, type IGrammar } from 'vscode-textmate';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { semanticTokens } from '../../src/core/semanticTokens';
import { loadGrammar, type HostLanguage } from '../unit/grammarHost';
import { generateLog } from './generateLog';
import { printTable, ROOT, timeCall, type Measurement } from './harness';

function tokenizeAll(grammar: IGrammar, lines: readonly string[]): void {
  let state = INITIAL;
  for (const line of lines) state = grammar.tokenizeLine(line, state).ruleStack;
}

function vsCodeGrammar(language: HostLanguage): string | undefined {
  const dir = process.env.KMS_LENS_CODE_SERVER_DIR;
  if (!dir) return undefined;
  const name = { json: 'JSON', jsonc: 'JSONC', jsonl: 'JSONL' }[language];
  const file = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'json', 'syntaxes', `${name}.tmLanguage.json`);
  return fs.existsSync(file) ? file : undefined;
}

async function compare(title: string, language: HostLanguage, lines: string[], iterations: number): Promise<void> {
  const hostGrammarFile = vsCodeGrammar(language);
  const host = hostGrammarFile ? `VS Code's ${language} grammar` : `minimal ${language} grammar`;
  const alone = await loadGrammar(language, { inject: false, hostGrammarFile });
  const injected = await loadGrammar(language, { hostGrammarFile });
  const base: Measurement = { label: `${host} alone (baseline)`, ms: timeCall(() => tokenizeAll(alone, lines), iterations, 2), maxRssMB: Number.NaN };
  const ours: Measurement = { label: `${host} + KMS Lens injection`, ms: timeCall(() => tokenizeAll(injected, lines), iterations, 2), maxRssMB: Number.NaN };
  printTable(title, [base, ours], base);
}

export async function run(): Promise<void> {
  const log = JSON.parse(generateLog(1024 * 1024)) as { Records: unknown[] };
  const records = log.Records.map((r) => JSON.stringify(r));
  const chars = records.reduce((n, l) => n + l.length, 0);
  await compare(`Tokenizing ${records.length} CloudTrail records as JSON Lines (${(chars / 1024).toFixed(0)} KiB, ${Math.round(chars / records.length)} chars a line)`, 'jsonl', records, 20);

  const policyText = fs.readFileSync(path.join(ROOT, 'samples', 'key-policy.json'), 'utf8');
  await compare(`Tokenizing samples/key-policy.json (${policyText.split('\n').length} lines)`, 'json', policyText.split('\n'), 200);

  // A policy near the 32 KB key policy limit: the statements of the sample, repeated.
  const sample = JSON.parse(policyText) as { Statement: unknown[] };
  const big = { ...sample, Statement: [] as unknown[] };
  while (JSON.stringify(big, null, 2).length < 30 * 1024) big.Statement.push(...sample.Statement);
  const bigText = JSON.stringify(big, null, 2);
  const parse: Measurement = { label: 'JSON.parse (baseline)', ms: timeCall(() => JSON.parse(bigText), 200), maxRssMB: Number.NaN };
  const tokens: Measurement = {
    label: 'buildModel + semanticTokens',
    ms: timeCall(() => semanticTokens(buildModel(bigText, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize })), 200),
    maxRssMB: Number.NaN,
  };
  printTable(`Semantic tokens of a ${(bigText.length / 1024).toFixed(0)} KiB key policy (${big.Statement.length} statements)`, [parse, tokens], parse);
}
