/**
 * Terraform in the web extension (VS Code for the web, vscode.dev, code-server's
 * browser host): the parser's WebAssembly loads from the extension's own files
 * in the browser, and a key policy mistake in a .tf file gets its diagnostic.
 */
import * as vscode from 'vscode';

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

function diagnosticsOf(uri: vscode.Uri, code: string, timeoutMs: number): Promise<vscode.Diagnostic[]> {
  const matching = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kms-lens' && codeOf(d) === code);
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const found = matching();
      if (found.length === 0) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(found);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics(() => done());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no ${code} diagnostic within ${timeoutMs} ms; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)} ${d.message}`))}`));
    }, timeoutMs);
    done();
  });
}

describe('Terraform in the web extension host', () => {
  it('runs in a web worker, not in Node', () => {
    // The tests run in the extension host of the extension under development.
    check(typeof (globalThis as { importScripts?: unknown }).importScripts === 'function', 'not a web worker');
    check(typeof (globalThis as { require?: { resolve?: unknown } }).require?.resolve !== 'function', 'Node require is here');
  });

  it('loads the Terraform parser from the extension and reports a misspelt action in a key policy document', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    check(folder, 'no workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, 'terraform', 'kms.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [d] = await diagnosticsOf(uri, 'policy-unknown-action', 60_000);
    check(doc.getText(d.range) === 'Decrpyt', `the diagnostic is on ${JSON.stringify(doc.getText(d.range))}`);
    check(d.range.start.line === 29, `the diagnostic is on line ${d.range.start.line + 1}`);
    check(d.severity === vscode.DiagnosticSeverity.Error, `severity ${d.severity}`);
  });
});
