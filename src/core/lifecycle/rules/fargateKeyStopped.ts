/**
 * DisableKey, or RevokeGrant of a Fargate grant, on a key the logs show used
 * by Fargate ephemeral storage: tasks already running go on, but new tasks
 * that need the key fail to start.
 */
import type { Grant } from '../../grants/types';
import { describeActor } from '../../history/actors';
import * as l10n from '@vscode/l10n';
import type { LogRule } from '../../rules/rule';
import { describeEvidence, describeService } from '../describe';
import { forEachKey, nameRange } from './support';

/** A grant for Fargate: to a `fargate.` service principal, or constrained to an ECS cluster. */
function isFargateGrant(g: Grant): boolean {
  const c = g.constraints;
  return (g.granteePrincipal?.startsWith('fargate.') ?? false)
    || c?.encryptionContextSubset?.['aws:ecs:clusterName'] !== undefined
    || c?.encryptionContextEquals?.['aws:ecs:clusterName'] !== undefined;
}

export const lifecycleFargateKeyStopped: LogRule = {
  id: 'lifecycle-fargate-key-stopped',
  scope: 'log',
  defaultSeverity: 'warning',
  title: 'Key disabled or grant revoked while Fargate ephemeral storage uses the key',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'A `DisableKey`, or a `RevokeGrant` of a Fargate grant (or of a grant whose creation is not in the log), on a key that the same log shows used by Fargate ephemeral storage (grants to `fargate.REGION.amazonaws.com`, encryption context `aws:ecs:clusterName`). The Amazon ECS guide: tasks already running are not affected and run to the end of their life, but a new task that needs the disabled or revoked key fails, because it cannot reach the key.',
    example: '{"eventName": "CreateGrant", "requestParameters": {"granteePrincipal": "fargate.us-west-2.amazonaws.com", ...}, ...}\n{"eventName": "DisableKey", ...}',
    remedy: 'If new tasks must keep starting, enable the key again (`aws kms enable-key`) or point the cluster at another key (`fargateEphemeralStorageKmsKeyId`) before disabling this one; set an alarm on attempts to use the disabled key.',
  },
  check(events, report) {
    forEachKey(events, ({ entry, lc, at }) => {
      const fargate = lc.services.fargate;
      if (!fargate) return;
      const uses = l10n.t('{0}, as {1} shows', describeService('fargate', fargate), describeEvidence(fargate));
      for (const e of lc.events) {
        if (e.kind !== 'disable' || e.failed) continue;
        const ctx = at(e.event);
        if (ctx) report({ ...nameRange(ctx), message: l10n.t('DisableKey on a key used by {0}: running tasks go on, but new tasks that need this key will fail to start until it is enabled again.', uses) });
      }
      for (const g of entry.grants) {
        if (!g.revocation || (g.granteePrincipal !== undefined && !isFargateGrant(g))) continue;
        const ctx = at(g.revocation);
        if (!ctx) continue;
        const grantee = g.granteePrincipal ?? l10n.t('a grantee not in these logs');
        report({ ...nameRange(ctx), message: l10n.t('RevokeGrant by {0} of a grant to {1} on a key used by {2}: running tasks go on, but new tasks that need this grant will fail.', describeActor(g.revokedBy), grantee, uses) });
      }
    });
  },
};
