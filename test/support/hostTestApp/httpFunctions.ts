import { app } from '@azure/functions';
import { z } from 'zod';
import { parseJsonBody } from '../../../src/platform/http/jsonRequest.js';
import { withProblemResponses } from '../../../functions/shared/httpAdapter.js';

/** Functions that exercise the local host's HTTP path; loaded only by the host tests. */

app.http('echo', {
  methods: ['GET', 'POST', 'PUT'],
  authLevel: 'anonymous',
  route: 'echo/{id:int}/{label?}',
  handler: withProblemResponses(async (request) => {
    const body =
      request.method === 'GET' ? undefined : parseJsonBody(await request.text(), z.record(z.string(), z.unknown()));
    return {
      status: 201,
      headers: { 'x-echo-method': request.method },
      cookies: [{ name: 'session', value: 'abc', httpOnly: true, sameSite: 'Strict', path: '/' }],
      jsonBody: {
        method: request.method,
        params: request.params,
        query: Object.fromEntries(request.query.entries()),
        header: request.headers.get('x-test-header'),
        body,
      },
    };
  }),
});

app.http('echoLiteral', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'echo/latest',
  handler: () => ({ jsonBody: { literal: true } }),
});

app.http('throws', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'throws',
  handler: () => {
    throw new Error('deliberate failure in a test function');
  },
});

app.http('nothing', {
  methods: ['DELETE'],
  authLevel: 'anonymous',
  route: 'nothing',
  handler: () => undefined as unknown as { status: number },
});
