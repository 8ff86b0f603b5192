/**
 * Function names, used where a function is registered (functions/) and wherever it is named
 * again (durable calls, receipts, the Event Grid subscription in infra/).
 */
export const functionNames = {
  health: 'health',
  openApiDocument: 'openApiDocument',
  ingestRawUpload: 'ingestRawUpload',
  listDatasets: 'listDatasets',
  getDataset: 'getDataset',
  listUploads: 'listUploads',
  listModels: 'listModels',
  getModel: 'getModel',
  listVersions: 'listVersions',
  getVersion: 'getVersion',
  setVersionStatus: 'setVersionStatus',
  getStage: 'getStage',
  assignStage: 'assignStage',
  unassignStage: 'unassignStage',
  listModelEvents: 'listModelEvents',
  getStageArtifact: 'getStageArtifact',
  predictWithStage: 'predictWithStage',
  getVersionArtifact: 'getVersionArtifact',
  listVersionDrift: 'listVersionDrift',
  listRuns: 'listRuns',
  startRun: 'startRun',
  cancelRun: 'cancelRun',
  listAudit: 'listAudit',
  eraseSubject: 'eraseSubject',
  applyTableRetention: 'applyTableRetention',
  verifyAudit: 'verifyAudit',
  compareRuns: 'compareRuns',
  getRun: 'getRun',
  getRunMetrics: 'getRunMetrics',
  getRunReport: 'getRunReport',
  getContinuousTrainingSettings: 'getContinuousTrainingSettings',
  putContinuousTrainingSettings: 'putContinuousTrainingSettings',
} as const;

export const containers = {
  raw: 'wesad-raw',
  processed: 'wesad-processed',
  models: 'models',
} as const;
