import type { DocumentRule } from '../../rules/rule';
import { constraintWithoutContext } from './constraintWithoutContext';
import { exclusiveConstraints } from './exclusiveConstraints';
import { keyIdAlias } from './keyIdAlias';
import { noOperations } from './noOperations';
import { operationInvalid } from './operationInvalid';

/** Grants as a Terraform module declares them (`aws_kms_grant`), checked with the CreateGrant facts of the CloudTrail rules. */
export const grantRules: DocumentRule[] = [operationInvalid, noOperations, exclusiveConstraints, constraintWithoutContext, keyIdAlias];
