import { z } from 'zod';
import { appVersion } from '../platform/appVersion.js';
import { problemMediaType } from '../platform/http/problem.js';
import type { ApiOperation } from './apiOperations.js';
import type { RegistryConfig } from '../domain/registry/registryConfig.js';
import { documentedRoles } from './operationAccess.js';

/** The OpenAPI 3.1 document of the API, built from the operations and their request schemas. */
export function openApiDocument(
  operations: Readonly<Record<string, ApiOperation>>,
  registry: RegistryConfig,
  serverUrl: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, operation] of Object.entries(operations)) {
    (paths[operation.path] ??= {})[operation.method] = describe(operationId, operation, registry);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'wesad-mlops',
      version: appVersion().version,
      description: 'Datasets, runs and the model registry for stress detection from WESAD wrist signals.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        entraId: {
          type: 'http',
          scheme: 'bearer',
          description: 'An Entra ID token, validated by App Service Authentication; app roles decide access.',
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
          },
        },
      },
    },
  };
}

function describe(operationId: string, operation: ApiOperation, registry: RegistryConfig): Record<string, unknown> {
  const parameters = [...parametersOf(operation.params, 'path'), ...parametersOf(operation.query, 'query')];
  const responses = Object.fromEntries(
    Object.entries(operation.responses).map(([status, description]) => [
      status,
      Number(status) >= 400
        ? { description, content: { [problemMediaType]: { schema: { $ref: '#/components/schemas/Problem' } } } }
        : { description },
    ]),
  );
  return {
    operationId,
    summary: operation.summary,
    ...(operation.access === 'anonymous' ? { security: [] } : { security: [{ entraId: [] }] }),
    ...documentedRoles(operation, registry),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body === undefined
      ? {}
      : { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(operation.body) } } } }),
    responses,
  };
}

function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query'): Record<string, unknown>[] {
  if (schema === undefined) return [];
  return Object.entries(schema.shape).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || !(property as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(property as z.ZodType),
  }));
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}
