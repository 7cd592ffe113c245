/**
 * Diagnostic codes link to the rule's section of the README shipped inside
 * the extension (`README.md#L<line>`), so the link works offline and in
 * vscode.dev alike. The line numbers are read from the README once.
 */
import * as vscode from 'vscode';

export class RuleDocs {
  private lines = new Map<string, number>();
  private readme: vscode.Uri | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  async load(): Promise<void> {
    // A .vsix stores the README as readme.md; a development checkout as README.md.
    for (const name of ['README.md', 'readme.md']) {
      const uri = vscode.Uri.joinPath(this.extensionUri, name);
      try {
        this.index(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
        this.readme = uri;
        return;
      } catch {
        // try the other name
      }
    }
    // No README (an unusual build): codes stay plain strings.
  }

  /** Rule sections are the README's `### rule-id` headings. */
  private index(text: string): void {
    const lines = new Map<string, number>();
    text.split('\n').forEach((line, i) => {
      const m = /^#{2,4} `?([a-z0-9-]+)`?\s*$/.exec(line.trim());
      if (m && !lines.has(m[1])) lines.set(m[1], i + 1);
    });
    this.lines = lines;
  }

  link(code: string): vscode.Uri | undefined {
    const line = this.lines.get(code);
    return line === undefined || !this.readme ? undefined : this.readme.with({ fragment: `L${line}` });
  }
}
