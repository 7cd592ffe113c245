/**
 * The Terraform parser: the tree-sitter HCL grammar's Terraform variant
 * (@tree-sitter-grammars/tree-sitter-hcl) run by web-tree-sitter, which works
 * in Node and in the browser alike. Loading it is asynchronous (WebAssembly),
 * so it is loaded once, on first use: the adapters await `prepareTerraform`
 * before they analyse the first Terraform file, and from then on the analysis
 * is synchronous like every other.
 */
import type * as TreeSitter from 'web-tree-sitter';

/** The two WebAssembly files the parser needs; the adapters say where they are (next to the bundle, or in node_modules). */
export const TERRAFORM_WASM = { runtime: 'web-tree-sitter.wasm', grammar: 'tree-sitter-terraform.wasm' } as const;

let parser: TreeSitter.Parser | undefined;
let loading: Promise<void> | undefined;

/** The parser once loaded; undefined before `prepareTerraform` has finished. */
export function terraformParser(): TreeSitter.Parser | undefined {
  return parser;
}

/**
 * Where a file of TERRAFORM_WASM is: a path or URL web-tree-sitter reads itself, or its bytes, read by the
 * adapter (the web extension reads them through VS Code, since a `vscode-remote:` location is not one the
 * browser can fetch).
 */
export type FormatFileSource = (file: string) => string | Promise<Uint8Array>;

/** Loads the parser (once; a failed load is tried again next time). */
export function prepareTerraform(locate: FormatFileSource): Promise<void> {
  loading ??= load(locate).catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

async function load(locate: FormatFileSource): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  const ts = require('web-tree-sitter') as typeof TreeSitter;
  const runtime = await locate(TERRAFORM_WASM.runtime);
  await ts.Parser.init(typeof runtime === 'string' ? { locateFile: () => runtime } : { wasmBinary: runtime });
  const language = await ts.Language.load(await locate(TERRAFORM_WASM.grammar));
  const p = new ts.Parser();
  p.setLanguage(language);
  parser = p;
}
