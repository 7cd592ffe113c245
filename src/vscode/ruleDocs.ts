/**
 * Diagnostic codes link to the rule's section of the README shipped inside
 * the extension (`README.md#L<line>`), so the link works offline and in
 * vscode.dev alike. The line numbers are read from the README once.
 */
import * as vscode from 'vscode';

export class RuleDocs {
  private lines = new Map<string, number>();

  constructor(private readonly readme: vscode.Uri) {}

  async load(): Promise<void> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.readme));
      const lines = new Map<string, number>();
      text.split('\n').forEach((line, i) => {
        const m = /^#{2,4} `?([a-z0-9-]+)`?\s*$/.exec(line.trim());
        if (m && !lines.has(m[1])) lines.set(m[1], i + 1);
      });
      this.lines = lines;
    } catch {
      // No README (a development build): codes stay plain strings.
    }
  }

  link(code: string): vscode.Uri | undefined {
    const line = this.lines.get(code);
    return line === undefined ? undefined : this.readme.with({ fragment: `L${line}` });
  }
}
