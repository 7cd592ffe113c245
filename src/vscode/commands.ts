/**
 * Commands as data (as Error Lens does): every command id in one table, and
 * one registration point that takes a handler for each. The compiler holds
 * the table and the handlers together (a new id without a handler does not
 * build); a unit test holds the table and package.json together. Every
 * registration goes to `context.subscriptions`.
 */
import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';

export { COMMAND_IDS };

export type CommandName = keyof typeof COMMAND_IDS;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- commands take whatever VS Code or a menu passes
export type CommandHandler = (...args: any[]) => unknown;

/** A handler for some of the commands (each feature supplies its own). */
export type CommandHandlers<K extends CommandName = CommandName> = Record<K, CommandHandler>;

/** Registers a handler for every command of the table, once, into the extension's subscriptions. */
export function registerCommands(context: vscode.ExtensionContext, handlers: CommandHandlers): void {
  for (const name of Object.keys(COMMAND_IDS) as CommandName[]) {
    context.subscriptions.push(vscode.commands.registerCommand(COMMAND_IDS[name], handlers[name]));
  }
}
