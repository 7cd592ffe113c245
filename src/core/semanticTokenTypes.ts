/**
 * The semantic token types and modifiers KMS Lens uses (semanticTokens.ts):
 * VS Code's standard ones. On their own, since the extension tells VS Code its
 * legend at activation, before the code that computes tokens has loaded.
 */
export const TOKEN_TYPES = ['namespace', 'function', 'variable', 'parameter', 'operator', 'modifier', 'keyword', 'type', 'class', 'enumMember'] as const;
export const TOKEN_MODIFIERS = ['defaultLibrary', 'readonly'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];
