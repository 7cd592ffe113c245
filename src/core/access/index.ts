/**
 * The access evaluator: who may use a key, and why a call was allowed or denied,
 * from the key policy, the key's grants, and (when loaded) the caller's IAM
 * policies and SCPs. Pure: no editor, no file system; the extension and the CLI
 * call it the same way.
 *
 *   const evaluator = new Evaluator({ keyPolicy: compilePolicy(model), grants });
 *   for (const request of requestsFromEvent(event)) evaluator.evaluate(request);
 */
export { compilePolicy, policyFromText, type CompiledPolicy, type CompiledStatement, type CompileOptions } from './compile';
export { evaluate, Evaluator, type AccessPolicies } from './evaluate';
export { contradiction, type Actual, type Contradiction } from './drift';
export { eventOutcome, requestsFromEvent } from './fromEvent';
export { grantInputOf } from './grants';
export { describeEvaluation, describeFailure, describeNearMiss, describeRef, describeStatement, describeUndecided } from './describe';
export type * from './types';
export { keysOfLogs, logPeriod, unusedAccess, type UnusedAccess, type UnusedStatement, type UsageInput } from './unused';
