import type { PolicyRule } from '../../rules/rule';
import { aliasArnResource } from './aliasArnResource';
import { aliasInvalid } from './aliasInvalid';
import { allowNotPrincipal } from './allowNotPrincipal';
import { arnMalformed } from './arnMalformed';
import { conditionKeyNotApplicable } from './conditionKeyNotApplicable';
import { conditionValueEnum } from './conditionValueEnum';
import { conditionValueType } from './conditionValueType';
import { conflictingElements } from './conflictingElements';
import { createGrantUnrestricted } from './createGrantUnrestricted';
import { crossAccountGrants } from './crossAccountGrants';
import { deadlineMissingAction } from './deadlineMissingAction';
import { decryptAllKeys } from './decryptAllKeys';
import { deadlineRotateOnDemand } from './deadlineRotateOnDemand';
import { denyNotPrincipalRole } from './denyNotPrincipalRole';
import { effectInvalid } from './effectInvalid';
import { emptyCondition } from './emptyCondition';
import { emptyValue } from './emptyValue';
import { iamOnlyAction } from './iamOnlyAction';
import { keyIdInvalid } from './keyIdInvalid';
import { keyPolicyConditionKey } from './keyPolicyConditionKey';
import { keyPolicyResource } from './keyPolicyResource';
import { kmsActionInResourcePolicy } from './kmsActionInResourcePolicy';
import { literalWildcard } from './literalWildcard';
import { mfaDenyBool } from './mfaDenyBool';
import { lockoutRisk } from './lockoutRisk';
import { missingAction } from './missingAction';
import { missingPrincipal } from './missingPrincipal';
import { missingResource } from './missingResource';
import { missingSetOperator } from './missingSetOperator';
import { nonKmsAction } from './nonKmsAction';
import { noncanonicalCase } from './noncanonicalCase';
import { operatorType } from './conditionOperatorType';
import { placeholder } from './placeholder';
import { principalInvalid } from './principalInvalid';
import { principalTypeUnsupported } from './principalTypeUnsupported';
import { publicPrincipal } from './publicPrincipal';
import { usernameKeyOnRoles } from './usernameKeyOnRoles';
import { principalDeleted } from './principalDeleted';
import { redundantAction } from './redundantAction';
import { rootPrincipalType } from './rootPrincipalType';
import { s3KmsKeyIdAlias } from './s3KmsKeyIdAlias';
import { sensitivePermissions } from './sensitivePermissions';
import { serviceWithoutSource } from './serviceWithoutSource';
import { setOperatorSingleValued } from './setOperatorSingleValued';
import { sidDuplicate } from './sidDuplicate';
import { sidEmpty } from './sidEmpty';
import { sidInvalid } from './sidInvalid';
import { sourceKeyWithoutService } from './sourceKeyWithoutService';
import { statementMissing } from './statementMissing';
import { stringSyntax } from './stringSyntax';
import { tooLarge } from './tooLarge';
import { unknownAction } from './unknownAction';
import { unknownConditionKey } from './unknownConditionKey';
import { unknownElement } from './unknownElement';
import { unknownOperator } from './unknownConditionOperator';
import { unknownRegion } from './unknownRegion';
import { unsupportedCharacter } from './unsupportedCharacter';
import { subPolicyVariable } from './subPolicyVariable';
import { unusedStatement } from './unusedStatement';
import { valueType } from './valueType';
import { versionInvalid } from './versionInvalid';
import { versionMissing } from './versionMissing';
import { versionOld } from './versionOld';
import { viaServiceInvalid } from './viaServiceInvalid';
import { viaServiceRegionMismatch } from './viaServiceRegionMismatch';
import { viaServiceUnsupported } from './viaServiceUnsupported';

/** Policy rules, one module each, in the order of the README table (grammar, actions, resources, principals, conditions, whole policy). */
export const policyRules: PolicyRule[] = [
  // Grammar
  stringSyntax, versionMissing, versionOld, versionInvalid, statementMissing, effectInvalid, unknownElement, conflictingElements,
  missingAction, missingResource, missingPrincipal, sidDuplicate, sidInvalid, sidEmpty, emptyValue, emptyCondition, valueType,
  // Actions
  unknownAction, nonKmsAction, noncanonicalCase, redundantAction, iamOnlyAction, kmsActionInResourcePolicy,
  // Resources
  keyPolicyResource, arnMalformed, keyIdInvalid, aliasInvalid, unknownRegion, aliasArnResource, s3KmsKeyIdAlias,
  // Principals
  principalInvalid, publicPrincipal, allowNotPrincipal, sensitivePermissions,
  denyNotPrincipalRole, decryptAllKeys, crossAccountGrants, principalDeleted, principalTypeUnsupported,
  // Conditions
  unknownOperator, unknownConditionKey, conditionKeyNotApplicable, operatorType, conditionValueType, missingSetOperator,
  setOperatorSingleValued, conditionValueEnum, viaServiceInvalid, viaServiceUnsupported, viaServiceRegionMismatch, keyPolicyConditionKey,
  literalWildcard, sourceKeyWithoutService, serviceWithoutSource, rootPrincipalType, usernameKeyOnRoles, mfaDenyBool,
  // Whole policy
  lockoutRisk, tooLarge, unsupportedCharacter, deadlineMissingAction, deadlineRotateOnDemand, createGrantUnrestricted, placeholder,
  subPolicyVariable,
  // Against the open logs (the editor)
  unusedStatement,
];
