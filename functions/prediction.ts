import { appStorage } from '../src/app/appStorage.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { appConfig } from '../src/app/appConfig.js';
import { requireMediaType } from '../src/platform/http/mediaType.js';
import { ConcurrencyGate } from '../src/platform/http/concurrencyGate.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { stageParams, storedRecordingBody } from '../src/api/requestSchemas.js';
import type { ModelCache } from '../src/domain/prediction/modelCache.js';
import { registerHttpOperation } from './shared/httpOperation.js';
import { jsonBodyOf } from './shared/jsonBody.js';

let cache: ModelCache | undefined;
let gate: ConcurrencyGate | undefined;

/**
 * The prediction modules (and through them the model code) load on the first prediction, not with
 * the app: every other function of an instance would otherwise pay for them at its cold start.
 */
const predictionModules = async () => {
  const [{ ModelCache }, { predictStress }] = await Promise.all([
    import('../src/domain/prediction/modelCache.js'),
    import('../src/domain/prediction/predictStress.js'),
  ]);
  return { ModelCache, predictStress };
};

/**
 * The caller is checked first (by the operation table), then the media type (415 before any byte
 * of the body is read); a zip is heavy work, so it runs within the prediction concurrency limit
 * (503 + Retry-After past it).
 */
registerHttpOperation('predictWithStage', async (request) => {
  const mediaType = requireMediaType(request.headers.get('content-type'), ['application/zip', 'application/json']);
  const { name, stage } = parseRouteParams(request.params, stageParams);
  const version = await appRegistry().versionInStage(name, stage);
  const { ModelCache, predictStress } = await predictionModules();
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
