import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix, FixSafety } from '../../types';
import { renameKey } from '../edits';
import { isBareStatement, isBroken, KEY_AND_IDENTITY_POLICIES, usesPolicyVariables } from '../facts';
import { statementFix, type Reach } from '../fixSafety';
import type { Node } from 'jsonc-parser';
import type { Member, PolicyModel, Statement } from '../model';
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

/** Elements that come in pairs: a statement has one of each pair. */
const PARTNER: Readonly<Record<string, string>> = {
  Action: 'NotAction', NotAction: 'Action', Resource: 'NotResource', NotResource: 'Resource', Principal: 'NotPrincipal', NotPrincipal: 'Principal',
};

/**
 * Whether, without the element `name` (nor its partner), AWS refuses the
 * policy. A statement needs an Effect (IAM: "The Effect element is required");
 * a policy needs a Statement; a key policy statement needs a principal
 * (CreateKey, PutKeyPolicy: "Each statement in the key policy must contain one
 * or more principals"); an IAM policy statement needs Action and Resource
 * (IAM: "Policy statement must contain actions/resources"). A key policy
 * statement without Action or Resource is accepted and has no effect.
 */
function refusedWithout(name: string, present: ReadonlySet<string>, kind: PolicyModel['kind']): boolean {
  if (present.has(name) || (PARTNER[name] !== undefined && present.has(PARTNER[name]))) return false;
  switch (name) {
    case 'Effect': case 'Statement': return true;
    case 'Principal': case 'NotPrincipal': return kind === 'keyPolicy';
    case 'Action': case 'NotAction': case 'Resource': case 'NotResource': return kind === 'identityPolicy';
    default: return false;
  }
}

/** How renaming an unknown element to `name` changes the requests the statement matches. */
function renameReach(name: string, present: ReadonlySet<string>, kind: PolicyModel['kind']): Reach {
  if (name === 'Sid') return 'same';
  // A condition more can only narrow what the statement matches.
  if (name === 'Condition') return 'fewer';
  // In a key policy a statement without Action or Resource has no effect: with one, it applies to some requests.
  if (kind === 'keyPolicy' && PARTNER[name] && !name.endsWith('Principal') && !present.has(PARTNER[name])) return 'more';
  return 'unknown';
}

/**
 * The class of one rename. Only the one sure rename whose value fits the
 * element is ever applied by Fix all: it repairs a policy AWS refuses, or it
 * changes nothing or only narrows; anything else is the author's choice.
 */
function renameFix(policy: PolicyModel, statement: Statement | undefined, m: Member, name: string, present: ReadonlySet<string>, sure: boolean): Fix {
  const title = l10n.t('Rename to "{0}"', name);
  const edits = [renameKey(m.key, name)];
  if (sure && refusedWithout(name, present, policy.kind)) return { title, edits, safety: 'repair' };
  if (!statement) {
    // Top level: Id names nothing AWS evaluates; Version changes only how policy variables (${aws:username}) are read.
    const usesVariables = usesPolicyVariables(policy);
    const safety: FixSafety = sure && (name === 'Id' || (name === 'Version' && !usesVariables)) ? 'neutral' : 'review';
    return { title, edits, safety };
  }
  return statementFix(policy, statement, title, edits, renameReach(name, present, policy.kind), sure);
}

export const unknownElement: PolicyRule = {
  id: 'policy-unknown-element',
  defaultSeverity: 'error',
  title: 'Unknown policy or statement element',
  category: 'rejected',
  fixable: ['repair', 'neutral', 'narrows', 'widens', 'review'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'A policy has only `Version`, `Id` and `Statement`; a statement only `Sid`, `Effect`, `Principal`/`NotPrincipal`, `Action`/`NotAction`, `Resource`/`NotResource` and `Condition`. Element names are case-sensitive. A misspelt required element leaves the statement without it, which AWS refuses: `Effect` is required (IAM), a key policy statement needs a principal (`CreateKey`, `PutKeyPolicy`), an IAM policy statement needs `Action` and `Resource`. For the others (`"Actions"` in a key policy, `"Conditions"`) the policy grammar has no such element, and AWS does not document whether it refuses the policy or ignores the element: either way the statement does not say what it means.',
    example: '{ "Effect": "Allow", "Actions": "kms:Decrypt", "Resource": "*" }',
    remedy: 'Rename the element to the one meant (quick fix with the nearest valid name).',
    sources: [SOURCES.iamGrammar, SOURCES.iamEffect, SOURCES.putKeyPolicy, SOURCES.iamAction, SOURCES.iamResource],
  },
  check(policy, report) {
    const check = (members: Member[], valid: readonly string[], where: string, statement?: Statement): void => {
      const present = new Set(members.map((m) => m.name));
      for (const m of members) {
        if (valid.includes(m.name)) continue;
        const { names: candidates, sure } = candidatesFor(m.name, valid, present);
        const fixes: Fix[] = candidates.map((c) => renameFix(policy, statement, m, c, present, c === sure && suitsElement(c, m.value)));
        report({
          start: m.key.offset,
          end: m.key.offset + m.key.length,
          message: candidates.length > 0
            ? l10n.t('"{0}" is not a {1} element; did you mean "{2}"? The policy language has no such element.', m.name, where, candidates.join('", "'))
            : l10n.t('"{0}" is not a {1} element (valid: {2}). The policy language has no such element.', m.name, where, valid.join(', ')),
          fixes,
        });
      }
    };
    // A statement written as the whole policy is said once, by policy-statement-missing.
    if (policy.root.type === 'object' && !isBroken(policy, policy.root) && !isBareStatement(policy)) check(policy.members, TOP_LEVEL, l10n.t('policy'));
    for (const s of policy.statements) if (!isBroken(policy, s.node)) check(s.members, STATEMENT, l10n.t('statement'), s);
  },
};
