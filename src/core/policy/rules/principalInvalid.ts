import { isKnownPartition } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { couldBeServicePrincipal, hasUnknown, isPlaceholderAccount } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { nodeEnd, renameKey, replaceNode } from '../edits';
import { KEY_POLICIES } from '../facts';
import { classifiedFix, statementFix, valueReach } from '../fixSafety';
import { alternatives, isIntrinsic } from '../intrinsics';
import { membersOf } from '../model';
import { normalized, type PrincipalRef } from '../normalize';
import { scan } from '../placeholders';
import { suggest } from '../suggestions';
import { arnSpan, arnText, badKnownRuns, type Span } from '../value';

const TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

interface Problem {
  message: string;
  /** Where: the whole value when absent. */
  span?: Span;
}

/** Characters an ARN can hold (IAM names, paths, wildcards). */
const ARN_CHAR = /[A-Za-z0-9:/_+=,.@*?-]/;

/**
 * What is wrong with the known characters of an AWS principal that has
 * placeholders in it: the placeholders may become anything, but an account
 * id is digits whatever they become, and no principal has a space.
 */
function partlyKnownProblem(p: PrincipalRef): Problem | undefined {
  const v = p.parts;
  const shape = v.shape;
  const bad = (runs: Array<[number, number]>, what: string): Problem | undefined => {
    if (runs.length === 0) return undefined;
    const [from, to] = runs[0];
    const around = v.unknownsIn(0, shape.length)[0]?.written ?? '';
    return { message: l10n.t('"{0}" cannot be part of {1}, whatever {2} becomes.', v.show(from, to), what, around), span: v.span(from, to) };
  };
  const va = p.valueArn;
  if (va) {
    const partition = va.arn.partition.value;
    if (!hasUnknown(partition) && !isKnownPartition(partition)) return { message: l10n.t('"{0}" is not an AWS partition.', partition), span: arnSpan(va, va.arn.partition) };
    const account = va.arn.account;
    if (hasUnknown(account.value)) {
      const start = account.start + (va.shifted ? 1 : 0);
      return bad(badKnownRuns(shape, start, start + account.value.length, /\d/), l10n.t('an account id'));
    }
    if (!/^\d{12}$/.test(account.value) && !isPlaceholderAccount(account.value)) {
      return { message: l10n.t('"{0}" is not an account id: account ids have 12 digits.', account.value), span: account.value === '' ? undefined : arnSpan(va, account) };
    }
    if (/^arn:[^:]*:iam::[^:]*:group\//.test(shape)) return { message: l10n.t('IAM groups cannot be principals ("{0}"): name the users, or grant the group access in an IAM policy.', v.written) };
    return bad(badKnownRuns(shape, 0, shape.length, ARN_CHAR), l10n.t('a principal ARN'));
  }
  if (/^[\d\uE000]*$/.test(shape)) return undefined;
  // Starting with a placeholder, it may be an account id or a whole ARN: only characters no principal has are wrong.
  if (shape.startsWith('\uE000')) return bad(badKnownRuns(shape, 0, shape.length, ARN_CHAR), l10n.t('an account id or a principal ARN'));
  return undefined;
}

/**
 * A CloudFront origin access identity (the legacy way to let CloudFront read an
 * S3 origin): a user in CloudFront's own account, named with spaces, as the
 * CloudFront Developer Guide writes it. Not an account id, but a principal.
 */
const CLOUDFRONT_OAI = /^arn:aws(?:-cn|-us-gov)?:iam::cloudfront:user\/CloudFront Origin Access Identity [A-Z0-9]+$/;

/** What is wrong with an AWS principal, or undefined. Placeholders are left to policy-placeholder. */
function awsProblem(p: PrincipalRef): Problem | undefined {
  const v = p.parts;
  const variable = v.unknowns.find((u) => u.kind === 'policyVariable');
  // IAM replaces policy variables in Resource and in condition values only: in a principal one names no one.
  if (variable) return { message: l10n.t('Policy variables are not replaced in a principal: "{0}" names no principal.', v.written), span: { start: variable.start, end: variable.end } };
  if (!v.known) return partlyKnownProblem(p);
  const shape = v.shape;
  if (shape === '*' || p.kind === 'uniqueId' || CLOUDFRONT_OAI.test(shape)) return undefined;
  if (/[*?]/.test(shape)) return { message: l10n.t('Wildcards are not allowed in a principal ARN ("{0}"): use "*" with an aws:PrincipalArn condition instead.', shape) };
  if (p.kind === 'account') return undefined;
  if (p.kind === 'unknown') {
    if (isPlaceholderAccount(shape)) return undefined;
    if (/^\d+$/.test(shape)) return { message: l10n.t('"{0}" is not an account id: account ids have 12 digits.', shape) };
    if (!shape.startsWith('arn:')) return { message: l10n.t('"{0}" is not an AWS principal: use an account id, or the ARN of an account root, user, role or assumed-role session.', shape) };
    if (/^arn:[^:]*:iam::[^:]*:group\//.test(shape)) return { message: l10n.t('IAM groups cannot be principals ("{0}"): name the users, or grant the group access in an IAM policy.', shape) };
    return { message: l10n.t('"{0}" is not the ARN of an account root, IAM user, IAM role or assumed-role session.', shape) };
  }
  const va = p.valueArn;
  if (!va) return undefined;
  const arn = va.arn;
  if (!isKnownPartition(arn.partition.value)) return { message: l10n.t('"{0}" is not an AWS partition.', arn.partition.value) };
  const account = arn.account.value;
  if (!/^\d{12}$/.test(account) && !isPlaceholderAccount(account)) {
    return { message: l10n.t('"{0}" is not an account id: account ids have 12 digits.', arnText(va, arn.account)), span: account === '' ? undefined : arnSpan(va, arn.account) };
  }
  return undefined;
}

export const principalInvalid: PolicyRule = {
  id: 'policy-principal-invalid',
  defaultSeverity: 'error',
  title: 'Malformed principal',
  category: 'rejected',
  fixable: ['repair', 'widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'A principal KMS cannot resolve: `"Principal"` as a string other than `"*"`, an unknown type (`"aws"`, `"Services"`), an account id that is not 12 digits, an ARN that is not an account root, user, role or assumed-role session (IAM groups cannot be principals), a wildcard inside an ARN, or a service principal that is not `service.amazonaws.com` (a CloudFront origin access identity, `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E…`, is a principal). KMS rejects a key policy whose principals it cannot resolve. An IAM policy variable (`${aws:username}`) in a principal is reported too: IAM uses variables as placeholders for the values of a resource or a condition key ([IAM policy elements: Variables and tags](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)), so in a principal it is plain text that names no one. A template placeholder (`${account_id}`, `<ACCOUNT_ID>`, a CloudFormation `Ref` or `Fn::Sub`) is not a malformed principal: only the characters around it are checked (a space, an 8-digit account, an unknown partition), and `policy-placeholder` names the placeholder.',
    example: '"Principal": { "AWS": "arn:aws:iam::11112222333:role/App" }',
    remedy: 'Write the principal as `{"AWS": "arn:aws:iam::ACCOUNT:role/NAME"}`, `{"AWS": "ACCOUNT"}` or `{"Service": "service.amazonaws.com"}`.',
    sources: [SOURCES.iamPrincipal, SOURCES.putKeyPolicy, SOURCES.keyPolicyElements, SOURCES.cloudFrontOai],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const m = s.statement.byName.get(s.principalElement ?? '');
      if (!m) continue;
      if (m.value.type === 'string') {
        const p = s.principals[0]?.parts;
        // "*", or a placeholder that may stand for it.
        if (!p || p.shape === '*' || p.whollyUnknown) continue;
        const type = couldBeServicePrincipal(p.shape) ? 'Service' : /^(arn:|\d{12}$)/.test(p.shape) ? 'AWS' : undefined;
        // The string as written, placeholders and escapes included: the fix moves it, it does not retype it.
        const literal = policy.text.slice(m.value.offset, nodeEnd(m.value));
        report({
          start: m.value.offset,
          end: m.value.offset + m.value.length,
          message: l10n.t('"{0}" must be "*" or an object such as {"AWS": "..."}; a bare string is rejected.', s.principalElement!),
          // A policy with such a principal is refused (the principal is not valid), and the object form is its one meaning.
          fixes: type ? [{ title: l10n.t('Change to {0}', `{"${type}": ${JSON.stringify(p.written)}}`), edits: [replaceNode(m.value, `{ "${type}": ${literal} }`)], safety: 'repair' }] : [],
        });
        continue;
      }
      // `"Principal": {"Fn::If": [...]}`: the types of both alternatives.
      const objects = isIntrinsic(m.value) ? (alternatives(m.value) ?? []) : [m.value];
      for (const object of objects) {
        const present = new Set(membersOf(object).map((x) => x.name));
        for (const typeMember of membersOf(object)) {
          if (TYPES.includes(typeMember.name)) continue;
          // `{"${var.principal_type}": ...}`, a Terraform `type = var.principal_type`: the type is filled in later.
          if (scan(typeMember.name).length > 0) continue;
          const { names, sure } = suggest(typeMember.name.replace(/s$/i, ''), TYPES, 2);
          const candidates = names.filter((c) => !present.has(c));
          const fixes: Fix[] = candidates.map((c) => classifiedFix(policy, s.statement, l10n.t('Rename to "{0}"', c), [renameKey(typeMember.key, c)], c === sure ? 'repair' : 'review'));
          report({
            start: typeMember.key.offset,
            end: typeMember.key.offset + typeMember.key.length,
            message: l10n.t('"{0}" is not a principal type (AWS, Service, Federated or CanonicalUser).', typeMember.name),
            fixes,
          });
        }
      }
      for (const p of s.principals) {
        const range = { start: p.node.offset, end: p.node.offset + p.node.length };
        const shape = p.parts.shape;
        if (p.type === 'AWS') {
          // The arn:aws::iam: shift is reported (with its fix) by policy-arn-malformed.
          if (p.valueArn?.shifted) continue;
          const problem = awsProblem(p);
          if (problem) report({ ...(problem.span ?? range), message: problem.message });
        } else if (p.type === 'Service') {
          if (couldBeServicePrincipal(shape)) continue;
          const guess = p.parts.known && /^[a-z0-9-]+$/.test(shape) ? `${shape}.amazonaws.com` : undefined;
          const edit = guess ? p.parts.rewrite(guess) : undefined;
          report({
            ...range,
            message: l10n.t('"{0}" is not a service principal: service principals look like "service.amazonaws.com".', p.value),
            fixes: guess && edit ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', guess), [edit], valueReach(s.principalElement ?? 'Principal'))] : [],
          });
        } else if (p.type === 'CanonicalUser' && p.parts.known && !/^[0-9a-f]{64}$/.test(shape)) {
          report({ ...range, message: l10n.t('"{0}" is not a canonical user id (64 hexadecimal digits).', p.value) });
        }
      }
    }
  },
};
