import { apiOperations } from '../src/api/apiOperations.js';
import { openApiDocument } from '../src/api/openApiDocument.js';
import { responseBodies, responseComponents } from '../src/api/responseSchemas.js';
import { nonJsonRequestContent } from '../src/api/requestContent.js';
import { appConfig } from '../src/app/appConfig.js';
import { registerHttpOperation } from './shared/httpOperation.js';

registerHttpOperation('openApiDocument', (request) => {
  const origin = new URL(request.url).origin;
  const parts = {
    operations: apiOperations,
    responses: responseBodies,
    components: responseComponents,
    requestContent: nonJsonRequestContent,
  };
  return Promise.resolve({ jsonBody: openApiDocument(parts, appConfig().registry, `${origin}/api`) });
});
