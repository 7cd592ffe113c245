import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { removeItem } from '../edits';
import { EVERY_POLICY } from '../facts';
import { normalized, type ActionRef } from '../normalize';
import { wildcardMatch } from '../../text/wildcard';

function globMatch(pattern: string, name: string): boolean {
  return wildcardMatch(pattern, name, true);
}

/** Wildcards other than `Prefix*` (rare) tried per entry; beyond this many the rest are not used as coverers. */
const MAX_COMPLEX = 50;

/** A pattern of the simple form `Prefix*`, as most action wildcards are. */
function simplePrefix(name: string): string | undefined {
  return /^[^*?]*\*$/.test(name) ? name.slice(0, -1).toLowerCase() : undefined;
}

/** Whether entry `b` matches every action entry `a` matches, by its text (so also for actions added later). */
function covers(b: ActionRef, a: ActionRef): boolean {
  if (b.service === '*') return true;
  if (b.service !== 'kms' || a.service !== 'kms' || !b.wildcard) return false;
  if (b.name === '*') return true;
  if (!a.wildcard) return a.matches.length > 0 && globMatch(b.name, a.name);
  const pa = simplePrefix(a.name);
  const pb = simplePrefix(b.name);
  return pa !== undefined && pb !== undefined && pa.length > pb.length && pa.startsWith(pb);
}

export const redundantAction: PolicyRule = {
  id: 'policy-redundant-action',
  defaultSeverity: 'information',
  title: 'Action already covered in the same statement',
  category: 'style',
  fixable: ['neutral'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'An action listed twice, or already matched by a wildcard in the same list (`kms:GetKeyPolicy` next to `kms:Get*`, anything next to `kms:*`). It changes nothing, but it makes the list longer to review and can hide what the statement really grants.',
    example: '"Action": [ "kms:Get*", "kms:GetKeyPolicy" ]',
    remedy: 'Remove the redundant entry (quick fix).',
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const acts = s.actions;
      if (acts.length < 2) continue;
      // Only wildcards can cover another entry. Simple `kms:Prefix*` ones are looked up by prefix, so a
      // hostile list of thousands of wildcards stays linear; the few others are tried one by one.
      const everything = acts.find((b) => b.service === '*') ?? acts.find((b) => b.service === 'kms' && b.name === '*');
      const byPrefix = new Map<string, ActionRef>();
      // The longest prefix looked up: a 30,000-character name is not cut into 30,000 prefixes.
      let longestPrefix = 0;
      const complex: ActionRef[] = [];
      for (const b of acts) {
        if (!b.wildcard || b === everything || b.service !== 'kms' || b.unknown) continue;
        const p = simplePrefix(b.name);
        if (p !== undefined) {
          if (!byPrefix.has(p)) byPrefix.set(p, b);
          longestPrefix = Math.max(longestPrefix, p.length);
        } else if (complex.length < MAX_COMPLEX) complex.push(b);
      }
      const coveredBy = (a: ActionRef, lower: string): ActionRef | undefined => {
        if (everything && everything !== a && everything.text.toLowerCase() !== lower && covers(everything, a)) return everything;
        // Which actions a placeholder stands for is not known: only `kms:*` or `*` covers it.
        if (a.service !== 'kms' || a.unknown) return undefined;
        const name = a.name.toLowerCase();
        // Proper prefixes of the name (of the fixed part, for a wildcard entry).
        const fixed = a.wildcard ? simplePrefix(a.name) : name;
        if (fixed === undefined) return undefined;
        const limit = Math.min(a.wildcard ? fixed.length - 1 : fixed.length, longestPrefix);
        for (let n = 0; n <= limit; n++) {
          const b = byPrefix.get(fixed.slice(0, n));
          if (b && b !== a && covers(b, a)) return b;
        }
        return complex.find((b) => b !== a && b.text.toLowerCase() !== lower && covers(b, a));
      };
      const firstOf = new Map<string, ActionRef>();
      for (const a of acts) {
        const lower = a.text.toLowerCase();
        let coverer = firstOf.get(lower);
        if (!coverer) {
          firstOf.set(lower, a);
          coverer = coveredBy(a, lower);
        }
        if (!coverer) continue;
        const removal = removeItem(a.node);
        report({
          start: a.node.offset,
          end: a.node.offset + a.node.length,
          message: coverer.text.toLowerCase() === lower
            ? l10n.t('"{0}" is listed twice in this statement.', a.text)
            : l10n.t('"{0}" is already covered by "{1}" in this statement.', a.text, coverer.text),
          fixes: removal ? [{ title: l10n.t('Remove "{0}"', a.text), edits: [removal], safety: 'neutral' }] : [],
        });
      }
    }
  },
};
