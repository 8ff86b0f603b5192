import { z } from 'zod';
import { appVersion } from '../platform/appVersion.js';
import { problemMediaType } from '../platform/http/problem.js';
import type { ApiOperation } from './apiOperations.js';
import type { RegistryConfig } from '../domain/registry/registryConfig.js';
import { documentedRoles } from './operationAccess.js';
import type { ResponseBody, ResponseHeaders } from './responseSchemas.js';

/** The response bodies by operation and status (src/api/responseSchemas.ts). */
export type ResponseTable = Readonly<Record<string, Readonly<Partial<Record<number, ResponseBody>>>>>;

/** Request bodies in other media types than JSON, by operation (src/api/requestContent.ts). */
export type RequestContentTable = Readonly<Partial<Record<string, Readonly<Record<string, Record<string, unknown>>>>>>;

export interface DocumentParts {
  operations: Readonly<Record<string, ApiOperation>>;
  responses: ResponseTable;
  /** Schemas to name under components/schemas; other JSON bodies are named <OperationId>Response. */
  components: Readonly<Record<string, z.ZodType>>;
  requestContent: RequestContentTable;
}

const componentRef = (id: string): string => `#/components/schemas/${id}`;

/**
 * The OpenAPI 3.1 document of the API, built from the operations, their request schemas and
 * their response schemas. The response schemas are converted together (zod's registry
 * conversion), so a schema used inside another, such as RunRecord in RunPage, is one $ref.
 */
export function openApiDocument(
  parts: DocumentParts,
  registry: RegistryConfig,
  serverUrl: string,
): Record<string, unknown> {
  const schemaIds = responseSchemaIds(parts);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, operation] of Object.entries(parts.operations)) {
    (paths[documentedPath(operation.path)] ??= {})[operation.method] = describe(
      operationId,
      operation,
      parts,
      schemaIds,
      registry,
    );
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
        ...componentSchemas(schemaIds),
      },
    },
  };
}

/**
 * Names every JSON response schema: the components by their key, the rest after their operation.
 * Throws, naming the operation and the file to edit, when a 2xx status it declares has no body.
 */
function responseSchemaIds(parts: DocumentParts): Map<z.ZodType, string> {
  const ids = new Map<z.ZodType, string>();
  for (const [id, schema] of Object.entries(parts.components)) ids.set(schema, id);
  for (const [operationId, operation] of Object.entries(parts.operations)) {
    const bodies = parts.responses[operationId];
    for (const status of Object.keys(operation.responses).map(Number)) {
      const body = bodies?.[status];
      if (body === undefined && status >= 200 && status < 300) {
        throw new Error(
          `Operation ${operationId} answers ${status} but has no response body in src/api/responseSchemas.ts (responseBodies.${operationId}).`,
        );
      }
      if (body?.kind === 'json' && !ids.has(body.schema)) {
        ids.set(body.schema, `${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}Response`);
      }
    }
  }
  return ids;
}

function componentSchemas(ids: Map<z.ZodType, string>): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of ids) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: componentRef, io: 'output', unrepresentable: 'any' });
  // The document is the resource: a component is addressed by its JSON pointer, not an $id of its own.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]),
  );
}

function describe(
  operationId: string,
  operation: ApiOperation,
  parts: DocumentParts,
  schemaIds: Map<z.ZodType, string>,
  registry: RegistryConfig,
): Record<string, unknown> {
  const parameters = [...parametersOf(operation.params, 'path'), ...parametersOf(operation.query, 'query')];
  const bodies = parts.responses[operationId];
  const responses = Object.fromEntries(
    Object.entries(operation.responses).map(([status, description]) => {
      const body = bodies?.[Number(status)];
      if (body !== undefined) return [status, { description, ...responseContent(body, schemaIds) }];
      return [status, { description, content: { [problemMediaType]: { schema: { $ref: componentRef('Problem') } } } }];
    }),
  );
  const content = {
    ...(operation.body === undefined ? {} : { 'application/json': { schema: jsonSchema(operation.body) } }),
    ...parts.requestContent[operationId],
  };
  return {
    operationId,
    summary: operation.summary,
    ...(operation.access === 'anonymous' ? { security: [] } : { security: [{ entraId: [] }] }),
    ...documentedRoles(operation, registry),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(Object.keys(content).length === 0 ? {} : { requestBody: { required: true, content } }),
    responses,
  };
}

function responseContent(body: ResponseBody, schemaIds: Map<z.ZodType, string>): Record<string, unknown> {
  const headers = body.headers === undefined ? {} : { headers: headersOf(body.headers) };
  switch (body.kind) {
    case 'empty':
      return headers;
    case 'json': {
      // responseSchemaIds named every JSON body of the table; a body it did not see is a bug here.
      const id = schemaIds.get(body.schema);
      if (id === undefined) throw new Error('A JSON response body was not named.');
      return { ...headers, content: { 'application/json': { schema: { $ref: componentRef(id) } } } };
    }
    case 'media':
      return {
        ...headers,
        content: Object.fromEntries(body.mediaTypes.map((mediaType) => [mediaType, { schema: body.schema }])),
      };
  }
}

function headersOf(headers: ResponseHeaders): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
  );
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

/**
 * The route in OpenAPI's path template syntax: a Functions catch-all `{*name}` (the rest of the
 * path, slashes included) becomes `{name}`, which OpenAPI has no multi-segment form for.
 */
function documentedPath(route: string): string {
  return route.replace(/\{\*([A-Za-z_][A-Za-z0-9_]*)\}/g, '{$1}');
}
