import * as l10n from '@vscode/l10n';
import { isKnownPartition, repairShiftedArn } from '../../kms/identifiers';
import type { EventRule } from '../../rules/rule';
import { hasMask } from '../../text/masks';
import type { Fix } from '../../types';
import { maybeShiftedArn, topLevelFields } from '../event';

interface Found {
  path: Array<string | number>;
  value: string;
  /** The repaired ARN, for `arn:aws::kms:`. */
  fixed?: string;
  /** Otherwise: what is wrong. */
  problem?: 'fields' | 'partition';
  partition?: string;
}

/** Undefined for a well-formed ARN (checked with indexOf only: this runs on every ARN of a 40 MB log). */
function arnProblem(v: string): Omit<Found, 'path' | 'value'> | undefined {
  if (maybeShiftedArn(v)) {
    const fixed = repairShiftedArn(v);
    if (fixed) return { fixed };
  }
  const c1 = v.indexOf(':', 4);
  let c = c1;
  for (let i = 0; i < 3 && c !== -1; i++) c = v.indexOf(':', c + 1);
  // A masked ARN (`arn:aws:kms:REDACTED`, `arn:xxx:...`) was cut or hidden before sharing: not malformed by CloudTrail.
  if (c === -1) return hasMask(v) ? undefined : { problem: 'fields' };
  const partition = v.slice(4, c1);
  return isKnownPartition(partition) || hasMask(partition) ? undefined : { problem: 'partition', partition };
}

/** Whether any string in the value is a malformed ARN: the common case (none) allocates nothing. */
function anyMalformed(v: unknown): boolean {
  if (typeof v === 'string') return v.charCodeAt(0) === 97 /* a */ && v.startsWith('arn:') && arnProblem(v) !== undefined;
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (anyMalformed(v[i])) return true;
    return false;
  }
  for (const k in v as Record<string, unknown>) if (anyMalformed((v as Record<string, unknown>)[k])) return true;
  return false;
}

/**
 * The malformed ARNs among the event's strings, with their paths. Only run on
 * an event that has one (anyMalformed). Recursive with one shared path; the
 * document model refuses JSON nested deeper than 512 levels, so it is bounded.
 */
function malformedArns(root: unknown): Found[] {
  const out: Found[] = [];
  const path: Array<string | number> = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.startsWith('arn:')) {
        const p = arnProblem(v);
        if (p) out.push({ path: [...path], value: v, ...p });
      }
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visit(v[i]);
        path.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k in v as Record<string, unknown>) {
        path.push(k);
        visit((v as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  visit(root);
  return out;
}

export const malformedArn: EventRule = {
  id: 'ct-malformed-arn',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Malformed ARN in an event',
  category: 'record',
  fixable: ['neutral'],
  docs: {
    description: 'An ARN that CloudTrail could not have written: `arn:aws::kms:us-west-2:...` (an extra colon shifts every field one place, as on the Deadline Cloud pages), fewer than six fields, or an unknown partition. A search or a policy built from it matches nothing. An ARN that was masked before sharing (`arn:aws:kms:REDACTED`) is left alone.',
    example: '"keyId": "arn:aws::kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
    remedy: 'Remove the extra colon (quick fix), or copy the ARN again from the log.',
  },
  check({ event, range }, report) {
    let found = false;
    const { names, fields } = topLevelFields(event);
    for (let i = 0; i < names.length; i++) {
      const field = fields[i];
      // Documented plain-text fields (times, names, ids, Regions) never hold an ARN: skipping them halves the walk.
      if (field && field.type !== 'object' && field.type !== 'objectOrNull' && field.type !== 'array') continue;
      if (anyMalformed(event[names[i]])) {
        found = true;
        break;
      }
    }
    if (!found) return;
    for (const f of malformedArns(event)) {
      const r = range(f.path);
      if (f.fixed) {
        const fixes: Fix[] = [{ title: l10n.t('Change to {0}', f.fixed), edits: [{ ...r, newText: JSON.stringify(f.fixed) }], safety: 'neutral' }];
        report({ ...r, message: l10n.t('Malformed ARN: "{0}" has an empty field before the service, which shifts every field. It should be "{1}".', f.value, f.fixed), fixes });
      } else if (f.problem === 'fields') {
        report({ ...r, message: l10n.t('Malformed ARN: "{0}" has fewer than six colon-separated fields (arn:partition:service:region:account:resource).', f.value) });
      } else {
        report({ ...r, message: l10n.t('Malformed ARN: "{0}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...).', f.partition ?? '') });
      }
    }
  },
};
