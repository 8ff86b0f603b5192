import { apiOperations } from '../src/api/apiOperations.js';
import { callerProfile } from '../src/api/callerProfile.js';
import { studioParams } from '../src/api/studioRequests.js';
import { runParams } from '../src/api/requestSchemas.js';
import { appConfig } from '../src/app/appConfig.js';
import { appStorage } from '../src/app/appStorage.js';
import { appStudioAssets } from '../src/app/appStudio.js';
import { runEvaluationDocument } from '../src/domain/runs/runEvaluationDocument.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { registerHttpOperation } from './shared/httpOperation.js';

registerHttpOperation('studio', async (request) => {
  const { path } = parseRouteParams(request.params, studioParams);
  return appStudioAssets().respond(path, new URL(request.url).pathname);
});

registerHttpOperation('getCaller', (_request, _context, caller) =>
  Promise.resolve({ jsonBody: callerProfile(caller, apiOperations, appConfig().registry) }),
);

registerHttpOperation('getRunEvaluation', async (request) => {
  const { runId } = parseRouteParams(request.params, runParams);
  return {
    headers: { 'content-type': 'application/json' },
    body: await runEvaluationDocument(appStorage(), runId),
  };
});
