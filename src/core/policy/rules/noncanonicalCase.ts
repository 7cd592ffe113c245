import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { renameKey } from '../edits';
import { EVERY_POLICY } from '../facts';
import { normalized } from '../normalize';

/** The canonical spelling of a condition key as used: the template's fixed part as AWS writes it, the variable part as written. */
function canonicalKey(written: string, template: string): string {
  const variable = template.search(/\$\{|\/tag-key$|\/key-name$/i);
  if (variable === -1) return template;
  return template.slice(0, variable) + written.slice(variable);
}

export const noncanonicalCase: PolicyRule = {
  id: 'policy-noncanonical-case',
  defaultSeverity: 'hint',
  title: 'Action or condition key not in its usual case',
  category: 'style',
  fixable: ['neutral'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'Action names and condition key names are matched without regard to case, so `kms:decrypt` works, but it is harder to read and to search for, and other tools may treat it as unknown. The AWS documentation writes `kms:Decrypt` and `aws:SourceVpce`.',
    example: '"Action": "KMS:decrypt"',
    remedy: 'Write the name as AWS does (quick fix).',
    sources: [SOURCES.iamAction, SOURCES.iamCondition],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const a of s.actions) {
        if (a.service !== 'kms' || a.wildcard || a.matches.length !== 1) continue;
        const canonical = `kms:${a.matches[0].name}`;
        if (a.text === canonical) continue;
        // The characters that differ, in the string that holds them (an action built by Fn::Join keeps its pieces).
        const edit = a.parts.rewrite(canonical);
        report({
          start: a.node.offset,
          end: a.node.offset + a.node.length,
          message: l10n.t('Write "{0}" as "{1}".', a.text, canonical),
          fixes: edit ? [{ title: l10n.t('Change to "{0}"', canonical), edits: [edit], safety: 'neutral' }] : [],
        });
      }
      for (const c of s.conditions) {
        if (!c.key) continue;
        const canonical = canonicalKey(c.entry.key, c.key.key);
        if (canonical === c.entry.key || canonical.toLowerCase() !== c.entry.key.toLowerCase()) continue;
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: l10n.t('Write the condition key "{0}" as "{1}".', c.entry.key, canonical),
          fixes: [{ title: l10n.t('Change to "{0}"', canonical), edits: [renameKey(c.entry.keyNode, canonical)], safety: 'neutral' }],
        });
      }
    }
  },
};
