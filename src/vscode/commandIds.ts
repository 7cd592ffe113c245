/**
 * Every command id of the extension, by name: the table that commands.ts
 * registers from and that package.json's commands and menus must agree with
 * (a unit test reads it, so this file imports nothing).
 */
export const COMMAND_IDS = {
  // Editing policies and pasted text
  fixAll: 'kmsLens.fixAll',
  repairPastedJson: 'kmsLens.repairPastedJson',
  disableRule: 'kmsLens.disableRule',
  showStatementSummary: 'kmsLens.showStatementSummary',
  // CloudTrail logs
  formatCloudTrailLog: 'kmsLens.formatCloudTrailLog',
  redactForSharing: 'kmsLens.redactForSharing',
  openCloudTrailArchive: 'kmsLens.openCloudTrailArchive',
  // Keys: grants and lifecycle
  createKeyUseAlarmPattern: 'kmsLens.createKeyUseAlarmPattern',
  grantsRefresh: 'kmsLens.grants.refresh',
  grantsFilter: 'kmsLens.grants.filter',
  grantsSearch: 'kmsLens.grants.search',
  grantsClearFilter: 'kmsLens.grants.clearFilter',
  grantsCopyGrantId: 'kmsLens.grants.copyGrantId',
  grantsCopyRevokeCommand: 'kmsLens.grants.copyRevokeCommand',
  grantsRevealCreation: 'kmsLens.grants.revealCreation',
  grantsRevealEvent: 'kmsLens.grants.revealEvent',
  // Rule documentation
  showRuleDocs: 'kmsLens.showRuleDocs',
  // Access
  generateKeyPolicy: 'kmsLens.generateKeyPolicy',
} as const;
