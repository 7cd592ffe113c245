/**
 * Hover on an ARN, a key id or an alias name: its parts (partition, Region,
 * account, key id or alias), whether the key is multi-Region, and whether a
 * part is a documentation placeholder. `arn:aws::kms:` is shown as written and
 * as meant.
 */
import { PARTITIONS } from '../../data/kmsFacts';
import { aliasNameProblem, hasUnknown, isDocumentationPlaceholder, isKnownRegion, isPlaceholderAccount, keyIdKind, parseArn, type Arn, type ArnPart } from '../../kms/identifiers';
import * as l10n from '@vscode/l10n';
import { describeKeyId, MARKDOWN, readArn, unknownPhrase, type ArnDescription } from '../describe';
import { valueOfText, type PolicyValue } from '../value';
import { capitalized } from '../../text/capitalized';

const code = MARKDOWN.code;

const PARTITION_NAMES: Readonly<Record<string, () => string>> = {
  aws: () => l10n.t('AWS Regions'),
  'aws-cn': () => l10n.t('China Regions'),
  'aws-us-gov': () => l10n.t('AWS GovCloud (US) Regions'),
  'aws-iso': () => l10n.t('AWS ISO (US) Regions'),
  'aws-iso-b': () => l10n.t('AWS ISOB (US) Regions'),
  'aws-iso-e': () => l10n.t('AWS ISOE (Europe) Regions'),
  'aws-iso-f': () => l10n.t('AWS ISOF Regions'),
  'aws-eusc': () => l10n.t('AWS European Sovereign Cloud'),
};

function partitionNote(p: string): string {
  const name = PARTITION_NAMES[p];
  if (name) return name();
  return PARTITIONS.some((x) => x.name === p) ? '' : l10n.t('not a known partition');
}

function regionNote(region: string): string {
  if (region === '') return l10n.t('none (global resource)');
  if (/[*?]/.test(region)) return l10n.t('wildcard');
  return isKnownRegion(region) ? '' : l10n.t('not a known Region');
}

function accountNote(account: string): string {
  if (account === '') return l10n.t('none');
  if (/[*?]/.test(account)) return l10n.t('wildcard');
  if (isPlaceholderAccount(account)) return l10n.t('documentation placeholder');
  return /^\d{12}$/.test(account) ? '' : l10n.t('not a 12-digit account id');
}

function row(name: string, value: string, note: string): string {
  return `| ${name} | ${value === '' ? '' : code(value)}${note ? ` · ${note}` : ''} |`;
}

function kindOf(arn: Arn): string {
  if (arn.service.value === 'kms' && arn.resourceType === 'key') {
    return keyIdKind(arn.resourceId) === 'multiRegion' ? l10n.t('KMS key ARN (multi-Region key)') : l10n.t('KMS key ARN');
  }
  if (arn.service.value === 'kms' && arn.resourceType === 'alias') return l10n.t('KMS alias ARN');
  return l10n.t('{0} ARN', hasUnknown(arn.service.value) ? '?' : arn.service.value || '?');
}

/** The parts table of an ARN: each part as written, with what it is (a placeholder says what fills it in). */
function arnTable(read: ArnDescription): string[] {
  const { arn } = read;
  const lines = ['| | |', '|---|---|'];
  const part = (name: string, p: ArnPart, note: (value: string) => string): void => {
    const unknown = read.unknownIn(p);
    lines.push(row(name, read.text(p), unknown ? unknownPhrase(unknown) : note(p.value)));
  };
  part(l10n.t('Partition'), arn.partition, partitionNote);
  part(l10n.t('Service'), arn.service, (v) => (v === '' ? l10n.t('missing') : ''));
  part(l10n.t('Region'), arn.region, regionNote);
  part(l10n.t('Account'), arn.account, accountNote);
  const idPart = { value: arn.resourceId, start: arn.resource.start + arn.resourceType.length + 1 };
  if (arn.service.value === 'kms' && arn.resourceType === 'key') {
    part(l10n.t('Key id'), idPart, (id) => (id === '*' ? l10n.t('any key') : /[*?]/.test(id) ? l10n.t('wildcard') : describeKeyId(id)));
  } else if (arn.service.value === 'kms' && arn.resourceType === 'alias') {
    const unknown = read.unknownIn(idPart);
    const name = `alias/${read.text(idPart)}`;
    const problem = /[*?]/.test(arn.resourceId) || unknown ? undefined : aliasNameProblem(name);
    const note = unknown ? unknownPhrase(unknown) : arn.resourceId === '*' ? l10n.t('any alias') : problem === 'reserved' ? l10n.t('reserved for AWS managed keys') : problem ? l10n.t('not a valid alias name') : '';
    lines.push(row(l10n.t('Alias'), name, note));
  } else {
    part(l10n.t('Resource'), arn.resource, () => '');
  }
  return lines;
}

/** A value that is wholly a placeholder or a CloudFormation function: what fills it in. */
function unknownHover(v: PolicyValue): string | undefined {
  const u = v.whollyUnknown;
  if (!u) return undefined;
  const what = unknownPhrase(u);
  return [`**${code(v.written)}**`, '', `${capitalized(what)}.`].join('\n');
}

/** Markdown for a value that is an ARN, a key id or an alias name (or wholly a placeholder); undefined for anything else. */
export function identifierHover(written: string | PolicyValue): string | undefined {
  const v = typeof written === 'string' ? valueOfText(written) : written;
  const value = v.written;
  const whole = unknownHover(v);
  if (whole) return whole;
  const read = readArn(v);
  if (read) {
    const lines: string[] = [];
    if (read.repaired) {
      const asWritten = parseArn(v.shape);
      lines.push(`**${l10n.t('Malformed ARN')}**`, '');
      lines.push(l10n.t('Written with an extra colon after the partition ({0}): as written, the service is {1} and the Region {2}, so it names no KMS resource.', code('arn:aws::kms:'), asWritten?.service.value ? code(asWritten.service.value) : l10n.t('empty'), code(asWritten?.region.value ?? '')));
      lines.push('', l10n.t('Meant: {0}', code(read.repaired)), '', `**${kindOf(read.arn)}**`, '');
    } else {
      lines.push(`**${kindOf(read.arn)}**`, '');
    }
    lines.push(...arnTable(read));
    if (v.placeholders.length > 0) lines.push('', l10n.t('KMS Lens checks the parts around the placeholders; it cannot check what they will become.'));
    else if (v.known && isDocumentationPlaceholder(value)) lines.push('', l10n.t('Contains documentation placeholders: replace them with your own values.'));
    return lines.join('\n');
  }
  if (!v.known) return undefined;
  const kind = keyIdKind(value);
  if (kind === 'key' || kind === 'multiRegion' || kind === 'placeholder') {
    return [`**${l10n.t('KMS key id')}**`, '', `${code(value)}: ${describeKeyId(value)}.`].join('\n');
  }
  if (value.startsWith('alias/')) {
    const problem = aliasNameProblem(value);
    const note = problem === 'reserved' ? l10n.t('An alias of an AWS managed key (`alias/aws/...`).') : problem ? l10n.t('Not a valid alias name: `alias/` and 1-250 of letters, digits, `/`, `_`, `-` and `:`.') : l10n.t('An alias name. An alias ARN or name in Resource or a key policy governs the alias itself (CreateAlias, DeleteAlias, UpdateAlias), not use of the key.');
    return [`**${l10n.t('KMS alias')}**`, '', note].join('\n');
  }
  return undefined;
}
