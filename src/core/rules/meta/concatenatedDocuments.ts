import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../rule';

export const concatenatedDocuments: DocumentRule = {
  id: 'meta-concatenated-documents',
  scope: 'document',
  kinds: ['cloudTrail', 'listGrants', 'kmsOutput'],
  defaultSeverity: 'information',
  category: 'analysis',
  fixable: [],
  title: 'JSON documents one after another',
  docs: {
    description: 'The file holds several JSON documents one after another, as appending AWS CLI output to a file makes (`aws cloudtrail lookup-events ... >> events.json`, one `describe-key` per key in a loop). Such a file is not JSON, although jq reads it; KMS Lens reads each document on its own, as it reads the lines of JSON Lines, and says so once.',
    example: '{ "Events": [ ... ], "NextToken": "..." }\n{ "Events": [ ... ] }',
    remedy: 'Nothing to do for KMS Lens. For tools that need one JSON document, merge the pages (for example `jq -s \'{Events: map(.Events[]) | add}\'`) or write JSON Lines.',
  },
  check(model, report) {
    if (!model.parts) return;
    report({ start: 0, end: 0, message: l10n.t('{0} JSON documents one after another (AWS CLI output appended to one file?): KMS Lens reads each on its own. Tools that expect one JSON document cannot read this file as one.', model.parts) });
  },
};
