/**
 * Runs the injection grammar the way VS Code does: vscode-textmate over
 * vscode-oniguruma, with the injection wired by the `injectTo` list of our
 * package.json. The host grammars are minimal JSON grammars written here, with
 * the scope names VS Code's own JSON, JSON with Comments and JSON Lines grammars
 * give strings and keys (`string.quoted.double.json[.comments|.lines]`,
 * `support.type.property-name.json[...]`), so the tests need no VS Code install.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export type HostLanguage = 'json' | 'jsonc' | 'jsonl';

/** The root scope of each language in VS Code 1.100 (extensions/json/package.json). */
export const HOST_SCOPES: Record<HostLanguage, string> = {
  json: 'source.json',
  jsonc: 'source.json.comments',
  jsonl: 'source.json.lines',
};

/** A small JSON grammar: objects, arrays, keys, strings with escapes, literals, and (for JSONC) comments. */
export function hostGrammar(language: HostLanguage): object {
  const s = { json: '.json', jsonc: '.json.comments', jsonl: '.json.lines' }[language];
  const comments = language === 'jsonc'
    ? [{ begin: '/\\*', end: '\\*/', name: `comment.block${s}` }, { match: '//.*$', name: `comment.line.double-slash${s}` }]
    : [];
  return {
    scopeName: HOST_SCOPES[language],
    patterns: [{ include: '#value' }],
    repository: {
      value: { patterns: [{ include: '#comments' }, { include: '#object' }, { include: '#array' }, { include: '#string' }, { match: '\\b(?:true|false|null)\\b', name: `constant.language${s}` }, { match: '-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?', name: `constant.numeric${s}` }] },
      comments: { patterns: comments },
      object: {
        begin: '\\{',
        end: '\\}',
        name: `meta.structure.dictionary${s}`,
        patterns: [
          { include: '#comments' },
          { include: '#objectkey' },
          { begin: ':', end: '(,)|(?=\\})', name: `meta.structure.dictionary.value${s}`, patterns: [{ include: '#value' }] },
        ],
      },
      array: { begin: '\\[', end: '\\]', name: `meta.structure.array${s}`, patterns: [{ include: '#value' }, { match: ',', name: `punctuation.separator.array${s}` }] },
      objectkey: { begin: '"', end: '"', name: `string${s} support.type.property-name${s}`, patterns: [{ include: '#stringcontent' }] },
      string: { begin: '"', end: '"', name: `string.quoted.double${s}`, patterns: [{ include: '#stringcontent' }] },
      stringcontent: {
        patterns: [
          { match: '\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})', name: `constant.character.escape${s}` },
          { match: '\\\\.', name: `invalid.illegal.unrecognized-string-escape${s}` },
        ],
      },
    },
  };
}

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

export function grammarContributions(): GrammarContribution[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return pkg.contributes.grammars as GrammarContribution[];
}

export interface Token {
  text: string;
  scopes: string[];
}

let onigLib: Promise<{ createOnigScanner(p: string[]): oniguruma.OnigScanner; createOnigString(s: string): oniguruma.OnigString }> | undefined;

function loadOniguruma(): NonNullable<typeof onigLib> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  return oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
}

export interface GrammarOptions {
  /** Inject our grammar as VS Code does (default true); false gives the host grammar alone, for comparisons. */
  inject?: boolean;
  /** A tmLanguage.json file to use as the host grammar instead of the minimal one (for benchmarks against VS Code's own). */
  hostGrammarFile?: string;
}

/** A fresh registry (grammars are cached per registry) with the host grammar of `language` loaded. */
export async function loadGrammar(language: HostLanguage, options: GrammarOptions = {}): Promise<IGrammar> {
  const contributions = grammarContributions();
  const registry = new Registry({
    onigLib: (onigLib ??= loadOniguruma()),
    async loadGrammar(scopeName) {
      if (scopeName === HOST_SCOPES[language]) {
        if (options.hostGrammarFile) return parseRawGrammar(fs.readFileSync(options.hostGrammarFile, 'utf8'), options.hostGrammarFile);
        return parseRawGrammar(JSON.stringify(hostGrammar(language)), `${language}.json`);
      }
      const ours = contributions.find((c) => c.scopeName === scopeName);
      if (!ours) return null;
      const file = path.join(ROOT, ours.path);
      return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    // As VS Code does with `injectTo`: every contributed grammar that names this scope is injected into it.
    getInjections: (scopeName) => (options.inject === false ? [] : contributions.filter((c) => c.injectTo?.includes(scopeName)).map((c) => c.scopeName)),
  });
  const grammar = await registry.loadGrammar(HOST_SCOPES[language]);
  if (!grammar) throw new Error(`no grammar for ${language}`);
  return grammar;
}

const grammars = new Map<HostLanguage, Promise<IGrammar>>();

function grammarFor(language: HostLanguage): Promise<IGrammar> {
  let g = grammars.get(language);
  if (!g) grammars.set(language, (g = loadGrammar(language)));
  return g;
}

/** Tokens of each line of `text`, with their full scope stacks. */
export async function tokenize(text: string, language: HostLanguage): Promise<Token[][]> {
  const grammar = await grammarFor(language);
  let state: StateStack = INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

export const OUR_SUFFIX = '.kms-lens';

/** The scopes our grammar added to a token (without the suffix), outermost first. */
export function ours(token: Token): string[] {
  return token.scopes.filter((s) => s.endsWith(OUR_SUFFIX)).map((s) => s.slice(0, -OUR_SUFFIX.length));
}

/** The innermost scope our grammar gave a token, or undefined. */
export function innermost(token: Token): string | undefined {
  const o = ours(token);
  return o[o.length - 1];
}

/** `text => scope` for every token of a single line that our grammar scoped, for compact assertions. */
export async function scopedParts(line: string, language: HostLanguage = 'json'): Promise<string[]> {
  const [tokens] = await tokenize(line, language);
  return tokens.filter((t) => innermost(t)).map((t) => `${t.text} => ${innermost(t)}`);
}

/**
 * A readable snapshot of what our grammar does to a document: each line that
 * has scoped tokens, then one row per such token with its scopes (outermost
 * first, the `.kms-lens` suffix and the uncoloured `meta.` scopes dropped).
 */
export async function snapshot(text: string, language: HostLanguage): Promise<string> {
  const lines = await tokenize(text, language);
  const out: string[] = [];
  lines.forEach((tokens, i) => {
    const scoped = tokens.filter((t) => ours(t).length > 0);
    if (scoped.length === 0) return;
    out.push(`${i + 1}: ${tokens.map((t) => t.text).join('').trim()}`);
    for (const t of scoped) out.push(`    ${JSON.stringify(t.text).padEnd(40)} ${ours(t).filter((s) => !s.startsWith('meta.')).join(' ')}`);
  });
  return out.join('\n') + '\n';
}
