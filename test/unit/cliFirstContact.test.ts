/**
 * What a new user of `kms-lens` trips over (issue 14): standard input, runs
 * that analyse nothing, usage errors, what --fix changed, --version, --quiet,
 * flags named in messages, and --help listing every flag the parser takes.
 * Run as users run it: the bundled dist/cli.js in a child process.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMMANDS, GLOBAL_FLAGS } from '../../src/cli/args';
import { FIXTURES, runCli as run } from './helpers';

const SEEDS = path.join(FIXTURES, 'corpus', 'seeds');
const POLICIES = path.join(FIXTURES, 'workspace', 'policies');
const GRANTS = path.join(FIXTURES, 'workspace', 'grants');
const BROKEN = path.join(SEEDS, 'deadline-policy-read-write.json');
const pkg = JSON.parse(fs.readFileSync(path.join(FIXTURES, '..', '..', 'package.json'), 'utf8')) as { version: string };

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-cli-'));
}

describe('kms-lens: standard input', () => {
  it('check - reads a policy piped in, and names it <stdin>', () => {
    const r = run(['check', '-'], undefined, fs.readFileSync(BROKEN, 'utf8'));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^<stdin>:1:159 error json-trailing-comma /m);
    assert.match(r.stdout, /in 1 file\n$/);
  });

  it('check - reads CloudTrail events as JSON Lines by their content, like pasted text', () => {
    const lines = fs.readFileSync(path.join(FIXTURES, 'workspace', 'logs', fs.readdirSync(path.join(FIXTURES, 'workspace', 'logs')).find((f) => f.endsWith('.jsonl')) as string), 'utf8');
    const r = run(['check', '--format', 'json', '-'], undefined, lines);
    assert.notEqual(r.code, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /skipped/);
  });

  it('grants - reads list-grants output piped in', () => {
    const listing = fs.readdirSync(GRANTS).find((f) => /list/i.test(f)) as string;
    const r = run(['grants', '--format', 'json', '-'], undefined, fs.readFileSync(path.join(GRANTS, listing), 'utf8'));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { keys: Array<{ grants: Array<{ events: Array<{ file: string }> }> }> };
    assert.ok(out.keys.some((k) => k.grants.some((g) => g.events.some((e) => e.file === '<stdin>'))), r.stdout);
  });

  it('--fix with - is a usage error: standard input cannot be rewritten', () => {
    const r = run(['check', '--fix', '-'], undefined, '{}');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fix cannot write back to standard input/);
  });
});

describe('kms-lens: nothing analysed', () => {
  it('check of an empty directory exits 2 and says the directory held nothing to read', () => {
    const dir = tmpDir();
    const r = run(['check', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`skipped ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: a directory with no \\*\\.json, .* file in it`));
    assert.match(r.stderr, /nothing was analysed.*--allow-empty/);
  });

  it('check of files none of which is a KMS document exits 2 and lists each with its reason', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "app", "version": "1.0.0"}');
    fs.writeFileSync(path.join(dir, 'empty.json'), '');
    const r = run(['check', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /skipped .*package\.json: not a KMS key policy, an IAM policy, CloudTrail events or list-grants output/);
    assert.match(r.stderr, /skipped .*empty\.json: empty/);
    assert.match(r.stdout, /in 0 files/);
  });

  it('--allow-empty accepts a run that analysed nothing, and still lists what was skipped', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions": {}}');
    const r = run(['check', '--allow-empty', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /skipped .*tsconfig\.json/);
    assert.doesNotMatch(r.stderr, /nothing was analysed/);
  });

  it('a run that analysed something lists the skipped files but passes', () => {
    const dir = tmpDir();
    fs.copyFileSync(path.join(POLICIES, 'default-key-policy.json'), path.join(dir, 'key.json'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "app"}');
    const r = run(['check', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /skipped .*package\.json: not a KMS key policy/);
    assert.match(r.stdout, /in 1 file\n$/);
  });

  it('grants on key policies only exits 2: none of them is CloudTrail events or a grant list', () => {
    const r = run(['grants', path.join(POLICIES, 'default-key-policy.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /skipped .*default-key-policy\.json: not CloudTrail events, list-grants output or AWS CLI output about keys/);
    assert.match(r.stderr, /kms-lens grants: nothing was analysed/);
    assert.equal(run(['grants', '--allow-empty', path.join(POLICIES, 'default-key-policy.json')]).code, 0);
  });

  it('a file over --max-file-size is skipped with the size and the flag that raises the limit', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'big.json');
    fs.copyFileSync(BROKEN, file);
    const r = run(['check', '--max-file-size', '0.0001', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /skipped .*big\.json: .* MB, larger than --max-file-size \(0 MB\)|skipped .*big\.json: .*larger than --max-file-size/);
    // The finding the editor shows names the CLI's flag here, not the editor's setting.
    assert.match(r.stdout, /file-too-large Not analysed: .* Raise --max-file-size to analyse it\./);
    assert.doesNotMatch(r.stdout, /kmsLens\./);
  });
});

describe('kms-lens: messages name the CLI flags', () => {
  it('the findings limit names --max-findings', () => {
    const r = run(['check', '--max-findings', '1', BROKEN]);
    assert.match(r.stdout, /too-many-findings \d+ more findings? (are|is) not shown \(limit 1\)\. Raise --max-findings to see them all\./);
    assert.doesNotMatch(r.stdout, /kmsLens\./);
  });
});

describe('kms-lens: usage errors', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /^kms-lens: no command given; the commands are check, grants, format, redact, simulate, access and generate-policy$/],
    [['frobnicate'], /^kms-lens: unknown command "frobnicate"; the commands are check, grants, format, redact, simulate, access and generate-policy$/],
    [['check'], /^kms-lens: no file or directory given \(- reads standard input\)$/],
    [['check', '--fromat', 'json', 'x.json'], /^kms-lens: check: unknown option --fromat; did you mean --format\?$/],
    [['check', '--format', 'xml', 'x.json'], /^kms-lens: check: --format must be text, json or sarif, not "xml"$/],
    [['check', 'x.json', '--format'], /^kms-lens: check: --format needs a value \(text\|json\|sarif\)$/],
    [['check', '--fix=yes', 'x.json'], /^kms-lens: check: --fix takes no value$/],
    [['check', '--rule', 'no-such-rule=off', 'x.json'], /^kms-lens: --rule: unknown rule "no-such-rule"$/],
    [['grants', '--fix', 'x.json'], /^kms-lens: grants: unknown option --fix$/],
  ];
  for (const [args, first] of cases) {
    it(`kms-lens ${args.join(' ')}: one line, then how to get help`, () => {
      const r = run(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, r.stderr);
      assert.match(lines[0], first);
      assert.equal(lines[1], 'Run "kms-lens --help" for the commands and their options.');
    });
  }
});

describe('kms-lens check --fix', () => {
  it('says which file it changed, by rule and count', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*",},]}');
    const r = run(['check', '--fix', file]);
    assert.match(r.stderr, new RegExp(`^kms-lens: fixed ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 3 problems \\(json-trailing-comma 2, policy-effect-invalid 1\\)$`, 'm'), r.stderr);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(file, 'utf8')));
    // Nothing left to fix: nothing said.
    const again = run(['check', '--fix', file]);
    assert.doesNotMatch(again.stderr, /fixed/);
  });
});

describe('kms-lens --version and --quiet', () => {
  it('--version and -v print the package version, also after a command', () => {
    for (const args of [['--version'], ['-v'], ['check', '--version']]) {
      const r = run(args);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${pkg.version}\n`);
    }
  });

  it('--quiet prints only error findings, and counts only them', () => {
    const loud = run(['check', '--format', 'json', BROKEN]);
    const all = JSON.parse(loud.stdout) as Array<{ severity: string }>;
    assert.ok(all.some((f) => f.severity !== 'error'), 'the seed has findings below error');
    const quiet = run(['check', '--format', 'json', '--quiet', BROKEN]);
    assert.equal(quiet.code, loud.code);
    assert.deepEqual(JSON.parse(quiet.stdout), all.filter((f) => f.severity === 'error'));
    const text = run(['check', '--quiet', BROKEN]);
    assert.ok(text.stdout.trimEnd().split('\n').slice(0, -1).every((l) => / error /.test(l)), text.stdout);
  });

  it('--quiet leaves out the list of skipped files unless nothing was analysed', () => {
    const dir = tmpDir();
    fs.copyFileSync(path.join(POLICIES, 'default-key-policy.json'), path.join(dir, 'key.json'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "app"}');
    assert.equal(run(['check', '--quiet', dir]).stderr, '');
    fs.rmSync(path.join(dir, 'key.json'));
    assert.match(run(['check', '--quiet', dir]).stderr, /skipped .*package\.json/);
  });
});

describe('kms-lens --help', () => {
  const help = run(['--help']);

  it('exits 0 and prints the help, also as -h and after a command', () => {
    assert.equal(help.code, 0);
    assert.equal(run(['-h']).stdout, help.stdout);
    assert.equal(run(['check', '--help']).stdout, help.stdout);
  });

  it('documents every flag each command accepts, with its value and its line', () => {
    for (const [command, spec] of Object.entries(COMMANDS)) {
      const section = help.stdout.slice(help.stdout.indexOf(`kms-lens ${command}:`));
      for (const f of spec.flags) {
        assert.ok(section.includes(`--${f.name}${f.value ? ` ${f.value}` : ''}`), `${command} --${f.name} is not in --help`);
        assert.ok(section.includes(f.help()), `the help line of ${command} --${f.name}`);
      }
    }
    for (const f of GLOBAL_FLAGS) assert.match(help.stdout, new RegExp(`-${f.short}, --${f.name}`));
  });

  it('every flag it documents is accepted by its command', function () {
    // One process per flag of every command: slow on a shared machine.
    this.timeout(180_000);
    const dir = tmpDir();
    const file = path.join(dir, 'key.json');
    fs.copyFileSync(path.join(POLICIES, 'default-key-policy.json'), file);
    const log = path.join(GRANTS, fs.readdirSync(GRANTS)[0]);
    const sample: Record<string, string> = { format: 'json', rule: 'policy-placeholder=off', kind: '*.json=keyPolicy', 'max-findings': '5', 'max-file-size': '10', jobs: '2', policy: file, 'identity-policy': path.join(POLICIES, 'deadline-read-write.json'), logs: log, key: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' };
    sample['key-policy'] = `${sample.key}=${file}`;
    // What each command needs besides the flag tried: its input, and simulate's key policy.
    const rest: Record<string, string[]> = { grants: [log], simulate: ['--policy', file, log], 'generate-policy': ['--key', sample.key, log] };
    for (const [command, spec] of Object.entries(COMMANDS)) {
      for (const f of spec.flags) {
        const args = f.value ? [`--${f.name}`, sample[f.name]] : [`--${f.name}`];
        const r = run([command, ...args, ...(rest[command] ?? [file])]);
        assert.notEqual(r.code, 2, `${command} ${args.join(' ')}: ${r.stderr}`);
      }
    }
  });
});
