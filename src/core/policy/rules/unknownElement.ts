import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { renameKey } from '../edits';
import { KEY_AND_IDENTITY_POLICIES, isBroken } from '../facts';
import type { Node } from 'jsonc-parser';
import type { Member } from '../model';
import { suggest } from '../suggestions';

const TOP_LEVEL = ['Version', 'Id', 'Statement'];
const STATEMENT = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

function candidatesFor(name: string, valid: readonly string[], present: ReadonlySet<string>): { names: string[]; sure?: string } {
  const { names, sure } = suggest(name, valid, 3);
  // Renaming onto an element the object already has would only create a duplicate key.
  return { names: names.filter((c) => !present.has(c)), sure: sure && !present.has(sure) ? sure : undefined };
}

const isStringList = (n: Node): boolean => n.type === 'string' || (n.type === 'array' && (n.children ?? []).every((c) => c.type === 'string'));

/**
 * Whether a value has the shape the element takes. A rename is the one right repair only
 * then: `"resources": [{"ARN": ...}]` renamed to `Resource` would just be another error.
 */
function suitsElement(name: string, value: Node): boolean {
  switch (name) {
    case 'Version': case 'Id': case 'Sid': case 'Effect': return value.type === 'string';
    case 'Statement': return value.type === 'array' || value.type === 'object';
    case 'Principal': case 'NotPrincipal': return value.type === 'object' || (value.type === 'string' && value.value === '*');
    case 'Condition': return value.type === 'object';
    default: return isStringList(value);
  }
}

export const unknownElement: PolicyRule = {
  id: 'policy-unknown-element',
  defaultSeverity: 'error',
  title: 'Unknown policy or statement element',
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'A policy has only `Version`, `Id` and `Statement`; a statement only `Sid`, `Effect`, `Principal`/`NotPrincipal`, `Action`/`NotAction`, `Resource`/`NotResource` and `Condition`. Element names are case-sensitive. AWS rejects a policy with any other element, such as `"Actions"` or `"effect"`.',
    example: '{ "Effect": "Allow", "Actions": "kms:Decrypt", "Resource": "*" }',
    remedy: 'Rename the element to the one meant (quick fix with the nearest valid name).',
  },
  check(policy, report) {
    const check = (members: Member[], valid: readonly string[], where: string): void => {
      const present = new Set(members.map((m) => m.name));
      for (const m of members) {
        if (valid.includes(m.name)) continue;
        const { names: candidates, sure } = candidatesFor(m.name, valid, present);
        const fixes: Fix[] = candidates.map((c) => ({ title: l10n.t('Rename to "{0}"', c), edits: [renameKey(m.key, c)], preferred: c === sure && suitsElement(c, m.value) }));
        report({
          start: m.key.offset,
          end: m.key.offset + m.key.length,
          message: candidates.length > 0
            ? l10n.t('"{0}" is not a {1} element; did you mean "{2}"? AWS rejects unknown elements.', m.name, where, candidates.join('", "'))
            : l10n.t('"{0}" is not a {1} element (valid: {2}). AWS rejects unknown elements.', m.name, where, valid.join(', ')),
          fixes,
        });
      }
    };
    if (policy.root.type === 'object' && !isBroken(policy, policy.root)) check(policy.members, TOP_LEVEL, l10n.t('policy'));
    for (const s of policy.statements) if (!isBroken(policy, s.node)) check(s.members, STATEMENT, l10n.t('statement'));
  },
};
