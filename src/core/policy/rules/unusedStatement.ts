/**
 * policy-unused-statement: on a key policy file that is a key's current
 * policy (mapped to the key in `kmsLens.keyPolicies`, or get-key-policy output
 * named after the key), an Allow statement that no event of the open logs
 * used. The log-side twin is ct-unused-statement (a policy a log sets); what
 * counts as used, and what is never reported (Deny statements, the account's
 * own root statement, a key with no event in the period), is in
 * access/unused.ts. It runs only when the caller says which logs and keys
 * (the editor: src/vscode/policyIndex.ts); information, with the period.
 */
import * as l10n from '@vscode/l10n';
import { formatTime } from '../../lifecycle/dates';
import { keyPolicyRangeInTemplate } from '../../access/knownPolicies';
import { unusedAccess } from '../../access/unused';
import { SOURCES } from '../../data/sources';
import type { DocumentModel } from '../../document/model';
import type { PolicyRule } from '../../rules/rule';
import { policiesOf } from '../locate';
import type { PolicyModel } from '../model';

/** Is this policy of the document the one the mapping names (a template's key by logical id, or the document's only key policy)? */
function isKeysPolicy(policy: PolicyModel, model: DocumentModel, logicalId: string | undefined): boolean {
  if (model.kind === 'cloudFormation') {
    const range = keyPolicyRangeInTemplate(model, logicalId);
    const at = policy.toDocument(policy.root.offset);
    return range !== undefined && at >= range.start && at < range.end;
  }
  if (logicalId !== undefined || model.kind === 'cloudTrail') return false;
  return policiesOf(model).filter((p) => p.kind === 'keyPolicy').length === 1;
}

export const unusedStatement: PolicyRule = {
  id: 'policy-unused-statement',
  scope: 'policy',
  kinds: ['keyPolicy'],
  defaultSeverity: 'information',
  title: 'Key policy statement that no event in the open logs used',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'In the editor, when this file holds a key\'s current policy (the file is mapped to the key in `kmsLens.keyPolicies`, as a file or as `template.yaml#LogicalId`, or it is get-key-policy output whose file name holds the key id) and logs with events on that key are open: an Allow statement that none of those events used. No call it allowed directly, none it left to an account\'s IAM policies, none it might have allowed. The finding names the period the logs cover, from the last key policy change they show. Deny statements, the statement that lets the key\'s own account use IAM policies, and keys with no event in the open logs are never reported.',
    example: '"Sid": "AllowOldBatch" in a policy mapped to its key, with a week of Decrypt calls by other roles open',
    remedy: 'If the access is no longer needed, remove the statement in the key\'s next policy change. Open logs cover a short period: check a longer one (kms-lens access POLICY --logs ...) before removing access a rare job needs.',
    sources: [SOURCES.keyPolicyDefault],
  },
  check(policy, report, { model, usage }) {
    if (!usage || usage.logs.length === 0 || policy.fragment || policy.statements.length === 0) return;
    for (const { keyArn, logicalId } of usage.keys) {
      if (!isKeysPolicy(policy, model, logicalId)) continue;
      // The file is the key's current policy: events before a change the logs show were judged by another one.
      const u = unusedAccess({ policy, keyArn, sources: usage.logs, grants: [], current: true });
      if (!u) continue;
      for (const s of u.statements) {
        const st = policy.statements[s.ref.index];
        if (!st) continue;
        const node = st.sid?.node ?? st.node;
        const start = node.offset;
        const end = st.sid ? node.offset + node.length : start + 1;
        const message = u.events === 1
          ? l10n.t('Unused in the open logs: the one call on {0} between {1} and {2} did not go through this statement.', keyArn, formatTime(u.period.from), formatTime(u.period.to))
          : l10n.t('Unused in the open logs: none of the {0} calls on {1} between {2} and {3} went through this statement.', u.events, keyArn, formatTime(u.period.from), formatTime(u.period.to));
        report({ start, end, message });
      }
    }
  },
};
