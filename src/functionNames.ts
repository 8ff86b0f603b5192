/**
 * Function names, used where a function is registered (functions/) and wherever it is named
 * again (durable calls, receipts, the Event Grid subscription in infra/).
 */
export const functionNames = {
  health: 'health',
  ingestRawUpload: 'ingestRawUpload',
} as const;

export const containers = {
  raw: 'wesad-raw',
  processed: 'wesad-processed',
  models: 'models',
} as const;
