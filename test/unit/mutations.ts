/**
 * Mutations of valid JSON for the fix tests: the slips people make (a
 * trailing comma, a lost comma, a comment) at token boundaries, and blind
 * edits anywhere. Built on jsonc-parser's scanner so strings are never cut.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import fc from 'fast-check';

interface Token {
  kind: SyntaxKind;
  start: number;
  end: number;
}

export function tokens(text: string): Token[] {
  const scanner = createScanner(text, false);
  const out: Token[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    out.push({ kind, start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() });
  }
  return out;
}

const VALUE_ENDS = new Set([SyntaxKind.StringLiteral, SyntaxKind.NumericLiteral, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword, SyntaxKind.CloseBraceToken, SyntaxKind.CloseBracketToken]);
const CLOSERS = new Set([SyntaxKind.CloseBraceToken, SyntaxKind.CloseBracketToken]);

export type FixableMutation = { kind: 'trailingComma' | 'dropComma' | 'comment'; pick: number };

/** Applies one fixable slip; `pick` chooses among the places it can go. Returns the text unchanged if there is no such place. */
export function applyFixable(text: string, m: FixableMutation): string {
  const toks = tokens(text);
  if (m.kind === 'trailingComma') {
    // Before a closer that follows a value: `[1, 2]` -> `[1, 2,]`.
    const places = toks.filter((t, i) => CLOSERS.has(t.kind) && i > 0 && VALUE_ENDS.has(toks[i - 1].kind)).map((t, _i) => t.start);
    if (places.length === 0) return text;
    const at = places[m.pick % places.length];
    return `${text.slice(0, at)},${text.slice(at)}`;
  }
  if (m.kind === 'dropComma') {
    const commas = toks.filter((t) => t.kind === SyntaxKind.CommaToken);
    if (commas.length === 0) return text;
    const c = commas[m.pick % commas.length];
    return text.slice(0, c.start) + ' ' + text.slice(c.end);
  }
  // A comment between two tokens.
  const gaps = toks.slice(1).map((t) => t.start);
  if (gaps.length === 0) return text;
  const at = gaps[m.pick % gaps.length];
  const comment = m.pick % 2 === 0 ? '/* draft */ ' : '// draft\n';
  return text.slice(0, at) + comment + text.slice(at);
}

export const fixableMutation: fc.Arbitrary<FixableMutation> = fc.record({
  kind: fc.constantFrom('trailingComma' as const, 'dropComma' as const, 'comment' as const),
  pick: fc.nat(10_000),
});

export type BlindMutation = { kind: 'delete' | 'insert' | 'replace'; at: number; length: number; text: string };

/** Any edit anywhere: for "never throws" and "idempotent", where the result need not be fixable. */
export function applyBlind(text: string, m: BlindMutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  if (m.kind === 'delete') return text.slice(0, at) + text.slice(at + m.length);
  if (m.kind === 'insert') return text.slice(0, at) + m.text + text.slice(at);
  return text.slice(0, at) + m.text + text.slice(at + m.length);
}

export const blindMutation: fc.Arbitrary<BlindMutation> = fc.record({
  kind: fc.constantFrom('delete' as const, 'insert' as const, 'replace' as const),
  at: fc.nat(100_000),
  length: fc.integer({ min: 1, max: 8 }),
  text: fc.oneof(fc.constantFrom(',', '}', ']', '{', '[', '"', ':', '/*', '//', '\n', ' ', 'kms:', 'Allow'), fc.string({ maxLength: 4 })),
});
