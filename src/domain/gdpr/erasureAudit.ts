import type { AuditEvent } from '../audit/auditRecords.js';
import type { ErasureReport } from './subjectErasure.js';

/**
 * The audit entry of an erasure: the counts, and what exactly was erased or flagged, so the trail
 * shows which uploads, runs and versions an erasure touched. A subject with many uploads makes the
 * lists long; the audit trail moves such details to a blob and keeps the row small
 * (src/domain/audit/auditDetailsSize.ts).
 */
export function erasureAuditChange(report: ErasureReport): Pick<AuditEvent, 'target' | 'details'> {
  return {
    target: `subjects/${report.subject}`,
    details: {
      rawBlobs: report.rawBlobsDeleted.length,
      windowSetBlobs: report.windowSetBlobsDeleted,
      tableRows: report.tableRowsDeleted,
      runsFlagged: report.runsFlagged.length,
      versionsFlagged: report.versionsFlagged.length,
      rawBlobNames: JSON.stringify(report.rawBlobsDeleted),
      flaggedRuns: JSON.stringify(report.runsFlagged),
      flaggedVersions: JSON.stringify(report.versionsFlagged),
    },
  };
}
