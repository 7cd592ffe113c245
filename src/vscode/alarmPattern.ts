/**
 * "Create Alarm Pattern for Key Use": an Amazon EventBridge event pattern that
 * matches CloudTrail events using one key, in a new untitled editor, ready to
 * paste. The key comes from the argument (an ARN, or a key node of the grants
 * view), else from a quick pick of the keys in the open logs, else typed.
 */
import * as vscode from 'vscode';
import { getKmsLensService } from '../core';
import type { CommandHandlers } from './commands';
import type { GrantsIndex } from './grantsIndex';
import { KeyNode } from './grantsTree';

const core = getKmsLensService();

interface KeyPick extends vscode.QuickPickItem {
  arn?: string;
}

async function typedArn(value = ''): Promise<string | undefined> {
  const arn = await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Alarm Pattern for Key Use'),
    prompt: vscode.l10n.t('The key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID): CloudTrail names the key by its ARN in resources'),
    placeHolder: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    value,
    validateInput: (s) => (s.trim() === '' || core.keyArn(s) !== undefined ? undefined : vscode.l10n.t('Not a key ARN: arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID')),
  });
  return arn?.trim() || undefined;
}

/** The keys of the open logs whose ARN is known, those with a lifecycle first (a key being retired is the usual reason). */
async function pickArn(index: GrantsIndex): Promise<string | undefined> {
  const keys = core.outline(await index.settled()).keys.filter((k) => k.entry.key.arn !== undefined);
  if (keys.length === 0) return typedArn();
  const items: KeyPick[] = keys.map((k) => ({ label: k.label, description: k.entry.key.arn, detail: k.state, arn: k.entry.key.arn }));
  items.sort((a, b) => Number(!!b.detail) - Number(!!a.detail));
  items.push({ label: vscode.l10n.t('Enter a key ARN…'), alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Create Alarm Pattern for Key Use'),
    placeHolder: vscode.l10n.t('The key to watch (keys found in the open logs)'),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  return picked.arn ?? typedArn();
}

/** Opens the pattern for `arg` (an ARN or a key node) or for a key the user picks; resolves with its editor. */
export async function createAlarmPattern(index: GrantsIndex, arg?: unknown): Promise<vscode.TextEditor | undefined> {
  let arn: string | undefined;
  if (typeof arg === 'string') arn = arg.trim();
  else if (arg instanceof KeyNode) arn = arg.entry.key.arn ?? (await typedArn()); // the logs named the key by id or alias only
  else arn = await pickArn(index);
  if (!arn) return undefined;
  const keyArn = core.keyArn(arn);
  if (!keyArn) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not a key ARN: {0}. An alarm pattern needs arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID.', arn));
    return undefined;
  }
  arn = keyArn;
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: core.keyUseAlarmPattern(arn) });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.showInformationMessage(vscode.l10n.t(
    'EventBridge event pattern for uses of {0}. Create the rule on the default event bus of the key\'s Region with the state "Enabled with all CloudTrail management events" (ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS): Decrypt, Encrypt and GenerateDataKey are read-only management events, which a plain Enabled rule never receives.',
    arn,
  ));
  return editor;
}

export function alarmPatternCommand(index: GrantsIndex): CommandHandlers<'createKeyUseAlarmPattern'> {
  return { createKeyUseAlarmPattern: (arg?: unknown) => createAlarmPattern(index, arg) };
}
