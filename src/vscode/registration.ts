/**
 * What VS Code is told when the providers register at activation (extension.ts),
 * before the engine that answers them has loaded: the code action kinds, the
 * completion trigger characters, the semantic tokens legend and the grants view.
 */
import * as vscode from 'vscode';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/reading';

/** Fix all KMS Lens problems: a source action, also run on save by `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('kmsLens');

export const CODE_ACTION_KINDS = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

/** A quote opens a string (an action, a key, a value); a colon starts a value. */
export const COMPLETION_TRIGGERS = ['"', ':'];

export const SEMANTIC_TOKENS_LEGEND = new vscode.SemanticTokensLegend([...TOKEN_TYPES], [...TOKEN_MODIFIERS]);

/** One view, in KMS Lens's own container in the activity bar (a second copy in the Explorer only split the user's attention). */
export const GRANTS_VIEW_IDS = ['kmsLens.grants'] as const;
