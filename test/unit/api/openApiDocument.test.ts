import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiOperations } from '../../../src/api/apiOperations.js';
import { openApiDocument } from '../../../src/api/openApiDocument.js';
import { responseBodies, responseComponents } from '../../../src/api/responseSchemas.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import { servedDocument } from '../../support/apiDocument.js';

interface MediaType {
  schema?: Record<string, unknown>;
}
interface Operation {
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[] }>;
  };
}

const document = servedDocument() as unknown as Document;

function operation(path: string, method: string): Operation {
  const found = document.paths[path]?.[method];
  if (found === undefined) throw new Error(`${method} ${path} is not documented`);
  return found;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document to a real validator', async () => {
    // The parser dereferences what it is given; it gets a copy.
    const result = await validate(structuredClone(document) as unknown as Parameters<typeof validate>[0]);
    expect(result.specification).toBe('OpenAPI');
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('describes the body of every 2xx response but a 204', () => {
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, { responses }] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(responses)) {
          if (status.startsWith('2') && status !== '204' && response.content === undefined) {
            missing.push(`${method} ${path} ${status}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(document.paths).length).toBeGreaterThan(20);
  });

  it('refers to shared schemas by $ref: a page of runs holds RunRecords', () => {
    const listRuns = operation('/runs', 'get').responses['200']?.content?.['application/json'];
    expect(listRuns?.schema).toEqual({ $ref: '#/components/schemas/RunPage' });
    expect(document.components.schemas.RunPage?.properties?.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/RunRecord' },
    });
  });

  it('types the params of a run, with their defaults and bounds', () => {
    const body = operation('/runs', 'post').requestBody?.content['application/json']?.schema as {
      properties: { params: { properties: Record<string, Record<string, unknown>> } };
    };
    expect(body.properties.params.properties.epochs).toMatchObject({ type: 'integer', default: 10, maximum: 500 });
    expect(body.properties.params.properties.activation).toMatchObject({ default: 'relu' });
    const run = document.components.schemas.RunRecord;
    expect(run?.properties?.params).toMatchObject({ required: expect.arrayContaining(['epochs', 'seed']) as unknown });
  });

  it('gives the non-JSON bodies their media types', () => {
    expect(Object.keys(operation('/models/{name}/stages/{stage}/predict', 'post').requestBody?.content ?? {})).toEqual([
      'application/json',
      'application/zip',
    ]);
    expect(Object.keys(operation('/runs/{runId}/report', 'get').responses['200']?.content ?? {})).toEqual([
      'text/html',
    ]);
    expect(
      Object.keys(operation('/models/{name}/versions/{version}/artifact', 'get').responses['200']?.content ?? {}),
    ).toEqual(['application/zip', 'application/octet-stream']);
    expect(operation('/models/{name}/stages/{stage}', 'delete').responses['204']?.content).toBeUndefined();
    // Health answers its report on 503 too, not a problem.
    expect(operation('/health', 'get').responses['503']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/HealthReport',
    });
  });

  it('names the operation and the file to edit when an operation has no response body', () => {
    const operations = {
      ...apiOperations,
      listWidgets: {
        method: 'get',
        path: '/widgets',
        summary: 'Widgets',
        access: 'authenticated',
        responses: { 200: 'The widgets' },
      },
    } as const;
    expect(() =>
      openApiDocument(
        { operations, responses: responseBodies, components: responseComponents, requestContent: {} },
        parseRegistryConfig({}),
        'http://localhost/api',
      ),
    ).toThrow(
      'Operation listWidgets answers 200 but has no response body in src/api/responseSchemas.ts (responseBodies.listWidgets).',
    );
  });

  it('names a body no component names after its operation', () => {
    const operations = {
      getWidget: {
        method: 'get',
        path: '/widgets/{id}',
        summary: 'A widget',
        access: 'authenticated',
        responses: { 200: 'The widget' },
      },
    } as const;
    const built = openApiDocument(
      {
        operations,
        responses: { getWidget: { 200: { kind: 'json', schema: z.object({ id: z.string() }) } } },
        components: {},
        requestContent: {},
      },
      parseRegistryConfig({}),
      'http://localhost/api',
    ) as unknown as Document;
    expect(built.components.schemas.GetWidgetResponse).toEqual({
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
      additionalProperties: false,
    });
  });
});
