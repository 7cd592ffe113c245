import { t } from '../../l10n';
import { isKnownPartition, parseArn, repairShiftedArn } from '../../kms/identifiers';
import type { EventRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { maybeShiftedArn } from '../event';

interface Found {
  path: Array<string | number>;
  value: string;
}

/**
 * Every string in the event that starts like an ARN. Recursive with one shared
 * path (copied only on a match): it runs on every event of a 40 MB log. The
 * document model refuses JSON nested deeper than 512 levels, so the recursion is bounded.
 */
function arnStrings(root: unknown): Found[] {
  const out: Found[] = [];
  const path: Array<string | number> = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.startsWith('arn:')) out.push({ path: [...path], value: v });
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
  docs: {
    description: 'An ARN that CloudTrail could not have written: `arn:aws::kms:us-west-2:...` (an extra colon shifts every field one place, as on the Deadline Cloud pages), fewer than six fields, or an unknown partition. A search or a policy built from it matches nothing.',
    example: '"keyId": "arn:aws::kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
    remedy: 'Remove the extra colon (quick fix), or copy the ARN again from the log.',
  },
  check({ event, range }, report) {
    for (const f of arnStrings(event)) {
      const fixed = maybeShiftedArn(f.value) ? repairShiftedArn(f.value) : undefined;
      if (fixed) {
        const r = range(f.path);
        const fixes: Fix[] = [{ title: t('Change to {0}', fixed), edits: [{ ...r, newText: JSON.stringify(fixed) }], preferred: true }];
        report({ ...r, message: t('Malformed ARN: "{0}" has an empty field before the service, which shifts every field. It should be "{1}".', f.value, fixed), fixes });
        continue;
      }
      const arn = parseArn(f.value);
      if (!arn) {
        report({ ...range(f.path), message: t('Malformed ARN: "{0}" has fewer than six colon-separated fields (arn:partition:service:region:account:resource).', f.value) });
      } else if (!isKnownPartition(arn.partition.value)) {
        report({ ...range(f.path), message: t('Malformed ARN: "{0}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...).', arn.partition.value) });
      }
    }
  },
};
