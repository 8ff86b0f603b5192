import { apiOperations } from '../src/api/apiOperations.js';
import { openApiDocument } from '../src/api/openApiDocument.js';
import { appConfig } from '../src/app/appConfig.js';
import { registerHttpOperation } from './shared/httpOperation.js';

registerHttpOperation('openApiDocument', (request) => {
  const origin = new URL(request.url).origin;
  return Promise.resolve({ jsonBody: openApiDocument(apiOperations, appConfig().registry, `${origin}/api`) });
});
