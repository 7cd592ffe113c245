import type { EventRule, LogRule } from '../../rules/rule';
import { accountId } from './accountId';
import { accountMismatch } from './accountMismatch';
import { createGrantNoOperations } from './createGrantNoOperations';
import { deletionDateMismatch } from './deletionDateMismatch';
import { dryRun } from './dryRun';
import { eventTime } from './eventTime';
import { eventVersion } from './eventVersion';
import { failedCall } from './failedCall';
import { fieldType } from './fieldType';
import { idFormat } from './idFormat';
import { keyIdInvalid } from './keyIdInvalid';
import { keyMismatch } from './keyMismatch';
import { kmsExclusiveParameters } from './kmsExclusiveParameters';
import { kmsOperation } from './kmsOperation';
import { kmsParameterValue } from './kmsParameterValue';
import { kmsUnknownParameter } from './kmsUnknownParameter';
import { malformedArn } from './malformedArn';
import { missingField } from './missingField';
import { placeholder } from './placeholder';
import { region } from './region';
import { regionMismatch } from './regionMismatch';
import { unknownField } from './unknownField';
import { unknownValue } from './unknownValue';
import { versionField } from './versionField';
import { accessDrift } from './accessDrift';
import { unusedStatement } from './unusedStatement';

/** CloudTrail rules, one module each: envelope, KMS operation shapes, consistency, meaning. */
export const cloudTrailRules: Array<EventRule | LogRule> = [
  // The record envelope (every service).
  missingField, versionField, eventVersion, eventTime, fieldType, idFormat, unknownValue, unknownField, accountId, region, malformedArn, keyIdInvalid,
  // KMS operations.
  kmsOperation, kmsUnknownParameter, kmsParameterValue, kmsExclusiveParameters, createGrantNoOperations,
  // Consistency inside one event.
  regionMismatch, keyMismatch, accountMismatch, deletionDateMismatch,
  // What the event means.
  dryRun, failedCall, placeholder,
  // Against the key policy the log shows.
  accessDrift, unusedStatement,
];
