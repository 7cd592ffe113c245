import type { Node } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_AND_IDENTITY_POLICIES, isBroken } from '../facts';
import { membersOf } from '../model';
import { isIntrinsic } from '../intrinsics';
import { scan } from '../placeholders';

/**
 * A string that is one template value and nothing else: `"${concat(local.a, local.b)}"`
 * (Terraform reads a function call as a value), `"{{ statements | to_json }}"`. What it
 * writes is not known, so it may be a list, an object, anything: it is never the wrong type.
 * An IAM policy variable is not one: AWS replaces it with a string.
 */
function isWholeTemplateValue(n: Node): boolean {
  if (n.type !== 'string') return false;
  const value = String(n.value);
  const found = scan(value);
  return found.length === 1 && found[0].from === 0 && found[0].to === value.length && found[0].kind !== 'policyVariable';
}

const SCALAR = new Set(['string', 'number', 'boolean']);

export const valueType: PolicyRule = {
  id: 'policy-value-type',
  defaultSeverity: 'error',
  title: 'Value of the wrong JSON type',
  category: 'invalid',
  fixable: [],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'Each policy element takes one shape: `Version`, `Sid` and `Effect` a string; `Action` and `Resource` a string or a list of strings; `Principal` `"*"` or an object of strings or lists; `Condition` an object of operators, each an object of keys whose values are strings, numbers, booleans or lists of them. AWS rejects anything else, such as a number as `Version` or an object inside `Action`. A CloudFormation function (`Ref`, `Fn::Sub`, `Fn::If`, ...) stands for a value and is accepted anywhere, in a template and in a policy file a template embeds; the other rules check the strings `Fn::Sub` and `Fn::Join` build, around their unknown parts, and both alternatives of an `Fn::If`, each as written.',
    example: '{ "Effect": "Allow", "Action": { "kms": "Decrypt" }, "Resource": "*" }',
    remedy: 'Write the value in the shape the element takes.',
    sources: [SOURCES.iamGrammar],
  },
  check(policy, report) {
    // Any value may be a CloudFormation function (Fn::Sub, Ref, Fn::If, ...): in a template, and in a policy file a template embeds.
    const intrinsicOk = (n: Node): boolean => isIntrinsic(n) || isWholeTemplateValue(n);
    const bad = (n: Node, message: string): void => report({ start: n.offset, end: n.offset + n.length, message });
    const expectString = (n: Node, name: string): void => {
      if (n.type !== 'string' && !intrinsicOk(n)) bad(n, l10n.t('"{0}" must be a string.', name));
    };
    const expectStrings = (n: Node, name: string): void => {
      if (n.type === 'string' || intrinsicOk(n)) return;
      if (n.type !== 'array') return bad(n, l10n.t('"{0}" must be a string or a list of strings.', name));
      for (const c of n.children ?? []) if (c.type !== 'string' && !intrinsicOk(c)) bad(c, l10n.t('Each entry of "{0}" must be a string.', name));
    };

    for (const name of ['Version', 'Id']) {
      const m = policy.byName.get(name);
      if (m) expectString(m.value, name);
    }
    const st = policy.byName.get('Statement')?.value;
    if (st && st.type !== 'object' && !intrinsicOk(st)) {
      if (st.type !== 'array') bad(st, l10n.t('"Statement" must be a list of statements (or one statement object).'));
      else for (const c of st.children ?? []) if (c.type !== 'object' && !isWholeTemplateValue(c)) bad(c, l10n.t('Each statement must be an object.'));
    }

    for (const s of policy.statements) {
      if (isBroken(policy, s.node)) continue;
      for (const name of ['Sid', 'Effect']) {
        const m = s.byName.get(name);
        if (m) expectString(m.value, name);
      }
      for (const name of ['Action', 'NotAction', 'Resource', 'NotResource']) {
        const m = s.byName.get(name);
        if (m) expectStrings(m.value, name);
      }
      for (const name of ['Principal', 'NotPrincipal']) {
        const m = s.byName.get(name);
        if (!m || m.value.type === 'string' || intrinsicOk(m.value)) continue;
        if (m.value.type !== 'object') {
          bad(m.value, l10n.t('"{0}" must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}.', name));
          continue;
        }
        for (const p of membersOf(m.value)) expectStrings(p.value, p.name);
      }
      const cond = s.byName.get('Condition');
      if (!cond) continue;
      if (cond.value.type !== 'object') {
        if (!intrinsicOk(cond.value)) bad(cond.value, l10n.t('"Condition" must be an object of condition operators.'));
        continue;
      }
      for (const op of membersOf(cond.value)) {
        if (op.value.type !== 'object') {
          if (!intrinsicOk(op.value)) bad(op.value, l10n.t('The value of condition operator "{0}" must be an object of condition keys.', op.name));
          continue;
        }
        for (const k of membersOf(op.value)) {
          const v = k.value;
          if (SCALAR.has(v.type) || intrinsicOk(v)) continue;
          if (v.type !== 'array') {
            bad(v, l10n.t('Condition key "{0}" must have a string, number, boolean or a list of them.', k.name));
            continue;
          }
          for (const c of v.children ?? []) {
            if (!SCALAR.has(c.type) && !intrinsicOk(c)) bad(c, l10n.t('Each value of condition key "{0}" must be a string, number or boolean.', k.name));
          }
        }
      }
    }
  },
};
