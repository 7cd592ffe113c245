/**
 * Everything `npm run generate` writes must be committed as generated: the
 * README's rule index and settings table, every rule page and the rule table
 * in docs/rules/, the settings schemas in package.json and the rule texts in
 * package.nls.json. A rule added, renamed or re-documented without running
 * the generator fails here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles, RULE_PAGES_DIR } from '../../src/build/generatedFiles';
import { renderRulePage } from '../../src/build/ruleDocs';
import { allRules } from '../../src/core';
import { docsPath } from '../../src/core/rules/rule';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('generated documentation and settings', () => {
  const expected = generatedFiles(allRules, read);

  it('every rule has an id, a title, a description and a remedy, and ids are unique', () => {
    const ids = new Set<string>();
    for (const r of allRules) {
      assert.match(r.id, /^[a-z]+(-[a-z0-9]+)+$/, r.id);
      assert.ok(!ids.has(r.id), `duplicate rule id ${r.id}`);
      ids.add(r.id);
      assert.ok(r.title.length > 3 && r.docs.description.length > 20 && r.docs.remedy.length > 5, r.id);
    }
  });

  for (const file of ['README.md', 'package.json', 'package.nls.json', 'docs/rules/index.md']) {
    it(`${file} is up to date (run \`npm run generate\`)`, () => {
      assert.equal(read(file), expected.get(file));
    });
  }

  it('every rule page in docs/rules/ is up to date, and there is no page of a rule that does not exist (run `npm run generate`)', () => {
    const stale: string[] = [];
    for (const r of allRules) {
      const file = docsPath(r);
      if (!fs.existsSync(path.join(ROOT, file)) || read(file) !== expected.get(file)) stale.push(file);
    }
    assert.deepEqual(stale, []);
    const extra = fs.readdirSync(path.join(ROOT, RULE_PAGES_DIR)).map((n) => `${RULE_PAGES_DIR}/${n}`).filter((f) => !expected.has(f));
    assert.deepEqual(extra, []);
  });

  it('a rule page says what the metadata says: title, severity, example, remedy, Fix all, sources, former ids', () => {
    const rule = allRules.find((r) => r.id === 'meta-file-too-large');
    assert.ok(rule);
    const page = renderRulePage(rule);
    assert.match(page, /^# meta-file-too-large$/m);
    assert.ok(page.includes(`**${rule.title}**`));
    assert.match(page, /\| Default severity \| Information \|/);
    assert.ok(page.includes(rule.docs.remedy));
    assert.match(page, /Formerly `file-too-large`/);
    const fixed = allRules.find((r) => r.id === 'policy-version-missing');
    assert.ok(fixed?.docs.example && fixed.docs.sources?.length);
    const fixedPage = renderRulePage(fixed);
    assert.ok(fixedPage.includes(fixed.docs.example));
    assert.match(fixedPage, /\| Fix all and `--fix` \| when safe \|/);
    for (const u of fixed.docs.sources) assert.ok(fixedPage.includes(`<${u}>`), u);
    assert.match(fixedPage, /- KMS key policies\n- IAM identity policies/);
  });

  it('the README counts every rule in a family and links the index, which links every rule to its page; each setting has its text', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('<!-- rules:start'), readme.indexOf('<!-- rules:end'));
    const counted = [...section.matchAll(/^\| `?[a-z-]+\*?`? \| (\d+) \|/gm)].reduce((n, m) => n + Number(m[1]), 0);
    assert.strictEqual(counted, allRules.length, 'the families in the README add up to every rule');
    assert.ok(section.includes('](docs/rules/index.md)'), 'the README links the full rule index');
    const index = read('docs/rules/index.md');
    for (const r of allRules) assert.ok(index.includes(`[\`${r.id}\`](${r.id}.md)`), r.id);
    const pkg = JSON.parse(read('package.json'));
    for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(readme.includes(`| \`${key}\` |`), key);
  });

  it('every %key% in package.json has its text in package.nls.json', () => {
    const nls = JSON.parse(read('package.nls.json'));
    for (const m of read('package.json').matchAll(/"%([^%"]+)%"/g)) assert.ok(nls[m[1]], `package.nls.json lacks ${m[1]}`);
  });

  it('view welcome texts are plain text and links: VS Code shows Markdown code spans there as literal backticks', () => {
    const pkg = JSON.parse(read('package.json'));
    const nls = JSON.parse(read('package.nls.json'));
    for (const w of pkg.contributes.viewsWelcome as Array<{ contents: string }>) {
      const text = w.contents.replace(/^%(.+)%$/, (_, key: string) => nls[key]);
      assert.doesNotMatch(text, /`/, text);
    }
  });
});
