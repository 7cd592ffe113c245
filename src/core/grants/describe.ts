/** Words for grants, shared by the tree view and the CLI's text output. */
import * as l10n from '@vscode/l10n';
import { keyName } from '../history/keys';
import type { KmsKey } from '../history/types';
import type { Grant, GrantConstraints, GrantNote, GrantStatus } from './types';

export function describeStatus(status: GrantStatus): string {
  switch (status) {
    case 'active': return l10n.t('active');
    case 'retired': return l10n.t('retired');
    case 'revoked': return l10n.t('revoked');
  }
}

function pairs(m: Record<string, string>): string {
  return Object.entries(m).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** One line per constraint, e.g. `encryption context includes aws:ecs:clusterName=cluster-name`. */
export function describeConstraints(c: GrantConstraints | undefined): string[] {
  const out: string[] = [];
  if (c?.encryptionContextSubset) out.push(l10n.t('encryption context includes {0}', pairs(c.encryptionContextSubset) || '{}'));
  if (c?.encryptionContextEquals) out.push(l10n.t('encryption context equals {0}', pairs(c.encryptionContextEquals) || '{}'));
  return out;
}

export function describeNote(note: GrantNote): string {
  switch (note) {
    case 'endedBeforeCreation': return l10n.t('Ended before it was created, by eventTime: check the clocks or the source of these logs.');
    case 'listedButEnded': return l10n.t('Listed by list-grants, but the logs say it ended: the listing is older than the end.');
  }
}

/** `e3b0c442…b855`: enough to tell grants apart in a tree, the full id is in the tooltip. */
export function shortGrantId(grantId: string): string {
  return grantId.length > 16 ? `${grantId.slice(0, 8)}…${grantId.slice(-4)}` : grantId;
}

export function grantLabel(g: Grant): string {
  return g.name ?? shortGrantId(g.grantId);
}

const SHELL_SAFE = /^[A-Za-z0-9_./:=@+-]+$/;
const quote = (s: string): string => (SHELL_SAFE.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The AWS CLI command that revokes the grant, in the key's Region when it is known. */
export function revokeGrantCommand(g: Grant, key: KmsKey): string {
  const region = key.region ? ` --region ${quote(key.region)}` : '';
  return `aws kms revoke-grant --key-id ${quote(keyName(key))} --grant-id ${quote(g.grantId)}${region}`;
}
