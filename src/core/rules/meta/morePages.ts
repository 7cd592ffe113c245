import { findNodeAtLocation } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../rule';
import { commandLabel } from '../../document/cliOutput';

export const morePages: DocumentRule = {
  id: 'meta-more-pages',
  scope: 'document',
  kinds: ['cloudTrail', 'listGrants', 'kmsOutput'],
  defaultSeverity: 'information',
  category: 'analysis',
  fixable: [],
  title: 'One page of AWS CLI output: more follow',
  docs: {
    description: 'The AWS CLI output holds a `NextToken` (or `"Truncated": true`): it is one page, and the events, grants or aliases of the next pages are not in this file. The grants view, the key lifecycle and the rules see only this page, so a grant created on a later page, or a use of a key after it was disabled, does not show. The AWS CLI fetches every page itself unless it is given `--max-items` or `--no-paginate` ([AWS CLI pagination](https://docs.aws.amazon.com/cli/v1/userguide/cli-usage-pagination.html)).',
    example: '{ "Events": [ ... ], "NextToken": "eyJOZXh0VG9rZW4iOiBudWxs..." }',
    remedy: 'Run the command again without `--max-items` (or with `--starting-token` and this token for the next page) and open the pages together.',
  },
  check(model, report) {
    const more = model.cli?.more;
    if (!more || !model.cli) return;
    // On the member that says so, when the document is one (appended pages: the last one says it).
    // In YAML output (`--output yaml`), on the member's YAML characters, through the translation.
    const root = model.translation?.root ?? model.root;
    const place = model.translation ? model.translation.toDocument : (o: number): number => o;
    // `--output yaml-stream` prints a list of pages: the last page is the one that says whether more follow.
    const path = root?.type === 'array' ? [(root.children?.length ?? 1) - 1, more] : [more];
    const node = root && findNodeAtLocation(root, path);
    const key = node?.parent?.children?.[0];
    const range = key ? { start: place(key.offset), end: place(key.offset + key.length) } : { start: 0, end: 0 };
    const message = more === 'NextToken'
      ? l10n.t('One page of {0}: NextToken says more follow, and KMS Lens sees only this one (the grants view and the key lifecycle too). Without --max-items the AWS CLI fetches every page; or pass this token to --starting-token for the next.', commandLabel(model.cli))
      : l10n.t('One page of {0}: "Truncated": true says more follow, and KMS Lens sees only this one (the grants view and the key lifecycle too). Without --max-items the AWS CLI fetches every page; or pass NextMarker to --starting-token for the next.', commandLabel(model.cli));
    report({ ...range, message });
  },
};
