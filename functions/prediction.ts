import { app, type HttpResponseInit } from '@azure/functions';
import { functionNames } from '../src/functionNames.js';
import { appStorage } from '../src/storage/appStorage.js';
import { appRegistry } from '../src/registry/appRegistry.js';
import { appConfig } from '../src/config/appConfig.js';
import { requireMediaType } from '../src/http/mediaType.js';
import { ConcurrencyGate } from '../src/http/concurrencyGate.js';
import { parseRouteParams } from '../src/http/requestParts.js';
import { stageParams, storedRecordingBody } from '../src/api/requestSchemas.js';
import { ModelCache } from '../src/prediction/modelCache.js';
import { predictStress } from '../src/prediction/predictStress.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { callerOf } from './shared/caller.js';
import { jsonBodyOf } from './shared/jsonBody.js';

let cache: ModelCache | undefined;
let gate: ConcurrencyGate | undefined;

/**
 * The caller is checked first, then the media type (415 before any byte of the body is read); a
 * zip is heavy work, so it runs within the prediction concurrency limit (503 + Retry-After past it).
 */
export const predictWithStage = withProblemResponses(async (request): Promise<HttpResponseInit> => {
  callerOf(request);
  const mediaType = requireMediaType(request.headers.get('content-type'), ['application/zip', 'application/json']);
  const { name, stage } = parseRouteParams(request.params, stageParams);
  const version = await appRegistry().versionInStage(name, stage);
  cache ??= new ModelCache(appStorage());
  const models = cache;
  const { drift, hostileInput } = appConfig();
  const settings = { drift, limits: hostileInput.upload };
  if (mediaType === 'application/json') {
    const stored = await jsonBodyOf(request, storedRecordingBody);
    return { jsonBody: await predictStress(appStorage(), models, version, { kind: 'stored', ...stored }, settings) };
  }
  gate ??= new ConcurrencyGate(hostileInput.predictConcurrency, 'WESAD_PREDICT_CONCURRENCY');
  return gate.run(async () => {
    const content = new Uint8Array(await request.arrayBuffer());
    return { jsonBody: await predictStress(appStorage(), models, version, { kind: 'e4-zip', content }, settings) };
  });
});

app.http(functionNames.predictWithStage, {
  authLevel: 'function',
  methods: ['POST'],
  route: 'models/{name}/stages/{stage}/predict',
  handler: predictWithStage,
});
