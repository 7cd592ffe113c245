/**
 * Hover on an ARN, a key id or an alias name: its parts (partition, Region,
 * account, key id or alias), whether the key is multi-Region, and whether a
 * part is a documentation placeholder. `arn:aws::kms:` is shown as written and
 * as meant.
 */
import { PARTITIONS } from '../../data/kmsFacts';
import { aliasNameProblem, isDocumentationPlaceholder, isKnownRegion, isPlaceholderAccount, keyIdKind, parseArn, type Arn } from '../../kms/identifiers';
import { t } from '../../l10n';
import { describeKeyId, MARKDOWN, readArn } from '../describe';

const code = MARKDOWN.code;

const PARTITION_NAMES: Readonly<Record<string, string>> = {
  aws: 'AWS Regions',
  'aws-cn': 'China Regions',
  'aws-us-gov': 'AWS GovCloud (US) Regions',
  'aws-iso': 'AWS ISO (US) Regions',
  'aws-iso-b': 'AWS ISOB (US) Regions',
  'aws-iso-e': 'AWS ISOE (Europe) Regions',
  'aws-iso-f': 'AWS ISOF Regions',
  'aws-eusc': 'AWS European Sovereign Cloud',
};

function partitionNote(p: string): string {
  const name = PARTITION_NAMES[p];
  if (name) return t(name);
  return PARTITIONS.some((x) => x.name === p) ? '' : t('not a known partition');
}

function regionNote(region: string): string {
  if (region === '') return t('none (global resource)');
  if (/[*?]/.test(region)) return t('wildcard');
  return isKnownRegion(region) ? '' : t('not a known Region');
}

function accountNote(account: string): string {
  if (account === '') return t('none');
  if (/[*?]/.test(account)) return t('wildcard');
  if (isPlaceholderAccount(account)) return t('documentation placeholder');
  return /^\d{12}$/.test(account) ? '' : t('not a 12-digit account id');
}

function row(name: string, value: string, note: string): string {
  return `| ${name} | ${value === '' ? '' : code(value)}${note ? ` · ${note}` : ''} |`;
}

function kindOf(arn: Arn): string {
  if (arn.service.value === 'kms' && arn.resourceType === 'key') {
    return keyIdKind(arn.resourceId) === 'multiRegion' ? t('KMS key ARN (multi-Region key)') : t('KMS key ARN');
  }
  if (arn.service.value === 'kms' && arn.resourceType === 'alias') return t('KMS alias ARN');
  return t('{0} ARN', arn.service.value || '?');
}

/** The parts table of an ARN. */
function arnTable(arn: Arn): string[] {
  const lines = ['| | |', '|---|---|'];
  lines.push(row(t('Partition'), arn.partition.value, partitionNote(arn.partition.value)));
  lines.push(row(t('Service'), arn.service.value, arn.service.value === '' ? t('missing') : ''));
  lines.push(row(t('Region'), arn.region.value, regionNote(arn.region.value)));
  lines.push(row(t('Account'), arn.account.value, accountNote(arn.account.value)));
  if (arn.service.value === 'kms' && arn.resourceType === 'key') {
    const id = arn.resourceId;
    lines.push(row(t('Key id'), id, id === '*' ? t('any key') : /[*?]/.test(id) ? t('wildcard') : describeKeyId(id)));
  } else if (arn.service.value === 'kms' && arn.resourceType === 'alias') {
    const name = `alias/${arn.resourceId}`;
    const problem = /[*?]/.test(arn.resourceId) ? undefined : aliasNameProblem(name);
    const note = arn.resourceId === '*' ? t('any alias') : problem === 'reserved' ? t('reserved for AWS managed keys') : problem ? t('not a valid alias name') : '';
    lines.push(row(t('Alias'), name, note));
  } else {
    lines.push(row(t('Resource'), arn.resource.value, ''));
  }
  return lines;
}

/** Markdown for a string that is an ARN, a key id or an alias name; undefined for anything else. */
export function identifierHover(value: string): string | undefined {
  const read = readArn(value);
  if (read) {
    const lines: string[] = [];
    if (read.repaired) {
      const asWritten = parseArn(value);
      lines.push(`**${t('Malformed ARN')}**`, '');
      lines.push(t('Written with an extra colon after the partition ({0}): as written, the service is {1} and the Region {2}, so it names no KMS resource.', code('arn:aws::kms:'), asWritten?.service.value ? code(asWritten.service.value) : t('empty'), code(asWritten?.region.value ?? '')));
      lines.push('', t('Meant: {0}', code(read.repaired)), '', `**${kindOf(read.arn)}**`, '');
    } else {
      lines.push(`**${kindOf(read.arn)}**`, '');
    }
    lines.push(...arnTable(read.arn));
    if (isDocumentationPlaceholder(value)) lines.push('', t('Contains documentation placeholders: replace them with your own values.'));
    return lines.join('\n');
  }
  const kind = keyIdKind(value);
  if (kind === 'key' || kind === 'multiRegion' || kind === 'placeholder') {
    return [`**${t('KMS key id')}**`, '', `${code(value)}: ${describeKeyId(value)}.`].join('\n');
  }
  if (value.startsWith('alias/')) {
    const problem = aliasNameProblem(value);
    const note = problem === 'reserved' ? t('An alias of an AWS managed key (`alias/aws/...`).') : problem ? t('Not a valid alias name: `alias/` and 1-250 of letters, digits, `/`, `_`, `-` and `:`.') : t('An alias name. An alias ARN or name in Resource or a key policy governs the alias itself (CreateAlias, DeleteAlias, UpdateAlias), not use of the key.');
    return [`**${t('KMS alias')}**`, '', note].join('\n');
  }
  return undefined;
}
