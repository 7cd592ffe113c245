import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../rule';
import { SOURCES } from '../../data/sources';
import { POLICY_KINDS } from '../../policy/kinds';

/**
 * The policy name after a key policy saved from `aws kms get-key-policy --output text`
 * (document/keyPolicyText.ts). The policy is read and checked as usual; this says once
 * why the file is not JSON as it stands, and how to save the policy alone.
 */
export const keyPolicyTextOutput: DocumentRule = {
  id: 'meta-key-policy-text-output',
  scope: 'document',
  kinds: POLICY_KINDS,
  defaultSeverity: 'information',
  category: 'analysis',
  fixable: ['repair'],
  title: 'Key policy saved from get-key-policy --output text, with its name',
  docs: {
    description: '`aws kms get-key-policy --output text` without `--query Policy` prints the key policy, then a tab and the policy\'s name, `default` (the response holds `Policy` and `PolicyName`, and text output puts the values of a response on one line, separated by tabs). Saved to a file, that is the policy with `\\tdefault` after its closing brace: KMS Lens reads and checks the policy, and says once that the file is not JSON as it stands, so `put-key-policy --policy file://...` and JSON tools refuse it until the name is removed.',
    example: '{ "Version": "2012-10-17", "Statement": [ ... ] }\tdefault',
    remedy: 'Remove the tab and `default` (quick fix), or save the policy alone: `aws kms get-key-policy --key-id KEY --query Policy --output text > policy.json`.',
    sources: [SOURCES.getKeyPolicy, SOURCES.cliTextOutput, SOURCES.putKeyPolicy],
  },
  check(model, report) {
    const suffix = model.policyNameSuffix;
    if (!suffix) return;
    report({
      ...suffix,
      message: l10n.t('aws kms get-key-policy --output text printed the policy name "default" after the policy: KMS Lens checks the policy, but the file is not JSON until the name is removed (or saved with --query Policy --output text).'),
      fixes: [{ title: l10n.t('Remove the policy name'), edits: [{ start: suffix.start, end: suffix.end, newText: '' }], safety: 'repair' }],
    });
  },
};
