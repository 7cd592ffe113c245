/**
 * The import graph of a TypeScript source tree, for the layering tests: every
 * relative import, export-from and import type, resolved to a file with the
 * TypeScript compiler's own scanner (no dependency of our own).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** Module -> the modules it imports, as paths relative to the root, with `/` separators. */
export type ImportGraph = Map<string, string[]>;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** `./x` -> `x.ts` or `x/index.ts`; undefined for packages and for files that are not TypeScript (JSON data). */
function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => c.endsWith('.ts') && fs.existsSync(c) && fs.statSync(c).isFile());
}

export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  for (const file of sourceFiles(root)) {
    // preProcessFile reports `import type` and `export ... from` too: a type-only cycle is still a cycle to read through.
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const deps = new Set<string>();
    for (const imported of info.importedFiles) {
      const target = resolve(file, imported.fileName);
      if (target) deps.add(rel(target));
    }
    graph.set(rel(file), [...deps].sort());
  }
  return graph;
}

/** The strongly connected components with more than one module, or one module that imports itself (Tarjan). */
export function cycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** One concrete loop through a component, `a -> b -> a`, for a failure message a person can follow. */
export function loopThrough(graph: ImportGraph, component: readonly string[]): string {
  const inside = new Set(component);
  const start = component[0];
  const seen = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = seen.get(x) as string) path.splice(1, 0, x);
        return [...path, start].join(' -> ');
      }
      if (!seen.has(w)) {
        seen.set(w, v);
        queue.push(w);
      }
    }
  }
  return component.join(', ');
}

/** The imports from modules under `from` (folders, or files) into modules under `to`, as `a -> b`. */
export function importsBetween(graph: ImportGraph, from: readonly string[], to: readonly string[], except: readonly string[] = []): string[] {
  const under = (p: string, prefixes: readonly string[]): boolean => prefixes.some((f) => p === f || p.startsWith(`${f}/`));
  const out: string[] = [];
  for (const [a, deps] of graph) {
    if (!under(a, from) || under(a, except)) continue;
    for (const b of deps) if (under(b, to)) out.push(`${a} -> ${b}`);
  }
  return out;
}
