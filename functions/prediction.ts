import { type HttpRequest } from '@azure/functions';
import { appStorage } from '../src/app/appStorage.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { appConfig } from '../src/app/appConfig.js';
import { HttpProblem } from '../src/platform/http/httpProblem.js';
import { parseJsonBody } from '../src/platform/http/jsonRequest.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { stageParams, storedRecordingBody } from '../src/api/requestSchemas.js';
import { ModelCache } from '../src/domain/prediction/modelCache.js';
import { predictStress, type PredictionInput } from '../src/domain/prediction/predictStress.js';
import { registerHttpOperation } from './shared/httpOperation.js';

let cache: ModelCache | undefined;

async function predictionInputOf(request: HttpRequest): Promise<PredictionInput> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (contentType === 'application/zip' || contentType === 'application/octet-stream') {
    return { kind: 'e4-zip', content: Buffer.from(await request.arrayBuffer()) };
  }
  if (contentType === 'application/json') {
    return { kind: 'stored', ...parseJsonBody(await request.text(), storedRecordingBody) };
  }
  throw new HttpProblem(
    'unsupported-media-type',
    'Send an E4 zip as application/zip, or {subject, version} as application/json.',
  );
}

registerHttpOperation('predictWithStage', async (request) => {
  const { name, stage } = parseRouteParams(request.params, stageParams);
  const version = await appRegistry().versionInStage(name, stage);
  cache ??= new ModelCache(appStorage());
  return {
    jsonBody: await predictStress(appStorage(), cache, version, await predictionInputOf(request), appConfig().drift),
  };
});
