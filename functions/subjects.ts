import { appStorage } from '../src/app/appStorage.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { eraseSubject } from '../src/domain/gdpr/subjectErasure.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { subjectParams } from '../src/api/requestSchemas.js';
import { registerHttpOperation } from './shared/httpOperation.js';

registerHttpOperation('eraseSubject', async (request, _context, actor) => {
  const { subject } = parseRouteParams(request.params, subjectParams);
  const report = await eraseSubject(appStorage(), appRegistry(), subject, actor);
  const audit = {
    target: `subjects/${subject}`,
    details: {
      rawBlobs: report.rawBlobsDeleted.length,
      windowSetBlobs: report.windowSetBlobsDeleted,
      tableRows: report.tableRowsDeleted,
      runsFlagged: report.runsFlagged.length,
      versionsFlagged: report.versionsFlagged.length,
    },
  };
  return { jsonBody: report, audit };
});
