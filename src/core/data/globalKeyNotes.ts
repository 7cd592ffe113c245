/**
 * One-line descriptions of the global `aws:` condition keys most used with KMS
 * (the extracted data has their types but no descriptions). Source: the IAM
 * User Guide, "AWS global condition context keys" (facts only; wording ours).
 */
import * as l10n from '@vscode/l10n';

const NOTES: Readonly<Record<string, string>> = {
  'aws:principalarn': 'The ARN of the principal that made the request (for an assumed role, the role ARN, not the session).',
  'aws:principalaccount': 'The account of the principal that made the request.',
  'aws:principalorgid': 'The AWS Organizations organization id (`o-...`) of the account of the principal that made the request.',
  'aws:principalorgpaths': 'The Organizations paths (`o-.../r-.../ou-.../`) of the account of the principal that made the request.',
  'aws:principaltag/tag-key': 'A tag attached to the principal that made the request.',
  'aws:principalisawsservice': 'Whether the request is made by an AWS service principal itself (not on behalf of a user).',
  'aws:principalservicename': 'The name of the service principal that made the request.',
  'aws:principalservicenameslist': 'All the service principal names of the service that made the request.',
  'aws:principaltype': 'The type of principal: Account, User, FederatedUser, AssumedRole or Anonymous.',
  'aws:userid': 'The unique id of the principal (for a role session, `ROLEID:session-name`).',
  'aws:username': 'The user name of an IAM user (absent for roles).',
  'aws:multifactorauthpresent': 'Whether the temporary credentials of the request were issued with MFA (absent for long-term access keys).',
  'aws:multifactorauthage': 'Seconds since the request\'s credentials were validated with MFA.',
  'aws:sourceip': 'The IP address of the requester (not set when an AWS service calls on the principal\'s behalf, nor through a VPC endpoint).',
  'aws:sourcevpc': 'The VPC the request came from, through a VPC endpoint.',
  'aws:sourcevpce': 'The VPC endpoint (`vpce-...`) the request came through.',
  'aws:vpcsourceip': 'The private IP address the request came from, through a VPC endpoint.',
  'aws:securetransport': 'Whether the request was sent over TLS.',
  'aws:sourcearn': 'The ARN of the resource on whose behalf a service principal makes the request; use it to limit a service principal to your resources (confused-deputy protection).',
  'aws:sourceaccount': 'The account of the resource on whose behalf a service principal makes the request (confused-deputy protection).',
  'aws:sourceorgid': 'The organization of the resource on whose behalf a service principal makes the request.',
  'aws:sourceorgpaths': 'The Organizations paths of the resource on whose behalf a service principal makes the request.',
  'aws:calledvia': 'The services, in order, that made the request on the principal\'s behalf (forward access sessions).',
  'aws:calledviafirst': 'The first service that made the request on the principal\'s behalf.',
  'aws:calledvialast': 'The last service that made the request on the principal\'s behalf.',
  'aws:viaawsservice': 'Whether an AWS service made the request on the principal\'s behalf.',
  'aws:requestedregion': 'The Region the request was sent to.',
  'aws:currenttime': 'The date and time of the request.',
  'aws:epochtime': 'The date and time of the request, in epoch seconds.',
  'aws:resourceaccount': 'The account that owns the resource of the request.',
  'aws:resourceorgid': 'The organization of the account that owns the resource of the request.',
  'aws:resourceorgpaths': 'The Organizations paths of the account that owns the resource of the request.',
  'aws:resourcetag/tag-key': 'A tag attached to the resource of the request.',
  'aws:requesttag/tag-key': 'A tag key and value passed in the request.',
  'aws:tagkeys': 'The tag keys passed in the request.',
  'aws:useragent': 'The requester\'s client application (set by the client; not a security control).',
  'aws:referer': 'The HTTP referer of the request (set by the client; not a security control).',
  'aws:tokenissuetime': 'When the temporary credentials of the request were issued.',
  'aws:federatedprovider': 'The identity provider that issued the principal\'s federated credentials.',
  'aws:sourceidentity': 'The source identity set when the role session was created.',
};

/** A description of a global key (by its template, e.g. `aws:PrincipalTag/tag-key`), if we have one. */
export function globalKeyNote(template: string): string | undefined {
  const note = NOTES[template.toLowerCase()];
  return note === undefined ? undefined : l10n.t(note);
}
