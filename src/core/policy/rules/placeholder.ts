import * as l10n from '@vscode/l10n';
import { hasUnknown, isPlaceholderAccount, isPlaceholderRegion, keyIdKind, UNKNOWN } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { EVERY_POLICY, parseViaService } from '../facts';
import type { UnknownPart } from '../placeholders';
import { arnSpan, readValue, valueArn, type PolicyValue, type Span, type ValueArn } from '../value';

const ACCOUNT_KEYS = new Set(['kms:calleraccount', 'aws:sourceaccount', 'aws:principalaccount', 'aws:resourceaccount']);

/** What a placeholder stands for where it is first used, as the message names it. */
type Role = 'account' | 'region' | 'partition' | 'keyId' | 'alias' | 'service' | 'principal' | 'arn' | 'resource' | 'action' | 'value';

interface Seen {
  /** A documentation example (known text), or an unknown part to fill in. */
  kind: 'exampleAccount' | 'exampleKey' | 'exampleRegion' | 'unknown';
  part?: UnknownPart;
  role: Role;
  span: Span;
  count: number;
}

/** The role of the field of an ARN that holds shape index `i`. */
function arnRole(a: ValueArn, i: number): Role {
  const { arn } = a;
  const shift = a.shifted ? 1 : 0;
  const within = (p: { start: number; value: string }): boolean => {
    const start = p.start + (p.start > arn.partition.start ? shift : 0);
    return i >= start && i < start + p.value.length;
  };
  if (within(arn.partition)) return 'partition';
  if (within(arn.service)) return 'service';
  if (within(arn.region)) return 'region';
  if (within(arn.account)) return 'account';
  if (arn.service.value === 'kms' && arn.resourceType === 'key') return 'keyId';
  if (arn.service.value === 'kms' && arn.resourceType === 'alias') return 'alias';
  return 'resource';
}

function roleText(role: Role): string {
  switch (role) {
    case 'account': return l10n.t('an account id (12 digits)');
    case 'region': return l10n.t('a Region such as us-west-2');
    case 'partition': return l10n.t('a partition (aws, aws-cn, aws-us-gov)');
    case 'keyId': return l10n.t('a key id');
    case 'alias': return l10n.t('an alias name');
    case 'service': return l10n.t('a service name');
    case 'principal': return l10n.t('an account id or a principal ARN');
    case 'arn': return l10n.t('an ARN');
    case 'resource': return l10n.t('a resource name');
    case 'action': return l10n.t('an action');
    default: return l10n.t('a value that fits here');
  }
}

export const placeholder: PolicyRule = {
  id: 'policy-placeholder',
  defaultSeverity: 'information',
  title: 'Placeholder or template variable to fill in',
  category: 'placeholder',
  fixable: [],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A value the policy does not have yet. Template variables (`${account_id}` in a Terraform templatefile, `${self:custom.x}` and `#{AWS::AccountId}` in Serverless, `{{ account }}` in Jinja, Mustache or Go templates, `$ACCOUNT_ID` or `$role_arn` for a shell, `__ACCOUNT_ID__`, `@@ACCOUNT_ID@@` or `%ACCOUNT_ID%` for a deploy script\'s text substitution, `{account_id}`, `%s` or `$(AWS_ACCOUNT_ID)` for a script\'s format string) are filled in when the file is rendered; placeholders (`<ACCOUNT_ID>`, `[ACCOUNT-ID]`, `ACCOUNT_NUMBER_HERE`, `YOUR_ACCOUNT_ID`, and names such as `REGION` or `KEY_ID` in `arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID`, `REPLACE_ME`, `TODO`) are meant to be replaced by hand; values masked before the file was shared (`XXXXXXXXXXXX`, `123456789XXX`, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, `REDACTED`) stand for ones the reader cannot see; the AWS documentation writes `111122223333` and `444455556666` for accounts, ids containing `EXAMPLE` for keys, and words such as `account-id`, and `region` (or the EKS guide\'s `region-code`) where a Region goes: `logs.region.amazonaws.com`, `arn:aws:logs:region:account-id:*`. KMS Lens never reports a format error on such a value: it checks the text around it (`arn:aws::kms:${region}:...` is still the shifted ARN) and says once per placeholder, with how often it is used, what it must become. CloudFormation functions and pseudo parameters (`Ref`, `${AWS::Region}` in `Fn::Sub`, where `${!Literal}` is the literal `${Literal}`: [Fn::Sub](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html)) and IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`: [IAM policy elements: Variables and tags](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)) are resolved by AWS and are not reported here; in a template, `${AWS::AccountId}` in a plain string is named, since CloudFormation replaces it only inside `Fn::Sub`. Serverless\'s `${aws:accountId}` and `${aws:region}` are template variables ([Serverless variables](https://www.serverless.com/framework/docs/guides/variables/aws)), not IAM keys. A policy deployed with a documentation example grants access to someone else\'s account, or to nothing.',
    example: '"Principal": { "AWS": "arn:aws:iam::111122223333:root" }',
    remedy: 'Replace the placeholder with your own value before you use the policy, or make sure the template fills it in with the kind of value named.',
    sources: [SOURCES.iamResource],
  },
  check(policy, report) {
    const seen = new Map<string, Seen>();
    /** Counts a use; the first one's place (`at`, computed only then) is where the finding goes. */
    const note = (key: string, kind: Seen['kind'], role: Role, at: () => Span, part?: UnknownPart): void => {
      const s = seen.get(key);
      if (s) s.count++;
      else seen.set(key, { kind, part, role, span: at(), count: 1 });
    };
    /** Unknown parts to fill in, each with the role of where it sits. */
    const unknowns = (v: PolicyValue, roleAt: (i: number) => Role): void => {
      if (v.known) return;
      let n = 0;
      for (let i = 0; i < v.shape.length; i++) {
        if (v.shape[i] !== UNKNOWN) continue;
        const part = v.unknowns[n++];
        // In a Terraform module `${...}` is Terraform's own reference, filled in at plan time: nothing to tell.
        if ((part.kind === 'template' && !policy.context.terraform && !policy.context.serverless) || part.kind === 'placeholder') note(part.written, 'unknown', roleAt(i), () => ({ start: part.start, end: part.end }), part);
      }
    };
    /** Documentation examples in the known parts of an ARN. */
    const examples = (a: ValueArn): void => {
      const account = a.arn.account.value;
      if (account && !hasUnknown(account) && isPlaceholderAccount(account)) note(account, 'exampleAccount', 'account', () => arnSpan(a, a.arn.account));
      if (isPlaceholderRegion(a.arn.region.value)) note(a.arn.region.value, 'exampleRegion', 'region', () => arnSpan(a, a.arn.region));
      if (a.arn.service.value === 'kms' && a.arn.resourceType === 'key' && !hasUnknown(a.arn.resourceId) && keyIdKind(a.arn.resourceId) === 'placeholder') {
        note(a.arn.resourceId, 'exampleKey', 'keyId', () => arnSpan(a, { value: a.arn.resourceId, start: a.arn.resource.start + 4 }));
      }
    };
    /** A value that may be an ARN, an account id, or a host name such as a service principal. */
    const read = (v: PolicyValue, wholeRole: Role, accountKey = false): void => {
      const a = valueArn(v);
      if (a) {
        examples(a);
        unknowns(v, (i) => arnRole(a, i));
        return;
      }
      const via = parseViaService(v.shape);
      // `logs.region.amazonaws.com`: a service principal or kms:ViaService value copied with the documentation's Region word.
      if (via && isPlaceholderRegion(via.region)) note(via.region, 'exampleRegion', 'region', () => v.span(via.regionStart, via.regionStart + via.region.length));
      if (v.known) {
        if (accountKey && isPlaceholderAccount(v.shape)) note(v.shape, 'exampleAccount', 'account', () => v.content);
        return;
      }
      unknowns(v, (i) => (v.whollyUnknown ? wholeRole : accountKey ? 'account' : via && i >= via.regionStart && i < via.regionStart + via.region.length ? 'region' : via && i < via.service.length ? 'service' : 'value'));
    };

    const id = policy.byName.get('Id')?.value;
    const idValue = id?.type === 'string' ? readValue(id, policy.read) : undefined;
    if (idValue) unknowns(idValue, () => 'value');
    for (const s of policy.statements) {
      for (const v of [s.sid, s.effect]) if (v) unknowns(v.parts, () => 'value');
      for (const p of [...s.principals, ...s.notPrincipals]) {
        if (p.type === 'AWS') read(p.parts, 'principal', !p.parts.shape.startsWith('arn:'));
        else read(p.parts, p.type === 'Service' ? 'service' : 'value');
      }
      for (const a of [...s.actions, ...s.notActions]) unknowns(a.parts, () => 'action');
      for (const r of [...s.resources, ...s.notResources]) read(r.parts, 'arn');
      for (const c of s.conditions) {
        const accountKey = ACCOUNT_KEYS.has(c.key.toLowerCase());
        for (const v of c.values) if (v.parts) read(v.parts, accountKey ? 'account' : 'value', accountKey);
      }
    }
    for (const [value, s] of seen) {
      const times = s.count > 1 ? l10n.t(' (used {0} times in this policy)', s.count) : '';
      let message: string;
      if (s.kind === 'exampleKey') message = l10n.t('{0} is an example key id from the AWS documentation{1}: replace it with the id of your key.', value, times);
      else if (s.kind === 'exampleRegion') message = l10n.t('"{0}" stands for a Region in the AWS documentation{1}: replace it with a Region such as us-west-2, or the value names no Region and never matches.', value, times);
      else if (s.kind === 'exampleAccount') {
        message = /^\d+$/.test(value)
          ? l10n.t('{0} is an example account number from the AWS documentation{1}: replace it with your account id.', value, times)
          : l10n.t('"{0}" is a placeholder{1}: replace it with your account id.', value, times);
      } else if (policy.context.template && s.part?.means && s.part.syntax === 'interpolation') {
        // In a template, ${AWS::AccountId} in a plain string stays as written: CloudFormation substitutes it only inside Fn::Sub.
        message = l10n.t('"{0}" is replaced by CloudFormation only inside Fn::Sub{1}: write this value as {"Fn::Sub": "..."}, or it reaches AWS as written.', value, times);
      } else if (s.part?.kind === 'placeholder') {
        message = l10n.t('"{0}" is a placeholder{1}: replace it with {2}.', value, times, roleText(s.role));
      } else {
        message = l10n.t('"{0}" is a template variable{1}: KMS Lens checks the text around it; it must be filled in with {2}.', value, times, roleText(s.role));
      }
      report({ ...s.span, message });
    }
  },
};
