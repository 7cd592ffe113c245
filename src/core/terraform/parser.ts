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

/** Loads the parser (once; a failed load is tried again next time). `locate` turns a file name of TERRAFORM_WASM into a path or URL. */
export function prepareTerraform(locate: (file: string) => string): Promise<void> {
  loading ??= load(locate).catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

async function load(locate: (file: string) => string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  const ts = require('web-tree-sitter') as typeof TreeSitter;
  await ts.Parser.init({ locateFile: (name: string) => locate(name) });
  const language = await ts.Language.load(locate(TERRAFORM_WASM.grammar));
  const p = new ts.Parser();
  p.setLanguage(language);
  parser = p;
}
