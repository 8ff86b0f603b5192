import { app } from '@azure/functions';
import { functionNames } from '../src/api/functionNames.js';
import { appAuditCheckpoints, appAuditKey, appAuditTrail } from '../src/app/appAudit.js';
import { writeAuditCheckpoint } from '../src/domain/audit/checkpointWriter.js';
import { parseAuditCheckpointConfig } from '../src/domain/audit/auditCheckpointConfig.js';

/** Anchors the audit chain's head outside the table (src/domain/audit/checkpointWriter.ts). */
app.timer(functionNames.writeAuditCheckpoint, {
  schedule: parseAuditCheckpointConfig(process.env).schedule,
  handler: async (_timer, context) => {
    const outcome = await writeAuditCheckpoint(
      appAuditTrail(),
      appAuditCheckpoints(),
      await appAuditKey().key(),
      new Date(),
    );
    if (outcome.outcome === 'refused') context.error(`Audit checkpoint refused: ${outcome.reason}`);
    else if (outcome.outcome === 'written') context.log(`Audit checkpoint ${outcome.blob}`);
    else context.log(`Audit checkpoint: ${outcome.outcome}`);
  },
});
