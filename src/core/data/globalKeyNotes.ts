/**
 * One-line descriptions of the global `aws:` condition keys most used with KMS
 * (the extracted data has their types but no descriptions). Source: the IAM
 * User Guide, "AWS global condition context keys" (facts only; wording ours).
 */
import * as l10n from '@vscode/l10n';

/** Thunks: a note is worded when asked for, in the language l10n is set to then. */
const NOTES: Readonly<Record<string, () => string>> = {
  'aws:principalarn': () => l10n.t('The ARN of the principal that made the request (for an assumed role, the role ARN, not the session).'),
  'aws:principalaccount': () => l10n.t('The account of the principal that made the request.'),
  'aws:principalorgid': () => l10n.t('The AWS Organizations organization id (`o-...`) of the account of the principal that made the request.'),
  'aws:principalorgpaths': () => l10n.t('The Organizations paths (`o-.../r-.../ou-.../`) of the account of the principal that made the request.'),
  'aws:principaltag/tag-key': () => l10n.t('A tag attached to the principal that made the request.'),
  'aws:principalisawsservice': () => l10n.t('Whether the request is made by an AWS service principal itself (not on behalf of a user).'),
  'aws:principalservicename': () => l10n.t('The name of the service principal that made the request.'),
  'aws:principalservicenameslist': () => l10n.t('All the service principal names of the service that made the request.'),
  'aws:principaltype': () => l10n.t('The type of principal: Account, User, FederatedUser, AssumedRole or Anonymous.'),
  'aws:userid': () => l10n.t('The unique id of the principal (for a role session, `ROLEID:session-name`).'),
  'aws:username': () => l10n.t('The user name of an IAM user (absent for roles).'),
  'aws:multifactorauthpresent': () => l10n.t('Whether the temporary credentials of the request were issued with MFA (absent for long-term access keys).'),
  'aws:multifactorauthage': () => l10n.t('Seconds since the request\'s credentials were validated with MFA.'),
  'aws:sourceip': () => l10n.t('The IP address of the requester (not set when an AWS service calls on the principal\'s behalf, nor through a VPC endpoint).'),
  'aws:sourcevpc': () => l10n.t('The VPC the request came from, through a VPC endpoint.'),
  'aws:sourcevpce': () => l10n.t('The VPC endpoint (`vpce-...`) the request came through.'),
  'aws:vpcsourceip': () => l10n.t('The private IP address the request came from, through a VPC endpoint.'),
  'aws:securetransport': () => l10n.t('Whether the request was sent over TLS.'),
  'aws:sourcearn': () => l10n.t('The ARN of the resource on whose behalf a service principal makes the request; use it to limit a service principal to your resources (confused-deputy protection).'),
  'aws:sourceaccount': () => l10n.t('The account of the resource on whose behalf a service principal makes the request (confused-deputy protection).'),
  'aws:sourceorgid': () => l10n.t('The organization of the resource on whose behalf a service principal makes the request.'),
  'aws:sourceorgpaths': () => l10n.t('The Organizations paths of the resource on whose behalf a service principal makes the request.'),
  'aws:calledvia': () => l10n.t('The services, in order, that made the request on the principal\'s behalf (forward access sessions).'),
  'aws:calledviafirst': () => l10n.t('The first service that made the request on the principal\'s behalf.'),
  'aws:calledvialast': () => l10n.t('The last service that made the request on the principal\'s behalf.'),
  'aws:viaawsservice': () => l10n.t('Whether an AWS service made the request on the principal\'s behalf.'),
  'aws:requestedregion': () => l10n.t('The Region the request was sent to.'),
  'aws:currenttime': () => l10n.t('The date and time of the request.'),
  'aws:epochtime': () => l10n.t('The date and time of the request, in epoch seconds.'),
  'aws:resourceaccount': () => l10n.t('The account that owns the resource of the request.'),
  'aws:resourceorgid': () => l10n.t('The organization of the account that owns the resource of the request.'),
  'aws:resourceorgpaths': () => l10n.t('The Organizations paths of the account that owns the resource of the request.'),
  'aws:resourcetag/tag-key': () => l10n.t('A tag attached to the resource of the request.'),
  'aws:requesttag/tag-key': () => l10n.t('A tag key and value passed in the request.'),
  'aws:tagkeys': () => l10n.t('The tag keys passed in the request.'),
  'aws:useragent': () => l10n.t('The requester\'s client application (set by the client; not a security control).'),
  'aws:referer': () => l10n.t('The HTTP referer of the request (set by the client; not a security control).'),
  'aws:tokenissuetime': () => l10n.t('When the temporary credentials of the request were issued.'),
  'aws:federatedprovider': () => l10n.t('The identity provider that issued the principal\'s federated credentials.'),
  'aws:sourceidentity': () => l10n.t('The source identity set when the role session was created.'),
};

/** A description of a global key (by its template, e.g. `aws:PrincipalTag/tag-key`), if we have one. */
export function globalKeyNote(template: string): string | undefined {
  const note = NOTES[template.toLowerCase()];
  return note?.();
}
