import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { isKmsEvent, keyMentions, obj } from '../event';
import { regionLike } from './region';

export const regionMismatch: EventRule = {
  id: 'ct-region-mismatch',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Key of another Region than the call',
  category: 'record',
  fixable: [],
  docs: {
    description: 'KMS keys are Regional: a call to KMS in `awsRegion` can only use keys of that Region, so the key ARNs in `requestParameters`, `responseElements` and `resources` carry the same Region (ReplicateKey\'s replica, in `replicaRegion`, is the one exception). A different Region means the event was pieced together or edited; several examples in the KMS guide have this defect (`us-east-1` calls on `us-west-2` keys).',
    example: '"awsRegion": "us-east-1", "requestParameters": { "keyId": "arn:aws:kms:us-west-2:111122223333:key/..." }',
    remedy: 'In a real log, treat the record as altered. In an example, make the Regions agree.',
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event) || typeof event.awsRegion !== 'string') return;
    const region = event.awsRegion;
    // Not a Region at all: ct-region says so once per log; a mismatch on every key of every record would repeat it.
    if (!regionLike(region)) return;
    const replica = event.eventName === 'ReplicateKey' ? obj(event.requestParameters)?.replicaRegion : undefined;
    const m = keyMentions(event);
    for (const group of [m.request, m.response, m.resources]) for (const k of group) {
      const r = k.ref.region;
      if (!r || r === region || r === replica) continue;
      report({ ...range(k.path), message: l10n.t('This key is in {0}, but the call went to {1}: a KMS call can only use keys of its own Region.', r, region) });
    }
  },
};
