import { apiOperations } from '../../src/api/apiOperations.js';
import { openApiDocument } from '../../src/api/openApiDocument.js';
import { responseBodies, responseComponents } from '../../src/api/responseSchemas.js';
import { nonJsonRequestContent } from '../../src/api/requestContent.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';

/** The document the app serves (functions/openApi.ts), built without a host, with the default registry settings. */
export function servedDocument(serverUrl = 'http://127.0.0.1:7071/api'): Record<string, unknown> {
  return openApiDocument(
    {
      operations: apiOperations,
      responses: responseBodies,
      components: responseComponents,
      requestContent: nonJsonRequestContent,
    },
    parseRegistryConfig({}),
    serverUrl,
  );
}
