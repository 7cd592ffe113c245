import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function requiredModules(bundle: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
  return [...new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort();
}

/** What esbuild.js splits out of the Node extension (LAZY_CHUNKS there), with a string only the library's code holds. */
const LAZY_CHUNKS = [
  { library: 'yaml', file: 'yaml.js', marker: 'Implicit keys need to be on a single line' },
  { library: 'web-tree-sitter', file: 'web-tree-sitter.js', marker: 'ts_parser_new' },
];

describe('bundles', () => {
  it('the browser build (vscode.dev) requires nothing but the vscode API', () => {
    assert.deepEqual(requiredModules(pkg.browser), ['vscode']);
  });

  it('the Node extension requires only vscode, Node built-ins, its engine and its own lazy chunks, so the .vsix needs no node_modules', () => {
    const own = (m: string): boolean => m === 'vscode' || builtinModules.includes(m.replace(/^node:/, '')) || LAZY_CHUNKS.some((c) => m === `./${c.file}`);
    for (const m of requiredModules(pkg.main)) assert.ok(own(m) || m === './engine.js', `unexpected require of ${m} in ${pkg.main}`);
    // The engine takes what activation loaded from dist/extension.js itself.
    for (const m of requiredModules('dist/engine.js')) assert.ok(own(m) || m === './extension.js', `unexpected require of ${m} in dist/engine.js`);
    assert.ok(requiredModules(pkg.main).includes('./engine.js'));
    assert.ok(requiredModules('dist/engine.js').includes('./extension.js'));
  });

  describe('lazy chunks: libraries the Node extension loads on first use, not at activation', () => {
    const activation = fs.readFileSync(path.join(ROOT, pkg.main), 'utf8');
    for (const chunk of LAZY_CHUNKS) {
      it(`${chunk.library} is in dist/${chunk.file}, not in the activation bundle, and the bundle requires it from there`, () => {
        const file = path.join(ROOT, 'dist', chunk.file);
        assert.ok(fs.existsSync(file), `dist/${chunk.file} is missing`);
        assert.ok(fs.readFileSync(file, 'utf8').includes(chunk.marker), `dist/${chunk.file} does not hold ${chunk.library}`);
        assert.ok(!activation.includes(chunk.marker), `${pkg.main} still holds ${chunk.library}`);
        assert.ok(requiredModules(pkg.main).includes(`./${chunk.file}`));
        // The browser build cannot require a file: it keeps the library inside.
        assert.ok(fs.readFileSync(path.join(ROOT, pkg.browser), 'utf8').includes(chunk.marker));
      });
    }

    it('the .vsix ignore list keeps the chunks in the package', () => {
      const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
      for (const chunk of LAZY_CHUNKS) assert.ok(ignore.includes(`!dist/${chunk.file}`), chunk.file);
    });

    it('dist/yaml.js reads a CloudFormation template as the core reads YAML (source ranges, maps, custom tags)', () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the shipped chunk itself
      const yaml = require(path.join(ROOT, 'dist', 'yaml.js')) as typeof import('yaml');
      const doc = yaml.parseDocument('Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: !Sub "${AWS::StackName} key"\n', { customTags: [{ tag: '!Sub', resolve: (s: string) => s }] });
      assert.deepEqual(doc.errors, []);
      assert.ok(yaml.isMap(doc.contents));
      const key = doc.getIn(['Resources', 'Key', 'Type'], true);
      assert.ok(yaml.isScalar(key));
      assert.equal(key.value, 'AWS::KMS::Key');
      assert.deepEqual(key.range?.slice(0, 2), [28, 41]);
    });

    it('dist/web-tree-sitter.js runs the Terraform grammar shipped next to it', async function () {
      this.timeout(20_000);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the shipped chunk itself
      const ts = require(path.join(ROOT, 'dist', 'web-tree-sitter.js')) as typeof import('web-tree-sitter');
      await ts.Parser.init({ locateFile: (name: string) => path.join(ROOT, 'dist', name) });
      const language = await ts.Language.load(path.join(ROOT, 'dist', 'tree-sitter-terraform.wasm'));
      const parser = new ts.Parser();
      parser.setLanguage(language);
      const tree = parser.parse('resource "aws_kms_key" "k" {\n  description = "x"\n}\n');
      assert.equal(tree?.rootNode.hasError, false);
      assert.match(tree?.rootNode.toString() ?? '', /\(block \(identifier\) \(string_lit/);
    });
  });

  it('the manifest accepts VS Code 1.100 and @types/vscode is not newer', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.match(pkg.devDependencies['@types/vscode'], /^1\.100\./);
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  /**
   * The bundle VS Code reads when it activates KMS Lens, as shipped (`--production`, as `vsce package`
   * builds it): under 400 KB (issue 13), holding what activation needs and none of the engine, and one
   * runtime with the engine (each module in one bundle only: one l10n configuration, one model cache).
   * That a document which is not ours does not load the engine is test/integration/activation.test.ts.
   */
  describe('the activation bundle, as shipped', function () {
    this.timeout(180_000);
    let out = '';
    /** The modules a bundle holds; in the engine, `kms-lens-shell:PATH` is a module it takes from dist/extension.js (esbuild.js). */
    const held = (file: string): string[] => {
      const meta = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
      const [, bundle] = Object.entries(meta.outputs).find(([f]) => f.endsWith('.js')) ?? [];
      assert.ok(bundle, `${file} names no bundle`);
      return Object.entries(bundle.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f);
    };

    before(() => {
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-bundle-'));
      execFileSync(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production', `--outdir=${out}`, '--metafile'], { cwd: ROOT, stdio: 'pipe' });
    });
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it('dist/extension.js is under 400 KB', () => {
      assert.equal(pkg.main, './dist/extension.js');
      const size = fs.statSync(path.join(out, 'extension.js')).size;
      assert.ok(size < 400_000, `dist/extension.js is ${size} bytes`);
    });

    it('it holds the document model and the classifier, and none of the rules, hovers, grants, key lifecycles or access evaluator', () => {
      const shell = held('meta.extension.json');
      for (const m of ['src/vscode/extension.ts', 'src/core/classify.ts', 'src/core/document/model.ts', 'src/vscode/diagnostics.ts']) assert.ok(shell.includes(m), `${m} is not in dist/extension.js`);
      const engineOnly = /^src\/(core\/(rules|access|keys|grants|lifecycle|hover|history)\/|core\/(index|service|analyze)\.ts$|vscode\/(engine|hoverProvider|grantsIndex|policyIndex)\.ts$)/;
      assert.deepEqual(shell.filter((m) => engineOnly.test(m)), []);
      // The engine holds them.
      const engine = held('meta.engine.json');
      for (const m of ['src/core/rules/registry.ts', 'src/core/service.ts', 'src/vscode/engine.ts']) assert.ok(engine.includes(m), `${m} is not in dist/engine.js`);
    });

    it('the engine shares activation\'s runtime: no module is in both bundles, and @vscode/l10n is in dist/extension.js only', () => {
      const shell = held('meta.extension.json');
      const engine = held('meta.engine.json');
      assert.deepEqual(engine.filter((m) => shell.includes(m)), []);
      const l10n = shell.filter((m) => /node_modules\/@vscode\/l10n\//.test(m));
      assert.equal(l10n.length, 1, 'dist/extension.js does not hold @vscode/l10n');
      assert.deepEqual(engine.filter((m) => /node_modules\/@vscode\/l10n\//.test(m)), [`kms-lens-shell:${l10n[0]}`]);
      // Each module the engine takes from there is one dist/extension.js holds.
      const taken = engine.filter((m) => m.startsWith('kms-lens-shell:')).map((m) => m.slice('kms-lens-shell:'.length));
      assert.ok(taken.length > 10, `${taken.length} modules`);
      assert.deepEqual(taken.filter((m) => !shell.includes(m)), []);
    });

    it('the browser build and the CLI stay one file each', () => {
      assert.deepEqual(requiredModules(path.relative(ROOT, path.join(out, 'web', 'extension.js'))), ['vscode']);
      const cli = requiredModules(path.relative(ROOT, path.join(out, 'cli.js')));
      assert.deepEqual(cli.filter((m) => m.startsWith('.')), []);
    });
  });

  it('the .vsix ignore list ships the engine', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/engine.js'));
  });
});
