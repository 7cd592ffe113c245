/**
 * The conditions that tie a service principal's calls to your resources (the
 * confused deputy): `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID`,
 * `aws:SourceOrgPaths`, or the encryption context the service sets
 * (`kms:EncryptionContext:aws:logs:arn`, ...). `aws:SourceIp` and
 * `aws:SourceVpc*` name where a call comes from, not for whom, so they do not
 * count. Read by policy-service-without-source and by the hover on a service
 * principal, so that the two never disagree.
 */
import type { NormalizedStatement } from './normalize';

/** The condition keys of the statement, as written, that tie a service's calls to your resources (operators that can be false only). */
export function sourceConditionKeys(s: NormalizedStatement): string[] {
  const keys: string[] = [];
  for (const c of s.conditions) {
    if (!c.op.valid || c.op.negated || c.op.family === 'Null' || c.op.ifExists) continue;
    const k = c.entry.key.toLowerCase();
    const ties = (k.startsWith('aws:source') && k !== 'aws:sourceip' && !k.startsWith('aws:sourcevpc')) || k.startsWith('kms:encryptioncontext');
    if (ties && !keys.includes(c.entry.key)) keys.push(c.entry.key);
  }
  return keys;
}
