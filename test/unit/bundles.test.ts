import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
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

  it('the Node extension requires only vscode, Node built-ins and its own lazy chunks, so the .vsix needs no node_modules', () => {
    for (const m of requiredModules(pkg.main)) {
      assert.ok(m === 'vscode' || builtinModules.includes(m.replace(/^node:/, '')) || LAZY_CHUNKS.some((c) => m === `./${c.file}`), `unexpected require of ${m}`);
    }
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
});
