import { app } from '@azure/functions';
import { functionNames } from '../src/api/functionNames.js';
import { apiOperations } from '../src/api/apiOperations.js';
import { openApiDocument } from '../src/api/openApiDocument.js';
import { withProblemResponses } from './shared/httpAdapter.js';

export const openApiHandler = withProblemResponses(async (request) => {
  const origin = new URL(request.url).origin;
  return Promise.resolve({ jsonBody: openApiDocument(apiOperations, `${origin}/api`) });
});

app.http(functionNames.openApiDocument, {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'openapi.json',
  handler: openApiHandler,
});
