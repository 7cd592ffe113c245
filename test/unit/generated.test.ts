import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceRuleSection, ruleNlsEntries, ruleSettingsSchema } from '../../src/build/ruleDocs';
import { allRules } from '../../src/core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('generated documentation and settings', () => {
  it('every rule has an id, a title, a description and a remedy, and ids are unique', () => {
    const ids = new Set<string>();
    for (const r of allRules) {
      assert.match(r.id, /^[a-z]+(-[a-z0-9]+)+$/, r.id);
      assert.ok(!ids.has(r.id), `duplicate rule id ${r.id}`);
      ids.add(r.id);
      assert.ok(r.title.length > 3 && r.docs.description.length > 20 && r.docs.remedy.length > 5, r.id);
    }
  });

  it('README.md rule section is up to date (run `npm run generate`)', () => {
    const readme = read('README.md');
    assert.equal(replaceRuleSection(readme, allRules), readme);
  });

  it('package.json settings schema lists every rule (run `npm run generate`)', () => {
    const pkg = JSON.parse(read('package.json'));
    assert.deepEqual(pkg.contributes.configuration.properties['kmsLens.rules'].properties, ruleSettingsSchema(allRules));
    const nls = JSON.parse(read('package.nls.json'));
    for (const [k, v] of Object.entries(ruleNlsEntries(allRules))) assert.equal(nls[k], v, k);
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
