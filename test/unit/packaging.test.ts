/**
 * What a user gets from the .vsix and sees first: the package lists every
 * rule page a diagnostic links to (as `vsce` packs it, not as we think
 * .vscodeignore reads), the manifest has what the Marketplace and the
 * Extensions view show (repository, bugs, homepage, an icon), there is one
 * grants view, and the README is short and starts with what KMS Lens does and
 * how to install, run and test it; CONTRIBUTING.md maps every folder of src/.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../src/core';
import { DOCS_LANGUAGES } from '../../src/core/rules/docsLanguage';
import { docsPath } from '../../src/core/rules/rule';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  assert.deepEqual([...b.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} is not a PNG`);
  assert.equal(b.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('packaging', () => {
  it('the .vsix holds every rule page (in English, Italian and Spanish), the rule index, the feature guides and both Node extension bundles (vsce ls)', function () {
    this.timeout(60_000);
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = new Set(execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean));
    const missing = [...allRules.flatMap((r) => DOCS_LANGUAGES.map((l) => docsPath(r, l))), 'docs/rules/index.md', 'docs/rules/index.it.md', 'docs/rules/index.es.md', 'docs/policies.md', 'docs/cloudtrail.md', 'docs/keys.md', 'docs/cli.md', pkg.icon, 'README.md', 'dist/extension.js', 'dist/engine.js'].filter((f) => !listed.has(f));
    assert.deepEqual(missing, []);
    // Sources and tests stay out.
    assert.deepEqual([...listed].filter((f) => /^(src|test|out|node_modules)\//.test(f)), []);
  });

  it('the manifest names the repository, where to report bugs, the home page and a 128x128 PNG icon', () => {
    assert.match(pkg.repository?.url ?? '', /^https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
    assert.match(pkg.bugs?.url ?? '', /^https:\/\/github\.com\/.+\/issues$/);
    assert.match(pkg.homepage ?? '', /^https:\/\//);
    assert.match(pkg.icon, /\.png$/);
    assert.deepEqual(pngSize(path.join(ROOT, pkg.icon)), { width: 128, height: 128 });
    // The package script no longer needs to excuse a missing repository.
    assert.doesNotMatch(pkg.scripts.package, /--allow-missing-repository/);
  });

  it('contributes one grants view, in KMS Lens\'s own activity-bar container, and welcome content only for it', () => {
    const views = Object.entries(pkg.contributes.views as Record<string, Array<{ id: string }>>).flatMap(([container, vs]) => vs.map((v) => `${container}/${v.id}`));
    assert.deepEqual(views, ['kmsLens/kmsLens.grants']);
    const containers = (pkg.contributes.viewsContainers.activitybar as Array<{ id: string }>).map((c) => c.id);
    assert.deepEqual(containers, ['kmsLens']);
    for (const w of pkg.contributes.viewsWelcome as Array<{ view: string }>) assert.equal(w.view, 'kmsLens.grants');
    // The view code creates the same one view.
    assert.match(read('src/vscode/registration.ts'), /GRANTS_VIEW_IDS = \['kmsLens\.grants'\] as const/);
  });

  it('the README is under 25 KB, and its first screen says what KMS Lens does and how to install, run and test it', () => {
    const readme = read('README.md');
    assert.ok(Buffer.byteLength(readme) < 25_000, `README.md is ${Buffer.byteLength(readme)} bytes: move long material into docs/`);
    const firstScreen = readme.split('\n').slice(0, 30).join('\n');
    assert.match(firstScreen, /^# KMS Lens\n\n\*\*KMS Lens checks AWS KMS key policies/);
    assert.match(firstScreen, /npm run package/);
    assert.match(firstScreen, /code --install-extension dist\/kms-lens\.vsix/);
    assert.match(firstScreen, /bash \.ci\/prepare && npm start/);
    assert.match(firstScreen, /bash \.ci\/prepare && npm test/);
  });

  it('every picture the README and docs/ show is a PNG under 150 KB and at most 1000 px wide, with alt text', () => {
    // The pictures ship in the .vsix (media/**), and GitHub and the Marketplace show them about 880 px wide:
    // a whole 1280 px window shrinks its text below reading size. npm run screenshots crops each scene.
    const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const pictures = new Map<string, string>();
    for (const page of pages) {
      for (const m of read(page).matchAll(/!\[([^\]]*)\]\(([^)\s]+\.png)\)/g)) {
        assert.ok(m[1].length >= 20, `${page}: ${m[2]} has no alt text that says what it shows`);
        pictures.set(path.normalize(path.join(path.dirname(page), m[2])), page);
      }
    }
    assert.ok(pictures.size >= 5, `only ${pictures.size} pictures found`);
    for (const [file, page] of pictures) {
      const bytes = fs.statSync(path.join(ROOT, file)).size;
      assert.ok(bytes < 150_000, `${file} (shown in ${page}) is ${bytes} bytes`);
      assert.ok(pngSize(path.join(ROOT, file)).width <= 1000, `${file} (shown in ${page}) is wider than 1000 px`);
    }
  });

  it('the README says why each runtime dependency is there', () => {
    const deps = Object.keys(pkg.dependencies as Record<string, string>);
    const section = read('README.md').split(/^## Dependencies$/m)[1]?.split(/^## /m)[0] ?? '';
    assert.ok(section, 'README.md has no Dependencies section');
    for (const d of deps) assert.match(section, new RegExp(`\\| \\[\`${d.replace(/[/.@-]/g, '\\$&')}\`\\]\\([^)]+\\) \\| \\S.{20,}\\|`), d);
  });

  it('CONTRIBUTING.md gives every folder of src/ its line in the layout table', () => {
    const folders = (dir: string): string[] => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => [`${dir}/${e.name}`, ...folders(`${dir}/${e.name}`)]);
    const text = read('CONTRIBUTING.md');
    const missing = folders('src').filter((d) => !text.includes(`| \`${d}/\` |`));
    assert.deepEqual(missing, [], 'add a line for each to the "Layout of src/" table');
  });

  it('every relative link of the README, CONTRIBUTING.md and docs/ names a file that exists', () => {
    const pages = ['README.md', 'CONTRIBUTING.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), ...fs.readdirSync(path.join(ROOT, 'docs', 'rules')).map((f) => `docs/rules/${f}`)];
    const broken: string[] = [];
    for (const page of pages) {
      for (const m of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target) || target.startsWith('#')) continue;
        if (!fs.existsSync(path.join(ROOT, path.dirname(page), target.split('#')[0]))) broken.push(`${page}: ${target}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
