/**
 * Every command of the CLI in Italian and Spanish, beyond check's findings
 * (cliLocale.test.ts): the grants tree, simulate's and access's text,
 * generate-policy's summary, format's and redact's notes, usage errors and
 * --help. Run as users run it, dist/cli.js in a child process. The words
 * change; the tree, the ids, the decisions and the JSON stay the same.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { COMMANDS, GLOBAL_FLAGS, LOCALE_FLAG } from '../../src/cli/args';
import { grantsDescription } from '../../src/core/keys/outlineGrants';
import type { KeyGrants } from '../../src/core/keys/types';
import { CLI, CORPUS } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const bundle = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`), 'utf8'));
const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function run(args: string[], env: Record<string, string> = {}, cwd = CORPUS): { code: number | null; stdout: string; stderr: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LANG' && k !== 'LANGUAGE' && !k.startsWith('LC_'))) as Record<string, string>;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...base, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A line of a tree without its branches: `├─ operations: Decrypt` -> `operations: Decrypt`. */
const content = (line: string): string => line.replace(/^[│├└─ ]*/, '');
/** The branches of a tree line, which no language changes. */
const branches = (line: string): string => /^[│├└─ ]*/.exec(line)?.[0] ?? '';

const SAMPLES = ['samples/grants-cloudtrail.json', 'samples/key-lifecycle.json', 'samples/list-grants.json'];
/** The words the English grants tree starts its lines with, or puts between a time and a caller. */
const ENGLISH_TREE = /^(key|grant|operations|constraints|grantee|retiring principal|issuing account|name|note|uses|state|rotation|timeline|used by|created|retired|revoked|attempt|multi-Region|refused because)\b| by | via |not through a grant|naming no grant/;

describe('kms-lens commands in Italian and Spanish', function () {
  this.timeout(120_000);

  it('grants draws the same tree in every language, every line worded in it', () => {
    const en = run(['grants', ...SAMPLES], {}, ROOT);
    assert.equal(en.code, 0, en.stderr);
    const enLines = en.stdout.trimEnd().split('\n');
    assert.match(en.stdout, /^└─ grant 6bbe8193[0-9a-f]+ \[active\]$/m);
    for (const lang of ['it', 'es']) {
      const out = run(['grants', '--locale', lang, ...SAMPLES], {}, ROOT).stdout.trimEnd().split('\n');
      assert.equal(out.length, enLines.length, lang);
      assert.deepEqual(out.map(branches), enLines.map(branches), `${lang}: the same tree`);
      const english = out.slice(0, -1).filter((l) => ENGLISH_TREE.test(content(l)));
      assert.deepEqual(english, [], `${lang}: lines left in English`);
    }
    const it = run(['grants', '--locale', 'it', ...SAMPLES], {}, ROOT).stdout;
    assert.match(it, /^└─ concessione 6bbe8193[0-9a-f]+ \[attiva\]$/m);
    assert.match(it, /^ {3}├─ operazioni: CreateGrant, Decrypt, DescribeKey, Encrypt, GenerateDataKey$/m);
    assert.match(it, /creata 2024-05-02 12:05:35 UTC da arn:aws:sts::111122223333:assumed-role\/Admin\/SampleUser01 tramite deadline\.amazonaws\.com \(samples\/grants-cloudtrail\.json:323\)/);
    assert.match(it, /^├─ cronologia: 2 eventi$/m);
    assert.match(it, /^└─ 2 usi non tramite una concessione di questi log$/m);
    const es = run(['grants', '--locale', 'es', ...SAMPLES], {}, ROOT).stdout;
    assert.match(es, /^ {3}├─ entidad principal beneficiaria: deadline\.amazonaws\.com$/m);
    assert.match(es, /^├─ estado: Deshabilitada desde el .* por arn:aws:iam::482913650217:user\/Bob/m);
  });

  it('the grants tree the guides show (docs/keys.md, .it.md, .es.md) is what the CLI prints in that language', () => {
    for (const [lang, page] of [['en', 'keys.md'], ['it', 'keys.it.md'], ['es', 'keys.es.md']]) {
      const printed = run(['grants', '--locale', lang, ...SAMPLES], {}, ROOT).stdout.split('\n');
      const shown = /```text\n((?:key|chiave|clave) arn:[^]*?)\n```/.exec(fs.readFileSync(path.join(ROOT, 'docs', page), 'utf8'))?.[1];
      assert.ok(shown, page);
      const missing = shown.split('\n').filter((l) => l !== '├─ …' && !printed.includes(l));
      assert.deepEqual(missing, [], `${page}: lines the CLI does not print`);
    }
  });

  it('a key\'s count of grants agrees with one active grant, and with none (1 attiva, nessuna attiva)', () => {
    const entry = (statuses: string[]): KeyGrants => ({ grants: statuses.map((status) => ({ status })) }) as unknown as KeyGrants;
    try {
      l10n.config({ contents: bundle('it') });
      assert.equal(grantsDescription(entry(['active'])), '1 concessione, 1 attiva');
      assert.equal(grantsDescription(entry(['retired'])), '1 concessione, nessuna attiva');
      assert.equal(grantsDescription(entry(['active', 'revoked'])), '2 concessioni, 1 attiva');
      assert.equal(grantsDescription(entry(['active', 'active', 'retired'])), '3 concessioni, 2 attive');
      l10n.config({ contents: bundle('es') });
      assert.equal(grantsDescription(entry(['active'])), '1 concesión, 1 activa');
      assert.equal(grantsDescription(entry(['revoked', 'retired'])), '2 concesiones, 0 activas');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(grantsDescription(entry(['active'])), '1 grant, 1 active');
    assert.equal(grantsDescription(entry(['retired'])), '1 grant, 0 active');
    assert.equal(grantsDescription(entry(['active', 'revoked'])), '2 grants, 1 active');
  });

  it('simulate words its lines and tally; decisions, exit status and JSON are those of English', () => {
    const args = ['simulate', '--policy', 'seeds/deadline-policy-read-write.json', 'seeds/deadline-decrypt.json'];
    const en = run(args);
    const it = run([...args, '--locale', 'it']);
    assert.equal(it.code, en.code);
    assert.match(en.stdout, /^seeds\/deadline-decrypt\.json:1 Decrypt by arn:\S+: implicitDeny\. /m);
    assert.match(en.stdout, /^ {2}contradiction: the call succeeded/m);
    assert.match(en.stdout, /^1 KMS event \(1 implicitDeny\), 1 contradiction$/m);
    assert.match(it.stdout, /^seeds\/deadline-decrypt\.json:1 Decrypt da arn:\S+: implicitDeny\. Non consentita\./m);
    assert.match(it.stdout, /^ {2}contraddizione: la chiamata è riuscita, ma questa policy e queste concessioni la negano/m);
    assert.match(it.stdout, /^1 evento KMS \(1 implicitDeny\), 1 contraddizione$/m);
    assert.equal(run([...args, '--format', 'json', '--locale', 'es']).stdout, run([...args, '--format', 'json']).stdout);
  });

  it('access words what no event used', () => {
    const r = run(['access', '--locale', 'es', '--logs', 'samples/grants-cloudtrail.json', '--key', KEY, 'samples/key-policy.json'], {}, ROOT);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}Acceso sin usar \(\d+ eventos sobre la clave entre \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC y \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\):$/m);
    assert.match(r.stdout, /^ {4}instrucción 3 \(Allow attachment of persistent resources\): no usada$/m);
    assert.match(r.stdout, /^ {4}concesión abcde123[0-9a-f]+: no usada$/m);
    assert.doesNotMatch(r.stdout, /Unused access|not used/);
  });

  it('generate-policy says what it read in the chosen language, on stderr; the policy is the same', () => {
    const args = ['generate-policy', '--key', KEY, 'samples/grants-cloudtrail.json'];
    const en = run(args, {}, ROOT);
    const es = run(args, { LANG: 'es_ES.UTF-8' }, ROOT);
    assert.equal(es.stdout, en.stdout);
    assert.match(en.stderr, /^kms-lens: from 6 successful calls by 4 principals, \S+ to \S+$/m);
    assert.match(es.stderr, /^kms-lens: a partir de 6 llamadas correctas de 4 entidades principales, del \S+ al \S+$/m);
  });

  it('format and redact say what they did, and refuse, in the chosen language', () => {
    const redacted = run(['redact', '--locale', 'it', 'seeds/deadline-decrypt.json']);
    assert.equal(redacted.code, 0);
    assert.match(redacted.stderr, /^kms-lens redact: seeds\/deadline-decrypt\.json: sostituiti 1 ID account, .*; i nomi nel testo libero non sono oscurati$/m);
    assert.equal(redacted.stdout, run(['redact', 'seeds/deadline-decrypt.json']).stdout);
    const lines = run(['format', '--locale', 'es', 'samples/aws-guide/deadline-events.jsonl'], {}, ROOT);
    assert.match(lines.stderr, /JSON Lines ya contiene un evento por línea; se deja tal cual/);
    const two = run(['format', '--locale', 'it', 'seeds/deadline-decrypt.json', 'seeds/deadline-creategrant.json']);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /^kms-lens: format: indica un solo file \(lo standard output contiene un solo testo\), oppure --write per riscrivere ogni file$/m);
  });

  it('usage errors of the parser are in the chosen language; a bad --locale is told in the environment\'s', () => {
    const unknown = run(['check', '--locale', 'it', '--formt', 'json', 'seeds']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^kms-lens: check: opzione sconosciuta --formt; intendevi --format\?$/m);
    assert.match(run(['check', '--locale', 'es', '--format', 'xml', 'seeds']).stderr, /^kms-lens: check: --format debe ser text, json o sarif, no "xml"$/m);
    assert.match(run(['chek', '--locale', 'es']).stderr, /^kms-lens: comando desconocido "chek"; los comandos son check, grants, /m);
    const badLocale = run(['check', '--locale', 'fr', 'seeds'], { LANG: 'it_IT.UTF-8' });
    assert.equal(badLocale.code, 2);
    assert.match(badLocale.stderr, /^kms-lens: --locale deve essere en, it o es, non "fr"$/m);
    assert.match(run(['check', '--locale'], { LANG: 'es_ES.UTF-8' }).stderr, /^kms-lens: --locale necesita un valor \(en\|it\|es\)$/m);
    assert.match(run(['simulate', '--locale', 'it', 'seeds']).stderr, /^kms-lens: simulate: --policy FILE è obbligatorio/m);
    assert.match(run(['check', '--locale', 'es', 'no-such-file.json']).stderr, /^kms-lens: no-such-file\.json: no existe el archivo o el directorio$/m);
  });

  it('--help is in the chosen language: every command\'s summary and every flag\'s line; the flags and values stay', () => {
    const english = run(['--help']).stdout;
    for (const lang of ['it', 'es']) {
      const help = run(['--help', '--locale', lang]).stdout;
      const b = bundle(lang);
      const translated = (s: string): string => b[s] ?? assert.fail(`${lang}: no translation of ${JSON.stringify(s)}`);
      assert.equal(help.split('\n').length, english.split('\n').length, `${lang}: the same lines`);
      for (const [name, spec] of Object.entries(COMMANDS)) {
        assert.ok(help.includes(`kms-lens ${name}: ${translated(spec.summary())}`), `${lang}: summary of ${name}`);
        assert.ok(!help.includes(spec.summary()), `${lang}: summary of ${name} left in English`);
        for (const f of spec.flags) {
          assert.ok(help.includes(`--${f.name}${f.value ? ` ${f.value}` : ''}`), `${lang}: --${f.name}`);
          assert.ok(!help.includes(f.help()), `${lang}: help of ${name} --${f.name} left in English: ${f.help()}`);
        }
      }
      for (const f of [...GLOBAL_FLAGS, LOCALE_FLAG]) assert.ok(help.includes(translated(f.help())), `${lang}: --${f.name}`);
      assert.doesNotMatch(help, /^Usage:|^Exit status|^Every command:/m);
    }
    assert.match(run(['--help'], { LANG: 'es_MX.UTF-8' }).stdout, /^Uso:\n {2}kms-lens check \[opciones\] <file\|dir\|->\.\.\.$/m);
  });
});
