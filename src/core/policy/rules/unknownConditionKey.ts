import { allConditionKeys } from '../../data/iam';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { editDistance, nearest } from '../../text/suggest';
import { suggest } from '../suggestions';
import type { Fix } from '../../types';
import { renameKey } from '../edits';
import { EVERY_POLICY } from '../facts';
import { keyAppearsReach, statementFix } from '../fixSafety';
import { normalized } from '../normalize';

let names: string[] | undefined;

/** Known keys as written in policies; for keys with a variable part, the fixed part (`kms:EncryptionContext:`). */
function knownNames(): string[] {
  if (!names) {
    const set = new Set<string>();
    for (const k of allConditionKeys()) {
      const variable = k.key.search(/\$\{|\/tag-key$|\/key-name$/i);
      set.add(variable === -1 ? k.key : k.key.slice(0, variable));
    }
    names = [...set];
  }
  return names;
}

/**
 * Keys people write for an idea no key has under that name, with the keys that
 * carry it (IAM global condition keys; KMS condition keys). `aws:Service` is
 * meant as "the service making the call": a service principal's name
 * (aws:PrincipalServiceName), the services a request went through
 * (aws:CalledVia), or the service that called KMS for the user (kms:ViaService).
 * No one of them is sure, so no fix is applied for the user.
 */
const MEANT: Record<string, readonly string[]> = {
  'aws:service': ['aws:PrincipalServiceName', 'aws:CalledVia', 'kms:ViaService'],
  'aws:servicename': ['aws:PrincipalServiceName', 'aws:CalledVia', 'kms:ViaService'],
  'aws:sourceservice': ['aws:PrincipalServiceName', 'aws:CalledVia', 'kms:ViaService'],
  'aws:viaservice': ['kms:ViaService', 'aws:CalledVia', 'aws:ViaAWSService'],
  'aws:sourcevpcendpoint': ['aws:SourceVpce'],
};

/** The part after the service prefix (`username` of `aws:username`). */
const namePart = (key: string): string => key.slice(key.indexOf(':') + 1);

/**
 * Whether `candidate` is close to `key` by its own name, not only by the
 * `aws:` or `kms:` both start with: the prefix makes short names look alike
 * (`aws:Service` is four edits from `aws:username`, within a third of the
 * whole key but not of the names).
 */
function closeByName(key: string, candidate: string): boolean {
  const a = namePart(key);
  const b = namePart(candidate);
  return editDistance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}

function suggestions(key: string): { names: string[]; sure?: string } {
  const meant = MEANT[key.toLowerCase()];
  if (meant) return { names: [...meant] };
  const found = suggest(key, knownNames(), 3);
  const names = found.names.filter((n) => closeByName(key, n));
  const direct = { names, sure: found.sure && names.includes(found.sure) ? found.sure : undefined };
  if (direct.names.length > 0) return direct;
  // A typo in the fixed part of a key with a variable part: compare that part only.
  const out: string[] = [];
  for (const prefix of knownNames()) {
    if (!/[:/]$/.test(prefix)) continue;
    const head = key.slice(0, prefix.length);
    if (nearest(head, [prefix], 1).length > 0) out.push(prefix + key.slice(prefix.length));
  }
  return { names: out.slice(0, 3), sure: out.length === 1 ? out[0] : undefined };
}

export const unknownConditionKey: PolicyRule = {
  id: 'policy-unknown-condition-key',
  defaultSeverity: 'error',
  title: 'Unknown kms: or aws: condition key',
  category: 'ineffective',
  fixable: ['widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A `kms:` condition key KMS does not have, or an `aws:` key that is not a global condition key (`kms:CallerAcount`, `kms:ViaServices`, `aws:SourceVPCE` is fine but `aws:SourceVpcEndpoint` is not). A condition on a key that is never in the request never matches (or, with a negated operator or `IfExists`, always does), so the statement does not do what it says. Keys of other services are not checked.',
    example: '"Condition": { "StringEquals": { "kms:CallerAcount": "111122223333" } }',
    remedy: 'Use the key meant (quick fix with up to three nearest keys). The KMS keys are listed in the Service Authorization Reference for AWS KMS.',
    sources: [SOURCES.kmsActions, SOURCES.iamGlobalKeys, SOURCES.iamConditionOperators],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        if (c.key) continue;
        const lower = c.entry.key.toLowerCase();
        if (!lower.startsWith('kms:') && !lower.startsWith('aws:')) continue;
        if (c.entry.key.includes('${')) continue;
        const { names: candidates, sure } = suggestions(c.entry.key);
        // No request carries the misspelt key; the corrected one is in some requests, so the condition can change its answer.
        const fixes: Fix[] = candidates.map((k) => statementFix(policy, s.statement, l10n.t('Change to "{0}"', k), [renameKey(c.entry.keyNode, k)], keyAppearsReach(c.op), k === sure));
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: candidates.length > 0
            ? l10n.t('"{0}" is not a known condition key; did you mean {1}? A condition on a key that is never present does not do what it says.', c.entry.key, candidates.map((k) => `"${k}"`).join(', '))
            : l10n.t('"{0}" is not a known condition key. A condition on a key that is never present does not do what it says.', c.entry.key),
          fixes,
        });
      }
    }
  },
};
