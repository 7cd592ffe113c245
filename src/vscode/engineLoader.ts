/**
 * Loads the engine (engine.ts) once, on first need, over the objects
 * activation built. In the Node build `require('./engine')` reads
 * dist/engine.js (esbuild.js); in the browser build the engine is inside the
 * one bundle, and the require only runs its modules' code then.
 */
import * as vscode from 'vscode';
import type { Engine, Shell } from './engine';

export class EngineLoader implements vscode.Disposable {
  private engine: Engine | undefined;
  private starting = false;
  private readonly loaded = new vscode.EventEmitter<Engine>();
  /** Fires once, when the engine has started. */
  readonly onDidLoad = this.loaded.event;

  /** `shell`: what activation built (a function, since some of it is built with this loader). */
  constructor(private readonly shell: () => Shell) {}

  /** The engine, started now if it was not. */
  get(): Engine {
    if (this.engine) return this.engine;
    // Starting the engine must not need the engine: a cycle here would be a bug, not a reason to hang.
    if (this.starting) throw new Error('KMS Lens: the engine was asked for while it was starting');
    this.starting = true;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load this module exists for (esbuild.js)
      const { startEngine } = require('./engine') as typeof import('./engine');
      this.engine = startEngine(this.shell());
    } finally {
      this.starting = false;
    }
    this.loaded.fire(this.engine);
    return this.engine;
  }

  /** The engine if it has started (never starts it). */
  get current(): Engine | undefined {
    return this.engine;
  }

  dispose(): void {
    this.loaded.dispose();
  }
}
