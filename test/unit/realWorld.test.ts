/**
 * Acceptance test on the real-world corpus (test/fixtures/realworld): every
 * file gets no finding above information that a KMS expert would call a false
 * alarm, every finding the expert expects, on the text it is about, and, for
 * AWS CLI outputs and CloudTrail logs, the keys and grants `kms-lens grants`
 * must show. The expectations (expected.json) say what AWS does, not what the
 * tool printed when they were written.
 *
 * Part of the default mocha run, and so of CI: a false alarm or a missed
 * mistake on any of these files fails the build. `npm run test:realworld` runs
 * it alone; `npm run realworld` prints where a build stands, file by file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CLI, corpusFiles, describeExpected, describeFinding, judgeFile, loadExpectations, occurrences, prepareCorpus, REALWORLD, type ExpectedFinding,
} from './realWorldCorpus';

const expectations = loadExpectations();
const files = corpusFiles();

describe('real-world corpus', () => {
  before(() => prepareCorpus());

  it('has an expectation for every file and a file for every expectation', () => {
    assert.deepEqual(Object.keys(expectations.files).sort(), files);
  });

  it('is mostly files that are fine, as real repositories are (about four fine files to one with a mistake)', () => {
    const all = Object.values(expectations.files);
    const mistakes = all.filter((e) => e.mistake).length;
    assert.ok(all.length >= 120, `${all.length} files`);
    assert.ok(mistakes > 0 && (all.length - mistakes) / mistakes >= 3, `${mistakes} of ${all.length} files have mistakes`);
    for (const [file, e] of Object.entries(expectations.files)) {
      assert.equal(e.mistake === true, e.findings.length > 0, `${file}: "mistake" and the expected findings disagree`);
    }
  });

  it('points every expected finding at text that is in its file', () => {
    const wrong: string[] = [];
    for (const [file, e] of Object.entries(expectations.files)) {
      const text = fs.readFileSync(path.join(REALWORLD, file), 'utf8');
      for (const x of e.findings as ExpectedFinding[]) {
        if (x.anywhere || x.text === null || file.endsWith('.gz')) continue;
        if (occurrences(text, x.text).length === 0) wrong.push(`${file}: ${JSON.stringify(x.text)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('runs against a built CLI', () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
  });

  for (const file of files) {
    const exp = expectations.files[file];
    if (!exp) continue;
    const title = exp.findings.length === 0
      ? `${file} (${exp.kind}): no finding above information`
      : `${file} (${exp.kind}): ${exp.findings.map(describeExpected).join('; ')}`;
    it(title, function () {
      // Grants checks start the CLI in a child process.
      this.timeout(30000);
      const v = judgeFile(file, exp);
      const problems: string[] = [];
      if (v.crash) problems.push(`analysis threw: ${v.crash}`);
      problems.push(...v.findings.badExpectations);
      for (const f of v.findings.unexpected) problems.push(`unexpected: ${describeFinding(f, v.text)} - ${f.message}`);
      for (const x of v.findings.missing) problems.push(`missing: ${describeExpected(x)}`);
      for (const g of v.grants) problems.push(`grants: ${g}`);
      assert.deepEqual(problems, [], `${file}, read as ${v.modelKind}${exp.note ? `\n  ${exp.note}` : ''}`);
    });
  }
});
