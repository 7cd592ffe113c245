/**
 * The CLI speaks the user's language: `--locale it|es|en`, else LC_ALL,
 * LC_MESSAGES, LANG. Run as users run it: the bundled dist/cli.js in a child
 * process, so this also proves the bundles travel inside dist/cli.js.
 * JSON and SARIF keep every rule id, range and field; only messages change.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localeFromEnv } from '../../src/cli/locale';
import { CLI, CORPUS } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const bundle = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`), 'utf8'));

/** No locale variable of the test's own environment leaks in: each case sets what it tests. */
function run(args: string[], env: Record<string, string> = {}, cwd = CORPUS): { code: number | null; stdout: string; stderr: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LANG' && k !== 'LANGUAGE' && !k.startsWith('LC_'))) as Record<string, string>;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...base, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A value with its human text (`message`, and the grants report's `description`) removed, for comparing structure across languages. */
function withoutMessages(v: unknown, text: readonly string[] = ['message']): unknown {
  if (Array.isArray(v)) return v.map((x) => withoutMessages(x, text));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !text.includes(k)).map(([k, x]) => [k, withoutMessages(x, text)]));
  return v;
}

interface JsonFinding {
  code: string;
  message: string;
}

const TRAILING_COMMA = 'Trailing comma: JSON does not allow a comma before "{0}"; AWS refuses a policy written so, and JSON readers such a file.';

describe('kms-lens --locale', function () {
  this.timeout(60_000);

  it('reads the language from LC_ALL, then LC_MESSAGES, then LANG; C, POSIX and other languages are English', () => {
    assert.equal(localeFromEnv({ LANG: 'it_IT.UTF-8' }), 'it');
    assert.equal(localeFromEnv({ LANG: 'es_ES.UTF-8' }), 'es');
    assert.equal(localeFromEnv({ LANG: 'es_MX' }), 'es');
    assert.equal(localeFromEnv({ LANG: 'it_CH@euro' }), 'it');
    assert.equal(localeFromEnv({ LANG: 'it' }), 'it');
    assert.equal(localeFromEnv({ LC_ALL: 'es_ES.UTF-8', LC_MESSAGES: 'it_IT.UTF-8', LANG: 'en_US.UTF-8' }), 'es');
    assert.equal(localeFromEnv({ LC_MESSAGES: 'it_IT.UTF-8', LANG: 'es_ES.UTF-8' }), 'it');
    assert.equal(localeFromEnv({ LC_ALL: '', LANG: 'it_IT.UTF-8' }), 'it');
    assert.equal(localeFromEnv({ LC_ALL: 'C', LANG: 'it_IT.UTF-8' }), 'en');
    assert.equal(localeFromEnv({ LANG: 'C.UTF-8' }), 'en');
    assert.equal(localeFromEnv({ LANG: 'POSIX' }), 'en');
    assert.equal(localeFromEnv({ LANG: 'fr_FR.UTF-8' }), 'en');
    assert.equal(localeFromEnv({}), 'en');
  });

  it('--locale it prints the finding in Italian', () => {
    const r = run(['check', '--locale', 'it', 'seeds/deadline-policy-read-write.json']);
    assert.equal(r.code, 1, r.stderr);
    const italian = bundle('it')[TRAILING_COMMA].replace('{0}', ']');
    assert.match(italian, /^Virgola finale/);
    assert.ok(r.stdout.includes(`:1:159 error json-trailing-comma ${italian}`), r.stdout);
    assert.doesNotMatch(r.stdout, /Trailing comma/);
  });

  it('LANG=es_ES.UTF-8 prints the finding in Spanish; --locale wins over the environment', () => {
    const es = run(['check', 'seeds/deadline-policy-read-write.json'], { LANG: 'es_ES.UTF-8' });
    const spanish = bundle('es')[TRAILING_COMMA].replace('{0}', ']');
    assert.match(spanish, /^Coma final/);
    assert.ok(es.stdout.includes(`error json-trailing-comma ${spanish}`), es.stdout);
    const en = run(['check', '--locale=en', 'seeds/deadline-policy-read-write.json'], { LANG: 'es_ES.UTF-8' });
    assert.ok(en.stdout.includes(`error json-trailing-comma ${TRAILING_COMMA.replace('{0}', ']')}`), en.stdout);
  });

  it('an unknown --locale is a usage error that names the choices', () => {
    const r = run(['check', '--locale', 'fr', 'seeds']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--locale must be en, it or es, not "fr"/);
    assert.match(run(['--help']).stdout, /--locale en\|it\|es/);
  });

  it('JSON output is the same in every language but for the messages, and every message is translated', () => {
    const outputs = Object.fromEntries(['en', 'it', 'es'].map((l) => [l, JSON.parse(run(['check', '--format', 'json', '--locale', l, 'seeds']).stdout) as JsonFinding[]]));
    assert.ok(outputs.en.length >= 10, `${outputs.en.length} findings`);
    for (const l of ['it', 'es']) {
      assert.deepEqual(withoutMessages(outputs[l]), withoutMessages(outputs.en));
      const untranslated = outputs[l].filter((f, i) => f.message === outputs.en[i].message).map((f) => `${f.code}: ${f.message}`);
      assert.deepEqual(untranslated, [], `${l}: messages left in English`);
    }
  });

  it('SARIF output is the same in every language but for the message texts', () => {
    const sarif = (l: string) => JSON.parse(run(['check', '--format', 'sarif', '--locale', l, 'seeds']).stdout);
    const en = sarif('en');
    const it = sarif('it');
    assert.deepEqual(withoutMessages(it), withoutMessages(en));
    const texts = (s: { runs: Array<{ results: Array<{ message: { text: string } }> }> }) => s.runs[0].results.map((r) => r.message.text);
    assert.ok(texts(it).some((t) => t.startsWith('Virgola finale')));
    assert.notDeepEqual(texts(it), texts(en));
  });

  it('grants text output words its summaries in the chosen language, with the same grants', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-locale-'));
    const seeds = path.join(CORPUS, 'seeds');
    for (const f of fs.readdirSync(seeds).filter((f) => f.startsWith('fargate-'))) fs.copyFileSync(path.join(seeds, f), path.join(dir, f));
    const en = run(['grants', '.'], {}, dir);
    const it = run(['grants', '.'], { LC_ALL: 'it_IT.UTF-8' }, dir);
    assert.equal(it.code, en.code);
    assert.match(en.stdout, /\[retired\]/);
    assert.match(it.stdout, /\[ritirata\]/);
    assert.match(it.stdout, /il contesto di crittografia include aws:ecs:clusterAccount=/);
    const json = (env: Record<string, string>) => JSON.parse(run(['grants', '--format', 'json', '.'], env, dir).stdout);
    assert.deepEqual(withoutMessages(json({ LANG: 'es_ES.UTF-8' }), ['description']), withoutMessages(json({}), ['description']));
  });

  it('check words its own lines in the chosen language: what each file was read as, and the counts', () => {
    const file = 'seeds/deadline-policy-read-write.json';
    const it = run(['check', '--locale', 'it', file]).stdout.split('\n');
    const readAsIt = bundle('it')['an IAM identity policy or permissions boundary'];
    assert.ok(it.includes(`${file}: letto come ${readAsIt}, 4 risultati`), it.join('\n'));
    assert.ok(it.includes('2 errori, 0 avvisi, 2 informazioni, 0 suggerimenti in 1 file'), it.join('\n'));
    assert.doesNotMatch(it.join('\n'), /read as|findings|errors|warnings/);
    const en = run(['check', '--locale', 'en', file]).stdout.split('\n');
    assert.ok(en.includes(`${file}: read as an IAM identity policy or permissions boundary, 4 findings`), en.join('\n'));
    assert.ok(en.includes('2 errors, 0 warnings, 2 information, 0 hints in 1 file'), en.join('\n'));
  });

  it('check counts one of a kind in the singular, in each language', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-locale-'));
    fs.writeFileSync(path.join(dir, 'one.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",}]}');
    const summary = (l: string) => run(['check', '--locale', l, 'one.json'], {}, dir).stdout.trim().split('\n').pop();
    assert.equal(summary('en'), '1 error, 0 warnings, 1 information, 0 hints in 1 file');
    assert.equal(summary('it'), '1 errore, 0 avvisi, 1 informazione, 0 suggerimenti in 1 file');
    assert.equal(summary('es'), '1 error, 0 advertencias, 1 información, 0 sugerencias en 1 archivo');
  });

  it('skip notes and usage errors on stderr are in the chosen language', () => {
    const it = run(['grants', '--locale', 'it', 'README.md']);
    assert.equal(it.code, 2);
    assert.match(it.stderr, /kms-lens: ignorato README\.md: non contiene eventi CloudTrail/);
    assert.match(it.stderr, /kms-lens grants: non è stato analizzato nulla: nessuno degli input contiene eventi CloudTrail/);
    const es = run(['check', '--locale', 'es', '--jobs', '0', 'seeds']);
    assert.equal(es.code, 2);
    assert.equal(es.stderr, 'kms-lens: --jobs espera un número entero positivo\nEjecute "kms-lens --help" para ver los comandos y sus opciones.\n');
    const en = run(['grants', 'README.md']);
    assert.match(en.stderr, /kms-lens: skipped README\.md: not CloudTrail events, list-grants output/);
  });

  it('grants --locale es words its totals line in Spanish; English keeps its own', () => {
    const es = run(['grants', '--locale', 'es', 'seeds/deadline-creategrant.json']).stdout.trim().split('\n').pop();
    assert.equal(es, '1 concesión (activas: 1) en 1 clave, 0 intentos, en 1 archivo');
    const en = run(['grants', 'seeds/deadline-creategrant.json']).stdout.trim().split('\n').pop();
    assert.equal(en, '1 grant (1 active) on 1 key, 0 attempts, in 1 file');
  });
});
