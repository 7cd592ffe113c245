import { KEY_POLICY_ALLOWED_CHARACTERS } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { nodeEnd } from '../edits';

// Built with `new RegExp` because lint forbids control characters in regex literals; here they are the point.
const UNSUPPORTED = new RegExp(`[^${KEY_POLICY_ALLOWED_CHARACTERS}]`, 'gu');
const MAX_REPORTED = 20;

export const unsupportedCharacter: PolicyRule = {
  id: 'policy-unsupported-character',
  defaultSeverity: 'error',
  title: 'Character KMS does not accept in a key policy',
  category: 'rejected',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'KMS accepts only tab, line breaks and the characters U+0020 to U+00FF in a key policy (the `Policy` pattern of the KMS API). Typographic quotes, dashes or non-Latin letters pasted into a `Sid` or a condition value make KMS reject the whole policy.',
    example: '{ "Sid": "Allow use – production", ... }',
    remedy: 'Replace the character with a plain one (a straight quote, a hyphen).',
    sources: [SOURCES.putKeyPolicy, SOURCES.keyPolicyElements],
  },
  check(policy, report) {
    const from = policy.origin === 'embedded' ? policy.root.offset : 0;
    const to = policy.origin === 'embedded' ? nodeEnd(policy.root) : policy.text.length;
    const text = policy.text.slice(from, to);
    let n = 0;
    for (const m of text.matchAll(UNSUPPORTED)) {
      if (n++ >= MAX_REPORTED) break;
      const ch = m[0];
      const start = from + (m.index ?? 0);
      report({
        start,
        end: start + ch.length,
        message: l10n.t('KMS does not accept the character "{0}" (U+{1}) in a key policy: only Latin-1 characters are allowed.', ch, (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')),
      });
    }
  },
};
