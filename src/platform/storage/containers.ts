/** The blob containers of the storage account (infra/modules/storage.bicep creates the same). */
export const containers = {
  raw: 'wesad-raw',
  processed: 'wesad-processed',
  models: 'models',
} as const;
