import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { collectFiles, type InputFile } from '../../src/cli/files';
import { indexFile, type IndexedFile } from '../../src/cli/fileWork';
import { FactsRun, GrantsRun, toJsonReport, toTextReport } from '../../src/cli/grants';
import { readInput } from '../../src/cli/files';
// The CLI end to end is tested as users run it: the bundled dist/cli.js in a child process.
import { FIXTURES, runCli as run } from './helpers';

const GRANTS_LOG = path.join(FIXTURES, 'workspace', 'grants', 'grants-cloudtrail.json');
const LIFECYCLE_LOG = path.join(FIXTURES, 'workspace', 'lifecycle', 'key-lifecycle.json');

interface Event { eventTime: string; eventName: string }

const pad = (n: number): string => String(n).padStart(2, '0');

/** Where CloudTrail delivers the archive holding an event: `<prefix>/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<time>_<id>.json.gz`. */
function archiveOf(prefix: string, account: string, region: string, time: string, id: string): string {
  const t = new Date(time);
  const stamp = `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}Z`;
  return path.join(prefix, account, 'CloudTrail', region, String(t.getUTCFullYear()), pad(t.getUTCMonth() + 1), pad(t.getUTCDate()), `${account}_CloudTrail_${region}_${stamp}_${id}.json.gz`);
}

function writeGz(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? gzipSync(content) : content);
}

/**
 * A bucket as S3 holds it: the grants fixture log cut into one archive per
 * event (a grant is created in one archive and used or retired in others),
 * the lifecycle log as an organization trail's archive, a digest file, a
 * README, and a JSON file that is not a log.
 */
function bucket(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-folders-'));
  const awsLogs = path.join(root, 'AWSLogs');
  const records = (JSON.parse(fs.readFileSync(GRANTS_LOG, 'utf8')) as { Records: Event[] }).Records;
  records.forEach((ev, i) => writeGz(archiveOf(awsLogs, '111122223333', 'us-west-2', ev.eventTime, `id${i}`), JSON.stringify({ Records: [ev] })));
  const life = JSON.parse(fs.readFileSync(LIFECYCLE_LOG, 'utf8')) as { Records: Event[] };
  writeGz(archiveOf(path.join(awsLogs, 'o-aa111bb222'), '444455556666', 'eu-west-1', life.Records[0].eventTime, 'org'), JSON.stringify(life));
  const digestDir = path.join(awsLogs, '111122223333', 'CloudTrail-Digest', 'us-west-2', '2024', '05', '02');
  writeGz(path.join(digestDir, '111122223333_CloudTrail-Digest_us-west-2_trail_us-west-2_20240502T120000Z.json.gz'), JSON.stringify({ awsAccountId: '111122223333', digestStartTime: '2024-05-02T11:00:00Z', logFiles: [] }));
  fs.writeFileSync(path.join(root, 'README.txt'), 'CloudTrail logs, copied with aws s3 sync\n');
  fs.writeFileSync(path.join(root, 'manifest.json'), '{"bucket": "trail-bucket", "prefix": "AWSLogs/"}\n');
  return root;
}

/** The grants of a JSON report, by id, with their status: what a folder and the single log must agree on. */
function grantStatuses(report: { keys: Array<{ grants: Array<{ grantId: string; status: string }> }> }): string[] {
  return report.keys.flatMap((k) => k.grants.map((g) => `${g.grantId} ${g.status}`)).sort();
}

describe('kms-lens on folders of CloudTrail archives', function () {
  this.timeout(60000);
  let root: string;
  before(() => {
    root = bucket();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('the walk', () => {
    it('finds every archive of a nested AWSLogs tree, organization trails included, in path order, and passes digest files by', () => {
      const { files, errors, skipped } = collectFiles([root]);
      assert.deepEqual(errors, []);
      assert.deepEqual(skipped, []);
      const names = files.map((f) => path.relative(root, f.absolute));
      assert.equal(names.filter((n) => n.endsWith('.json.gz')).length, 14, names.join('\n'));
      assert.ok(names.some((n) => n.startsWith(path.join('AWSLogs', 'o-aa111bb222', '444455556666', 'CloudTrail', 'eu-west-1'))));
      assert.ok(!names.some((n) => n.includes('Digest')), 'no digest file is read');
      // A JSON file that is not a log is read as today (and said to be skipped); a README is not looked at.
      assert.ok(names.includes('manifest.json'));
      assert.ok(!names.includes('README.txt'));
      assert.deepEqual(names, [...names].sort((a, b) => {
        const x = a.split(path.sep);
        const y = b.split(path.sep);
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i].localeCompare(y[i]);
        return x.length - y.length;
      }), 'path order, directory by directory');
    });

    it('says an empty folder has nothing to read', () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-empty-'));
      try {
        const { files, skipped } = collectFiles([empty]);
        assert.deepEqual(files, []);
        assert.equal(skipped.length, 1);
        assert.match(skipped[0].reason, /a directory with no .*\*\.json\.gz file in it/);
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    });

    it('reads a digest file named on the command line as any file', () => {
      const digest = collectFiles([root]).files.length;
      const named = path.join(root, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-west-2', '2024', '05', '02', '111122223333_CloudTrail-Digest_us-west-2_trail_us-west-2_20240502T120000Z.json.gz');
      assert.equal(collectFiles([named]).files.length, 1);
      assert.ok(digest > 1);
    });
  });

  describe('facts kept per file', () => {
    it('give the keys model the texts give, on every log of the fixtures that feeds it', () => {
      const files: InputFile[] = collectFiles([path.join(FIXTURES, 'workspace'), path.join(FIXTURES, 'realworld', 'cloudtrail')]).files;
      const indexed = files.map((f) => structuredClone(indexFile(f, Number.POSITIVE_INFINITY)) as IndexedFile);
      const kept = indexed.flatMap((r) => (r.facts && r.lines ? [{ facts: r.facts, lines: r.lines }] : []));
      const fromFacts = new FactsRun(kept);
      const fromTexts = new GrantsRun(files.map((f) => {
        const input = readInput(f);
        return { file: f.display, text: input.text, languageId: input.hints.languageId, fileName: input.hints.fileName };
      }));
      assert.ok(fromTexts.model.keys.length > 5 && fromTexts.model.sources.length > 5, 'the fixtures have keys to compare');
      assert.deepEqual(toJsonReport(fromFacts), toJsonReport(fromTexts));
      assert.equal(toTextReport(fromFacts), toTextReport(fromTexts));
    });
  });

  describe('kms-lens grants DIR', () => {
    it('prints the same with --jobs 1 and --jobs 2, in text and in JSON', () => {
      for (const format of ['text', 'json']) {
        const one = run(['grants', '--jobs', '1', '--format', format, root]);
        const two = run(['grants', '--jobs', '2', '--format', format, root]);
        assert.equal(one.code, 0, one.stderr);
        assert.deepEqual(two, one);
      }
    });

    it('merges the archives as one log: grants created in one archive and retired in another, events at their archive\'s line', () => {
      const folder = JSON.parse(run(['grants', '--format', 'json', root]).stdout);
      const single = JSON.parse(run(['grants', '--format', 'json', GRANTS_LOG, LIFECYCLE_LOG]).stdout);
      assert.deepEqual(grantStatuses(folder), grantStatuses(single));
      assert.ok(grantStatuses(folder).some((g) => g.endsWith(' retired')));
      const text = run(['grants', root]).stdout;
      assert.match(text, /in 14 files\n$/, 'the 13 archives and the organization trail\'s count; the manifest does not');
      // Each archive holds one event on one line: every event is placed at line 1 of its own archive.
      const places = JSON.stringify(folder).match(/"file":"[^"]+","line":\d+/g) ?? [];
      assert.ok(places.length > 5);
      for (const p of places) assert.match(p, /_CloudTrail_(us-west-2|eu-west-1)_\d{8}T\d{4}Z_(id\d+|org)\.json\.gz","line":1$/);
      assert.ok(places.some((p) => p.includes('_id')) && places.some((p) => p.includes('_org')), 'events of both trails');
    });

    it('says nothing of digest files, and what it says of the other files is what it says today', () => {
      const r = run(['grants', root]);
      assert.doesNotMatch(r.stderr, /Digest/);
      assert.match(r.stderr, /skipped .*manifest\.json: not CloudTrail events/);
    });

    it('exits 2 on an empty folder, saying nothing was analysed', () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-empty-'));
      try {
        const r = run(['grants', empty]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /nothing was analysed/);
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    });
  });

  describe('kms-lens check DIR', () => {
    it('prints the same with --jobs 1 and --jobs 2, in every format', () => {
      for (const format of ['text', 'json', 'sarif']) {
        const one = run(['check', '--jobs', '1', '--format', format, root]);
        const two = run(['check', '--jobs', '2', '--format', format, root]);
        assert.notEqual(one.code, 2, one.stderr);
        assert.deepEqual(two, one);
      }
    });

    it('words the findings in the language asked for in the worker threads too (--locale it)', () => {
      const one = run(['check', '--jobs', '1', '--locale', 'it', root]);
      const two = run(['check', '--jobs', '2', '--locale', 'it', root]);
      assert.deepEqual(two, one);
      assert.notDeepEqual(one.stdout, run(['check', '--jobs', '1', '--locale', 'en', root]).stdout, 'the Italian run is worded in Italian');
    });

    it('reads each archive, in path order', () => {
      const r = run(['check', root]);
      const readAs = r.stdout.split('\n').filter((l) => / read as /.test(l)).map((l) => l.replace(/: read as .*$/, ''));
      assert.equal(readAs.length, 14, r.stdout);
      assert.deepEqual(readAs, collectFiles([root]).files.filter((f) => f.display.endsWith('.gz')).map((f) => f.display));
    });
  });

  describe('a damaged archive', () => {
    let damaged: string;
    before(() => {
      damaged = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-damaged-'));
      fs.cpSync(root, damaged, { recursive: true });
      const day = path.join(damaged, 'AWSLogs', '111122223333', 'CloudTrail', 'us-west-2', '2024', '05', '02');
      // Not gzip at all, and a gzip cut short (an interrupted download).
      fs.writeFileSync(path.join(day, '111122223333_CloudTrail_us-west-2_20240502T0000Z_notgzip.json.gz'), 'this is not gzip');
      fs.writeFileSync(path.join(day, '111122223333_CloudTrail_us-west-2_20240502T0001Z_cut.json.gz'), gzipSync(fs.readFileSync(GRANTS_LOG)).subarray(0, 200));
    });
    after(() => fs.rmSync(damaged, { recursive: true, force: true }));

    for (const jobs of ['1', '2']) {
      it(`is named on stderr with exit 2, and the other archives are still read (--jobs ${jobs})`, () => {
        const grants = run(['grants', '--jobs', jobs, '--format', 'json', damaged]);
        assert.equal(grants.code, 2);
        assert.match(grants.stderr, /_notgzip\.json\.gz: cannot read the gzip archive: /);
        assert.match(grants.stderr, /_cut\.json\.gz: cannot read the gzip archive: /);
        assert.deepEqual(grantStatuses(JSON.parse(grants.stdout)), grantStatuses(JSON.parse(run(['grants', '--format', 'json', GRANTS_LOG, LIFECYCLE_LOG]).stdout)));

        const check = run(['check', '--jobs', jobs, damaged]);
        assert.equal(check.code, 2);
        assert.match(check.stderr, /_notgzip\.json\.gz: cannot read the gzip archive: /);
        assert.match(check.stdout, /in 14 files\n$/, 'every readable archive is checked');
      });
    }
  });

  it('refuses a --jobs that is not a positive whole number', () => {
    for (const jobs of ['0', '-1', 'two', '1.5']) {
      const r = run(['grants', `--jobs=${jobs}`, root]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--jobs expects a positive whole number/);
    }
  });
});
