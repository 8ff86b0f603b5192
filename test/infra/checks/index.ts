/** Every infrastructure check, in report order. */
import type { Check } from './check.js';
import { activityLogChecks } from './activityLogChecks.js';
import { auditCheckpointChecks } from './auditCheckpointChecks.js';
import { authenticationChecks } from './authenticationChecks.js';
import { durableChecks } from './durableChecks.js';
import { eventGridChecks } from './eventGridChecks.js';
import { functionAppChecks } from './functionAppChecks.js';
import { keyVaultChecks } from './keyVaultChecks.js';
import { lockChecks } from './lockChecks.js';
import { monitoringChecks } from './monitoringChecks.js';
import { roleChecks } from './roleChecks.js';
import { storageChecks } from './storageChecks.js';

export const allChecks: readonly Check[] = [
  ...storageChecks,
  ...auditCheckpointChecks,
  ...keyVaultChecks,
  ...functionAppChecks,
  ...authenticationChecks,
  ...eventGridChecks,
  ...monitoringChecks,
  ...roleChecks,
  ...lockChecks,
  ...activityLogChecks,
  ...durableChecks,
];
