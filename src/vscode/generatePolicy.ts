/**
 * "Generate Least-Privilege Key Policy from Logs": the key policy that allows
 * exactly what the open logs show for one key, keeping the account root
 * statement, in a new untitled editor (nothing is saved or sent anywhere).
 * The key comes from the argument (an ARN, or a key node of the grants view),
 * else from a quick pick of the keys in the open logs, else typed.
 */
import * as vscode from 'vscode';
import { getKmsLensService } from '../core';
import type { CommandHandlers } from './commands';
import type { GrantsIndex } from './grantsIndex';
import { KeyNode } from './grantsTree';

const core = getKmsLensService();

const TITLE = (): string => vscode.l10n.t('Generate Least-Privilege Key Policy from Logs');

async function typedArn(): Promise<string | undefined> {
  const arn = await vscode.window.showInputBox({
    title: TITLE(),
    prompt: vscode.l10n.t('The key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID)'),
    validateInput: (s) => (s.trim() === '' || core.keyArn(s) !== undefined ? undefined : vscode.l10n.t('Not a key ARN: arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID')),
  });
  return arn?.trim() || undefined;
}

async function pickArn(index: GrantsIndex): Promise<string | undefined> {
  const keys = core.outline(await index.settled()).keys.filter((k) => k.entry.key.arn !== undefined);
  if (keys.length === 0) return typedArn();
  const items: Array<vscode.QuickPickItem & { arn?: string }> = keys.map((k) => ({ label: k.label, description: k.entry.key.arn, arn: k.entry.key.arn }));
  items.push({ label: vscode.l10n.t('Enter a key ARN…'), alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, { title: TITLE(), placeHolder: vscode.l10n.t('The key whose policy to write (keys found in the open logs)'), matchOnDescription: true });
  if (!picked) return undefined;
  return picked.arn ?? typedArn();
}

export async function generateKeyPolicy(index: GrantsIndex, arg?: unknown): Promise<vscode.TextEditor | undefined> {
  let written: string | undefined;
  if (typeof arg === 'string') written = arg.trim();
  else if (arg instanceof KeyNode) written = arg.entry.key.arn ?? (await typedArn());
  else written = await pickArn(index);
  if (!written) return undefined;
  const keyArn = core.keyArn(written);
  if (!keyArn) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not a key ARN: {0}. A key policy is generated for arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID.', written));
    return undefined;
  }
  await index.settled();
  const policy = core.generateKeyPolicy(index.sources, keyArn);
  if (!policy) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: policy.text });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.showInformationMessage(policy.calls === 0
    ? vscode.l10n.t('The open logs show no successful call on {0}: the policy has the account root statement only.', keyArn)
    // The counts are whole messages, so that "1 call" and "1 principal" agree in every language.
    : vscode.l10n.t('Key policy for {0} from {1} by {2}, {3} to {4}. Review it before use: calls outside these logs are not allowed by its statements.', keyArn,
      policy.calls === 1 ? vscode.l10n.t('1 successful call') : vscode.l10n.t('{0} successful calls', policy.calls),
      policy.principals === 1 ? vscode.l10n.t('1 principal') : vscode.l10n.t('{0} principals', policy.principals),
      policy.from ?? '', policy.to ?? ''));
  return editor;
}

export function generatePolicyCommand(index: GrantsIndex): CommandHandlers<'generateKeyPolicy'> {
  return { generateKeyPolicy: (arg?: unknown) => generateKeyPolicy(index, arg) };
}
