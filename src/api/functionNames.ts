/**
 * Names of the functions that are not HTTP operations (those are the keys of the operation table,
 * src/api/apiOperations.ts), used where a function is registered (functions/) and wherever it is
 * named again (the Event Grid subscription in infra/eventSubscriptions.json).
 */
export const functionNames = {
  ingestRawUpload: 'ingestRawUpload',
  applyTableRetention: 'applyTableRetention',
  writeAuditCheckpoint: 'writeAuditCheckpoint',
} as const;
