import { app } from '@azure/functions';
import { functionNames } from '../src/api/functionNames.js';
import { appStorage } from '../src/app/appStorage.js';
import { appConfig } from '../src/app/appConfig.js';
import { appAuditTrail } from '../src/app/appAudit.js';
import { applyTableRetention } from '../src/domain/gdpr/tableRetention.js';

/** Daily at 02:30 UTC: table rows follow the retention the lifecycle policy applies to blobs. */
app.timer(functionNames.applyTableRetention, {
  schedule: '0 30 2 * * *',
  handler: async (_timer, context) => {
    const report = await applyTableRetention(appStorage(), appConfig().dataRetentionDays, new Date());
    await appAuditTrail().append({
      actor: 'system:retention',
      action: 'retention-applied',
      target: 'tables/uploads,datasets,subjects,drift',
      details: { ...report },
    });
    context.log(
      `Retention (rows before ${report.cutoff}): ${report.uploadsDeleted} uploads, ${report.datasetsDeleted} window sets, ${report.subjectsDeleted} subjects, ${report.driftPointsDeleted} drift points deleted`,
    );
  },
});
